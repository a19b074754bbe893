package io.alexandria.extraction.markdown;

import static io.alexandria.extraction.markdown.Notes.frontmatter;
import static io.alexandria.extraction.markdown.Notes.paragraphs;
import static io.alexandria.extraction.markdown.Notes.parse;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.alexandria.extraction.ExtractedDocument;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FrontmatterTest {

    @Test
    void titleTagsAndAliasesFromYamlLists() {
        ExtractedDocument doc = parse("""
                ---
                title: My Note
                tags:
                  - project/alpha
                  - '#review'
                aliases:
                    - Old/Path?
                    - What is New?/Changelog, old
                ---
                Body text.
                """);
        assertEquals("My Note", doc.title());
        assertEquals(List.of("project/alpha", "review"), doc.listAttribute(ExtractedDocument.TAGS));
        assertEquals(List.of("Old/Path?", "What is New?/Changelog, old"), doc.listAttribute(ExtractedDocument.ALIASES));
        assertEquals(List.of("Body text."), paragraphs(doc));
        assertTrue(doc.warnings().isEmpty(), doc.warnings().toString());
    }

    @Test
    void tagsAndAliasesAsStringsAndSingularKeys() {
        ExtractedDocument doc = parse("""
                ---
                tag: "#one, two three"
                alias: Just one, with a comma
                ---
                """);
        assertEquals(List.of("one", "two", "three"), doc.listAttribute(ExtractedDocument.TAGS));
        assertEquals(List.of("Just one, with a comma"), doc.listAttribute(ExtractedDocument.ALIASES));
    }

    @Test
    void inlineFlowListsAndNumericTagsSkipped() {
        ExtractedDocument doc = parse("---\ntags: [a, 1505, b/c]\naliases: [x, y]\n---\n");
        assertEquals(List.of("a", "b/c"), doc.listAttribute(ExtractedDocument.TAGS));
        assertEquals(List.of("x", "y"), doc.listAttribute(ExtractedDocument.ALIASES));
    }

    @Test
    void scalarsKeepTheirWrittenTextDatesAreNotConverted() {
        ExtractedDocument doc = parse("""
                ---
                created: 2024-01-05
                stamp: 2024-01-05T10:20:30Z
                time: 12:30:00
                publish: false
                version: 1.10
                octal: 0o17
                empty:
                nothing: null
                list: [b, 2024-02-03]
                nested: {k: v}
                ---
                """);
        Map<String, String> fm = frontmatter(doc);
        assertEquals("2024-01-05", fm.get("created"));
        assertEquals("2024-01-05T10:20:30Z", fm.get("stamp"));
        assertEquals("12:30:00", fm.get("time"));
        assertEquals("false", fm.get("publish"));
        assertEquals("1.10", fm.get("version"));
        assertEquals("0o17", fm.get("octal"));
        assertEquals("", fm.get("empty"));
        assertEquals("null", fm.get("nothing"));
        assertEquals("[\"b\",\"2024-02-03\"]", fm.get("list"));
        assertEquals("{\"k\":\"v\"}", fm.get("nested"));
        assertNull(doc.title());
    }

    @Test
    void malformedYamlKeepsTheBodyAndWarns() {
        ExtractedDocument doc = parse("""
                ---
                title: [unclosed
                tags: a
                ---
                # Heading
                Body survives.
                """);
        assertTrue(frontmatter(doc).isEmpty());
        assertNull(doc.title());
        assertTrue(doc.listAttribute(ExtractedDocument.TAGS).isEmpty());
        assertEquals(List.of("Body survives."), paragraphs(doc));
        assertEquals(List.of("Heading"), doc.sections().getFirst().headingPath());
        assertEquals(1, doc.warnings().size());
        assertTrue(doc.warnings().getFirst().contains("not valid YAML"), doc.warnings().toString());
    }

    @Test
    void jsonStyleFrontmatterIsReadAsAFlowMapping() {
        ExtractedDocument doc = parse("---\n{\"title\": \"From JSON\", \"tags\": [\"j1\", \"j2\"], \"n\": 3}\n---\nText\n");
        assertEquals("From JSON", doc.title());
        assertEquals(List.of("j1", "j2"), doc.listAttribute(ExtractedDocument.TAGS));
        assertEquals("3", frontmatter(doc).get("n"));
        assertEquals(List.of("Text"), paragraphs(doc));
    }

    @Test
    void malformedJsonFrontmatterWarnsAndKeepsBody() {
        ExtractedDocument doc = parse("---\n{\"title\": \"x\", \"tags\": [\"a\"\n---\nStill here\n");
        assertTrue(frontmatter(doc).isEmpty());
        assertEquals(List.of("Still here"), paragraphs(doc));
        assertEquals(1, doc.warnings().size(), doc.warnings().toString());
    }

    @Test
    void frontmatterThatIsNotAMapWarns() {
        ExtractedDocument list = parse("---\n- a\n- b\n---\nBody\n");
        assertTrue(frontmatter(list).isEmpty());
        assertEquals(List.of("Body"), paragraphs(list));
        assertTrue(list.warnings().getFirst().contains("a list"), list.warnings().toString());

        ExtractedDocument scalar = parse("---\njust some words\n---\nBody\n");
        assertTrue(frontmatter(scalar).isEmpty());
        assertEquals(List.of("Body"), paragraphs(scalar));
        assertEquals(1, scalar.warnings().size());
    }

    @Test
    void duplicateKeysCustomTagsAndAliasBombsAreHandledSafely() {
        ExtractedDocument dup = parse("---\na: 1\na: 2\n---\nB\n");
        assertEquals(1, dup.warnings().size());
        assertEquals(List.of("B"), paragraphs(dup));

        ExtractedDocument custom = parse("---\nx: !!java/object:java.io.File /tmp\ny: !Custom z\nb: !!binary aGk=\n---\nC\n");
        assertEquals(List.of("C"), paragraphs(custom));
        assertTrue(custom.warnings().isEmpty(), custom.warnings().toString());
        assertEquals("/tmp", frontmatter(custom).get("x")); // tags are never acted on: the text stays
        assertEquals("z", frontmatter(custom).get("y"));
        assertEquals("aGk=", frontmatter(custom).get("b"));

        ExtractedDocument recursive = parse("---\na: &x [1, *x]\n---\nR\n");
        assertEquals(List.of("R"), paragraphs(recursive));
        assertTrue(frontmatter(recursive).isEmpty());
        assertEquals(1, recursive.warnings().size(), recursive.warnings().toString());

        StringBuilder bomb = new StringBuilder("---\na: &a [x, x, x, x, x, x, x, x, x]\n");
        char prev = 'a';
        for (char c = 'b'; c <= 'k'; c++) {
            bomb.append(c).append(": &").append(c).append(" [");
            for (int i = 0; i < 9; i++) {
                bomb.append(i == 0 ? "" : ", ").append('*').append(prev);
            }
            bomb.append("]\n");
            prev = c;
        }
        bomb.append("---\nD\n");
        ExtractedDocument laughs = parse(bomb.toString());
        assertEquals(List.of("D"), paragraphs(laughs));
        assertTrue(frontmatter(laughs).isEmpty());
        assertEquals(1, laughs.warnings().size());
    }

    @Test
    void unclosedFrontmatterIsBodyTextWithAWarning() {
        ExtractedDocument doc = parse("---\ntitle: x\nno closing line\n");
        assertNull(doc.title());
        assertTrue(frontmatter(doc).isEmpty());
        assertTrue(Notes.text(doc).contains("no closing line"));
        assertTrue(doc.warnings().getFirst().contains("not closed"), doc.warnings().toString());
    }

    @Test
    void frontmatterOnlyAndEmptyNotesHaveNoSections() {
        ExtractedDocument only = parse("---\npublish: true\n---\n");
        assertTrue(only.sections().isEmpty());
        assertEquals("true", frontmatter(only).get("publish"));
        assertTrue(only.warnings().isEmpty());

        ExtractedDocument empty = parse("");
        assertTrue(empty.sections().isEmpty());
        assertTrue(empty.warnings().isEmpty());
        assertTrue(frontmatter(empty).isEmpty());
        assertEquals(List.of(), empty.listAttribute(ExtractedDocument.LINKS));

        ExtractedDocument emptyYaml = parse("---\n---\nx\n");
        assertTrue(frontmatter(emptyYaml).isEmpty());
        assertTrue(emptyYaml.warnings().isEmpty());
        assertEquals(List.of("x"), paragraphs(emptyYaml));
    }

    @Test
    void frontmatterMustStartOnTheFirstLineAndMayUseCrlf() {
        ExtractedDocument late = parse("\n---\ntitle: x\n---\n");
        assertNull(late.title());
        assertTrue(frontmatter(late).isEmpty());

        ExtractedDocument crlf = parse("---\r\ntitle: Windows\r\n---\r\nLine one\r\nline two\r\n");
        assertEquals("Windows", crlf.title());
        assertEquals(List.of("Line one\nline two"), paragraphs(crlf));
    }

    @Test
    void nonTextTitleIsIgnored() {
        assertNull(parse("---\ntitle: [a, b]\n---\n").title());
        assertNull(parse("---\ntitle: '  '\n---\n").title());
        assertEquals("Trimmed", parse("---\nTitle: '  Trimmed '\n---\n").title());
    }
}
