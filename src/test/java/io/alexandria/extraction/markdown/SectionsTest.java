package io.alexandria.extraction.markdown;

import static io.alexandria.extraction.markdown.Notes.paragraphs;
import static io.alexandria.extraction.markdown.Notes.parse;
import static io.alexandria.extraction.markdown.Notes.text;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.alexandria.extraction.ExtractedDocument;
import io.alexandria.extraction.Section;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Heading paths and the paragraphs each block type gives. */
class SectionsTest {

    @Test
    void headingPathsFollowTheHeadingHierarchy() {
        ExtractedDocument doc = parse("""
                Intro before any heading.

                # Top
                Under top.
                ## Middle
                Under middle.
                ### Deep
                Under deep.
                ## Second middle
                Under second.
                # Other top
                #### Skipped levels
                Under skipped.
                ### Back up
                Under back up.
                """);
        List<Section> s = doc.sections();
        assertEquals(7, s.size()); // "Other top" has no text of its own
        assertEquals(List.of(), s.get(0).headingPath());
        assertEquals(List.of("Intro before any heading."), s.get(0).paragraphs());
        assertEquals(List.of("Top"), s.get(1).headingPath());
        assertEquals(List.of("Top", "Middle"), s.get(2).headingPath());
        assertEquals(List.of("Top", "Middle", "Deep"), s.get(3).headingPath());
        assertEquals(List.of("Top", "Second middle"), s.get(4).headingPath());
        assertEquals(List.of("Under second."), s.get(4).paragraphs());
        assertEquals(List.of("Other top", "Skipped levels"), s.get(5).headingPath());
        assertEquals(List.of("Other top", "Back up"), s.get(6).headingPath());
        assertEquals(List.of("Under back up."), s.get(6).paragraphs());
        assertEquals(null, s.get(1).chapter());
        assertEquals(null, s.get(1).page());
    }

    @Test
    void setextHeadingsOpenSectionsToo() {
        ExtractedDocument doc = parse("Title\n=====\n\ntext a\n\nSub\n---\n\ntext b\n");
        assertEquals(List.of("Title"), doc.sections().get(0).headingPath());
        assertEquals(List.of("Title", "Sub"), doc.sections().get(1).headingPath());
        assertEquals(List.of("text b"), doc.sections().get(1).paragraphs());
    }

    @Test
    void headingTextIsPlainText() {
        ExtractedDocument doc = parse("## The `id` **field** in [[Task Dependencies#`id`|ids]] and [link](http://x) #tag\nBody\n");
        assertEquals(List.of("The id field in ids and link #tag"), doc.sections().getFirst().headingPath());
        assertEquals(List.of("tag"), doc.listAttribute(ExtractedDocument.TAGS));
        assertEquals(List.of("Task Dependencies"), doc.listAttribute(ExtractedDocument.LINKS));
    }

    @Test
    void sectionsWithoutTextAreLeftOutAndHeadingsOnlyNoteHasNone() {
        ExtractedDocument doc = parse("# A\n## B\nText\n## C\n");
        assertEquals(1, doc.sections().size());
        assertEquals(List.of("A", "B"), doc.sections().getFirst().headingPath());
        assertTrue(parse("# Only\n\n---\n").sections().isEmpty());
        assertTrue(parse("#\nText after an empty heading\n").sections().getFirst().headingPath().isEmpty());
    }

    @Test
    void headingsInsideQuotesAndListsArePlainParagraphs() {
        ExtractedDocument doc = parse("# Real\n> ## Quoted heading\n> text\n\n- ## listed\n");
        assertEquals(1, doc.sections().size());
        assertEquals(List.of("Real"), doc.sections().getFirst().headingPath());
        assertEquals(List.of("Quoted heading", "text", "listed"), doc.sections().getFirst().paragraphs());
    }

    @Test
    void paragraphsKeepLineBreaksAndCollapseBlanks() {
        assertEquals(List.of("one two\nnext line", "hard\nbreak"),
                paragraphs("one   two\nnext line   \n\nhard  \nbreak\n"));
    }

    @Test
    void emphasisAndLinksBecomePlainText() {
        assertEquals(List.of("bold italic link https://example.com/a#b"),
                paragraphs("**bold** _italic_ [link](https://x.org) <https://example.com/a#b>\n"));
    }

    @Test
    void listItemsAreParagraphsAndTaskCheckboxesAreDropped() {
        assertEquals(List.of("first", "nested", "second para", "done task", "todo task", "custom", "[x]not a task"),
                paragraphs("""
                        - first
                          - nested

                          second para
                        - [x] done task
                        1. [ ] todo task
                        2. [/] custom
                        3. [x]not a task
                        - [ ]
                        """));
    }

    @Test
    void tableRowsJoinNonEmptyCells() {
        assertEquals(List.of("Name | Value", "a | line one line two", "only"),
                paragraphs("""
                        | Name | Value |
                        | --- | --- |
                        | a | line one<br>line two |
                        | only |  |
                        |  |  |
                        """));
    }

    @Test
    void blockQuotesKeepTheirText() {
        assertEquals(List.of("quoted text", "second para", "nested quote"),
                paragraphs("> quoted text\n>\n> second para\n>\n> > nested quote\n"));
    }

    @Test
    void calloutsDropTheMarkerAndKeepTitleAndBody() {
        assertEquals(List.of("Be careful", "Body line one\nbody line two"),
                paragraphs("> [!Warning] Be careful\n> Body line one\n> body line two\n"));
        assertEquals(List.of("Only the body"), paragraphs("> [!NOTE]\n> Only the body\n"));
        assertEquals(List.of("Folded title", "hidden body"), paragraphs("> [!example]- Folded title\n> hidden body\n"));
        assertEquals(List.of("Open", "body"), paragraphs("> [!tip]+ Open\n>\n> body\n"));
        assertEquals(List.of("Outer", "Inner title", "inner body"),
                paragraphs("> [!info] Outer\n> > [!warning] Inner title\n> > inner body\n"));
        assertEquals(List.of("Custom type text"), paragraphs("> [!released]\nCustom type text\n"));
        assertEquals(List.of("code in a callout"), paragraphs("> [!example]\n> ```\n> code in a callout\n> ```\n"));
        assertTrue(paragraphs("> [!info]\n").isEmpty());
        assertEquals(List.of("[!not a callout] later"), paragraphs("> text first\n\n[!not a callout] later\n").subList(1, 2));
    }

    @Test
    void codeBlocksAreKeptAsLiteralText() {
        List<String> p = paragraphs("""
                ```tasks
                not done
                group by function task.due.format("YYYY[%%]-MM[%%]")
                ```

                ````markdown
                ```tasks
                path includes [[Note]] #tag
                ```
                ````

                    indented %% code %%
                      keeps indentation

                ~~~
                tilde fence
                ~~~
                """);
        assertEquals(List.of(
                "not done\ngroup by function task.due.format(\"YYYY[%%]-MM[%%]\")",
                "```tasks\npath includes [[Note]] #tag\n```",
                "indented %% code %%\n  keeps indentation",
                "tilde fence"), p);
    }

    @Test
    void emptyCodeBlocksGiveNoParagraph() {
        assertTrue(paragraphs("```\n\n```\n").isEmpty());
    }

    @Test
    void htmlBlocksAreReducedToTextAndCommentsDropped() {
        List<String> p = paragraphs("""
                <div class="x">
                <p>First<br>second</p>
                <table><tr><td>a</td><td>b</td></tr></table>
                </div>

                <!-- snippet: some.file.md -->
                Text after <!-- inline comment --> comment.
                <!-- endSnippet --><!-- include: other.md -->

                <!--
                multi-line comment
                -->
                """);
        assertEquals(List.of("First\nsecond\na | b", "Text after comment."), p);
    }

    @Test
    void inlineHtmlTagsAreStrippedAndBrIsALineBreak() {
        assertEquals(List.of("cell one\ncell two and code and bold"),
                paragraphs("cell one<br/>cell two and <code>code</code> and <b>bold</b>\n"));
    }

    @Test
    void imagesKeepAltTextAndEmbedsAreNotText() {
        assertEquals(List.of("See Screenshot of modal here."),
                paragraphs("See ![Screenshot of modal](../images/modal.png) here.![[x.png]]\n\n![[Other note]]\n\n![](empty-alt.png)\n"));
    }

    @Test
    void footnotesAndTemplaterStayAsText() {
        String t = text("Text[^1] and <% tp.file.path(true) %> and {{query.file.path}}\n\n[^1]: The note.\n");
        assertTrue(t.contains("<% tp.file.path(true) %>"), t);
        assertTrue(t.contains("{{query.file.path}}"), t);
        assertTrue(t.contains("The note."), t);
    }

    @Test
    void neverBlankParagraphs() {
        ExtractedDocument doc = parse("# H\n\n<!-- c -->\n\n%% hidden %%\n\n![[embed]]\n\n<div></div>\n\n- \n\n> \n\n***\n\n[ref]: http://x\n");
        for (Section s : doc.sections()) {
            for (String p : s.paragraphs()) {
                assertFalse(p.isBlank(), "blank paragraph in " + s);
            }
        }
        assertTrue(doc.sections().isEmpty(), doc.sections().toString());
    }

    @Test
    void deepNestingDoesNotCrash() {
        String deep = ">".repeat(50_000) + " deep\n" + "- ".repeat(20_000) + "list\n";
        ExtractedDocument doc = parse(deep);
        assertTrue(text(doc).contains("deep"));
    }
}
