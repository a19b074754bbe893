package io.alexandria.extraction.markdown;

import static io.alexandria.extraction.markdown.Notes.links;
import static io.alexandria.extraction.markdown.Notes.paragraphs;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Wikilinks and embeds: display text in the paragraphs, targets in {@code LINKS}. */
class WikiLinksTest {

    @Test
    void linkFormsGiveTargetAndDisplayText() {
        String note = """
                [[Plain]] [[Target|Shown]] [[Note#Heading]] [[Note2#H1#H2]] [[Blocky#^abc123]] [[#Local]] \
                [[Advanced/Notifications|reminder date]] [[Blocky#^abc123|block alias]]
                """;
        assertEquals(List.of("Plain", "Target", "Note", "Note2", "Blocky", "Advanced/Notifications"), links(note));
        assertEquals(List.of("Plain Shown Note > Heading Note2 > H1 > H2 Blocky Local reminder date block alias"),
                paragraphs(note));
    }

    @Test
    void embedsGiveLinksButNoText() {
        String note = "Before ![[Tasks Api#Limitations of the Tasks API]] mid ![[on-completion-before.png]] ![[x.png|200]] after\n";
        assertEquals(List.of("Tasks Api", "on-completion-before.png", "x.png"), links(note));
        assertEquals(List.of("Before mid after"), paragraphs(note));
    }

    @Test
    void escapedPipeInTablesIsTheAliasSeparator() {
        String note = "| Instruction | See |\n|---|---|\n| sort | [[Sorting\\|Sort]] and [[Grouping#Custom\\|custom]] |\n";
        assertEquals(List.of("Sorting", "Grouping"), links(note));
        assertEquals(List.of("Instruction | See", "sort | Sort and custom"), paragraphs(note));
    }

    @Test
    void codeSpansInsideALinkBelongToIt() {
        String note = "Allowed [[Task Dependencies#`id`|allowed `id` characters]] and [[Tasks Api#`edit(line string) => string;`]].\n";
        assertEquals(List.of("Task Dependencies", "Tasks Api"), links(note));
        assertEquals(List.of("Allowed allowed id characters and Tasks Api > edit(line string) => string;."), paragraphs(note));
    }

    @Test
    void linksInCodeDoNotCount() {
        String note = """
                Use `[[filename|optional alias]]` and ``[[Set up custom statuses|`` text]].

                ```markdown
                [[In fenced code]] ![[Embedded in code]]
                ```

                    [[In indented code]]
                """;
        assertEquals(List.of(), links(note));
        List<String> p = paragraphs(note);
        assertEquals("Use [[filename|optional alias]] and [[Set up custom statuses| text]].", p.getFirst());
        assertEquals("[[In fenced code]] ![[Embedded in code]]", p.get(1));
        assertEquals("[[In indented code]]", p.get(2));
    }

    @Test
    void aLinkCutByACodeSpanIsNotALink() {
        // as in How To/Style custom statuses.md: the [[ is inside a code span
        String note = "inside `[[Set up custom statuses|` and `]`, then [set up your custom statuses]] for it.\n";
        assertEquals(List.of(), links(note));
        assertEquals(List.of("inside [[Set up custom statuses| and ], then [set up your custom statuses]] for it."),
                paragraphs(note));
    }

    @Test
    void linksAreDeduplicatedInFirstSeenOrder() {
        assertEquals(List.of("B", "A"), links("[[B]] [[A|x]] [[B#h]] ![[A]] [[B]]\n"));
        assertEquals(List.of("Layout", "x/y"), links("[[Layout]] [[layout]] [[LAYOUT#h|z]] [[x/y]] [[X/Y]]\n"),
                "Obsidian resolves links ignoring case");
    }

    @Test
    void notLinks() {
        assertEquals(List.of(), links("\\[[escaped]] [[]] [[  ]] [[unclosed\nline]] [single] [[#only here]]\n"));
        assertTrue(paragraphs("[[]] and [[ ]]\n").getFirst().contains("[[]]"));
    }

    @Test
    void nestedOpenersUseTheInnermostLink() {
        assertEquals(List.of("b"), links("[[a [[b]]\n"));
    }

    @Test
    void linksInHeadingsListsQuotesAndHtmlCount() {
        assertEquals(List.of("H", "L", "Q", "T"),
                links("# See [[H]]\n- [[L]]\n\n> [!note] [[Q]]\n\n<p>[[T]]</p>\n"));
    }

    @Test
    void linksInHtmlCommentsAndObsidianCommentsDoNotCount() {
        assertEquals(List.of("kept"), links("<!-- [[gone]] -->\n\n%% [[also gone]] %%\n\n[[kept]]\n"));
    }

    @Test
    void markdownLinksAreNotWikilinks() {
        assertEquals(List.of(), links("[filters](Filters) and [web](https://x.org) and [ref]\n\n[ref]: Other\n"));
    }

    @Test
    void wikiLinkParsing() {
        WikiLink l = WikiLink.parse(" Note#Head#Sub | Alias ", false);
        assertEquals("Note", l.target());
        assertEquals("Head#Sub", l.subpath());
        assertEquals("Alias", l.alias());
        assertEquals("Alias", l.displayText());
        WikiLink same = WikiLink.parse("#Local", false);
        assertNull(same.linkTarget());
        assertEquals("Local", same.displayText());
        WikiLink block = WikiLink.parse("Note#^id", true);
        assertTrue(block.isBlockReference());
        assertTrue(block.embed());
        assertEquals("Note", block.displayText());
        WikiLink table = WikiLink.parse("Sorting\\|Sort", false);
        assertEquals("Sorting", table.target());
        assertEquals("Sort", table.alias());
        assertFalse(WikiLink.parse("x", false).isBlockReference());
    }

    @Test
    void parsedNoteListsEveryLinkWithRepeats() {
        ParsedNote note = NoteParser.analyze("[[A]] ![[b.png]] [[A|again]] [[#Self]]\n");
        assertEquals(4, note.wikiLinks().size());
        assertTrue(note.wikiLinks().get(1).embed());
        assertEquals(List.of("A", "b.png"), note.document().listAttribute(io.alexandria.extraction.ExtractedDocument.LINKS));
    }
}
