package io.alexandria.extraction.markdown;

import static io.alexandria.extraction.markdown.Notes.paragraphs;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.alexandria.extraction.ExtractedDocument;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/**
 * Issue 15, parser side: pathological nesting gives the same result on any thread (no stack
 * overflow, whatever the stack size), block ids are dropped outside code, frontmatter bombs are
 * refused with a warning.
 */
class BoundedParsingTest {

    /** Parses {@code note} on a thread with a small stack (256 KiB). */
    private static ExtractedDocument parseOnSmallStack(String note) throws InterruptedException {
        AtomicReference<Object> out = new AtomicReference<>();
        Thread t = new Thread(null, () -> {
            try {
                out.set(NoteParser.parse(note));
            } catch (Throwable e) {
                out.set(e);
            }
        }, "small-stack", 256 * 1024);
        t.start();
        t.join();
        if (out.get() instanceof Throwable e) {
            throw new AssertionError("parsing failed on a small stack", e);
        }
        return (ExtractedDocument) out.get();
    }

    @Test
    void deepNestingParsesTheSameOnASmallStackAsOnTheMainThread() throws Exception {
        List<String> notes = List.of(
                ">".repeat(50_000) + " deep quote",
                "- ".repeat(50_000) + "deep item",
                "*".repeat(20_000) + "a" + "*".repeat(20_000),
                "![".repeat(10_000) + "x" + "](y)".repeat(10_000),
                "_a ".repeat(5_000) + "b" + "_".repeat(5_000));
        for (String note : notes) {
            ExtractedDocument main = NoteParser.parse(note);
            ExtractedDocument small = parseOnSmallStack(note);
            assertEquals(main.sections(), small.sections(), note.substring(0, 20));
            assertTrue(main.warnings().stream().noneMatch(w -> w.contains("unstructured")), main.warnings().toString());
        }
        assertEquals(List.of("deep quote"), paragraphs(">".repeat(50_000) + " deep quote"));
        assertEquals(List.of("deep item"), paragraphs("- ".repeat(50_000) + "deep item"));
    }

    @Test
    void nestingUpToTheLimitIsKeptAndDeeperLevelsAreFolded() {
        String sixtyFour = "> ".repeat(64) + "text";
        assertEquals(sixtyFour, NestingLimit.apply(sixtyFour).text());
        NestingLimit.Result r = NestingLimit.apply("ok\n" + "> ".repeat(70) + "text\n- - - x\n");
        assertEquals(1, r.cutLines());
        assertEquals("ok\n" + "> ".repeat(64) + "text\n- - - x\n", r.text());
        assertEquals("- - -", NestingLimit.apply("- - -").text(), "a thematic break is left alone");
    }

    @Test
    void inlineDelimitersBeyondTheLimitAreEscapedOutsideCodeOnly() {
        String code = "`" + "*".repeat(600) + "`";
        assertEquals(code, InlineLimit.apply(code, List.of()).text(), "code spans keep their asterisks");
        String fence = "```\n" + "_".repeat(2_000) + "\n```\n";
        assertEquals(fence, InlineLimit.apply(fence, List.of()).text(), "code blocks keep their underscores");
        String prose = "**bold** ".repeat(300);
        InlineLimit.Result r = InlineLimit.apply(prose, List.of());
        assertEquals(1, r.capped());
        assertEquals(700, r.text().chars().filter(c -> c == '\\').count(), "1,200 marks, the last 700 escaped");
        String text = Notes.text(prose);
        assertTrue(text.startsWith("bold bold"), text.substring(0, 30));
        assertTrue(text.endsWith("**bold**"), "later marks show as written");
    }

    @Test
    void obsidianBlockIdsAreDroppedButNotInCode() {
        String note = "A paragraph. ^b15695\n\n- item ^id-1\n- `x ^kept`\n\n^table-id\n\nx ^2 mid line\n\n```\ncode ^c1\n```\n";
        assertEquals(List.of("A paragraph.", "item", "x ^kept", "x ^2 mid line", "code ^c1"), paragraphs(note));
        assertEquals(-1, BlockIds.idStart("5 ^ 2"));
        assertEquals(2, BlockIds.idStart("a ^id  "));
        assertEquals(-1, BlockIds.idStart("a^id"), "a caret inside a word is not a block id");
    }

    @Test
    void frontmatterBombsAreRefusedWithAWarningAndTheBodyKept() {
        String anchor = "---\nbig: &big \"" + "x".repeat(300_000) + "\"\nrefs: [*big, *big, *big, *big]\n---\nBody.\n";
        ExtractedDocument a = NoteParser.parse(anchor);
        assertEquals(List.of("Body."), paragraphs(a));
        assertTrue(a.warnings().getFirst().contains("1048576 characters"), a.warnings().toString());
        assertTrue(a.attributes().get(ExtractedDocument.FRONTMATTER) instanceof java.util.Map<?, ?> m && m.isEmpty());

        ExtractedDocument deep = NoteParser.parse("---\nk: " + "[".repeat(65) + "\n---\nBody.\n");
        assertTrue(deep.warnings().getFirst().contains("nested deeper than 64"), deep.warnings().toString());
        ExtractedDocument indented = NoteParser.parse("---\nk:\n" + " ".repeat(600) + "v: 1\n---\nBody.\n");
        assertTrue(indented.warnings().getFirst().contains("indented by more than 512"), indented.warnings().toString());
        ExtractedDocument fine = NoteParser.parse("---\nk: [[a, b], {c: d}]\ntags: [x]\n---\nBody.\n");
        assertTrue(fine.warnings().isEmpty(), fine.warnings().toString());
        assertEquals(List.of("x"), fine.listAttribute(ExtractedDocument.TAGS));
    }

    @Test
    void aHeadingOrParagraphMadeOfMarkupAloneGivesNoEmptyParagraph() {
        assertFalse(paragraphs("^only-an-id").contains(""));
        assertTrue(paragraphs("^only-an-id").isEmpty());
    }
}
