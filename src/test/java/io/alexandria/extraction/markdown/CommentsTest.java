package io.alexandria.extraction.markdown;

import static io.alexandria.extraction.markdown.Notes.paragraphs;
import static io.alexandria.extraction.markdown.Notes.parse;
import static io.alexandria.extraction.markdown.Notes.text;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.alexandria.extraction.ExtractedDocument;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Obsidian {@code %% comments %%}: dropped outside code, kept inside code. */
class CommentsTest {

    @Test
    void inlineCommentsAreDropped() {
        assertEquals(List.of("visible and more"), paragraphs("visible %%hidden%% and more\n"));
        assertEquals(List.of("Name | TODO | DONE"), paragraphs("| Name | %%2%%TODO | %%4%%DONE |\n|--|--|--|\n"));
    }

    @Test
    void multiLineCommentsAreDroppedWithTheirHeadingsAndCode() {
        ExtractedDocument doc = parse("""
                # Kept
                before

                %%
                #### Hidden heading
                hidden text [[Hidden link]] #hiddentag

                ```text
                hidden code
                ```
                %%

                after
                """);
        assertEquals(1, doc.sections().size());
        assertEquals(List.of("Kept"), doc.sections().getFirst().headingPath());
        assertEquals(List.of("before", "after"), doc.sections().getFirst().paragraphs());
        assertTrue(doc.listAttribute(ExtractedDocument.LINKS).isEmpty());
        assertTrue(doc.listAttribute(ExtractedDocument.TAGS).isEmpty());
        assertEquals(2, NoteParser.analyze("a %%b%% c %%d\ne%% f").comments());
    }

    @Test
    void percentSignsInCodeAreNotComments() {
        assertEquals(List.of("format YYYY[%%]-MM[%%] here"), paragraphs("format `YYYY[%%]-MM[%%]` here\n"));
        assertEquals(List.of("a %% b"), paragraphs("```\na %% b\n```\n"));
        assertEquals(List.of("a %% b"), paragraphs("    a %% b\n"));
        assertEquals(0, NoteParser.analyze("`%%` and\n\n```\n%%\n```\n").comments());
    }

    @Test
    void codeSpansAfterEscapedPipesInTableCellsStayCode() {
        // GFM drops the backslash of each \| before inline parsing; code positions must be mapped back
        assertEquals(List.of("h", "|||| %% kept"), paragraphs("| h |\n|---|\n| \\|\\|\\|\\| `%%` kept %% gone %% |\n"));
        assertEquals(List.of("h", "a|b [[x]] y"), paragraphs("| h |\n|---|\n| a\\|b `[[x]]` y |\n"));
    }

    @Test
    void codeInsideACommentDoesNotEndIt() {
        // the %% inside the code span is code, so the comment runs to the last %%
        assertEquals(List.of("start end"), paragraphs("start %% hidden `%%` still hidden %% end\n"));
    }

    @Test
    void unclosedCommentHidesTheRestWithAWarning() {
        ExtractedDocument doc = parse("shown\n\n%% never closed\n\nhidden\n");
        assertEquals(List.of("shown"), paragraphs(doc));
        assertEquals(1, doc.warnings().size());
        assertTrue(doc.warnings().getFirst().contains("not closed"), doc.warnings().toString());
    }

    @Test
    void htmlCommentsAreDroppedButCodeShowingThemIsKept() {
        String t = text("a <!-- gone --> b\n\n- `<!-- shown as code -->`\n- `%% shown as code %%`\n");
        assertEquals("a b\n\n<!-- shown as code -->\n\n%% shown as code %%", t);
        assertFalse(t.contains("gone"));
    }
}
