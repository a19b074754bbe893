package io.alexandria.extraction.book;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.alexandria.extraction.Section;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The small pure helpers: normalisation, container paths, TXT headings, PDF line joining. */
class TextUnitsTest {
    @Test
    void normalizerRemovesInvisiblesAndUnifiesSpaces() {
        assertEquals("asleep—street", TextNormalizer.normalize("asleep\u2060—street"));
        assertEquals("sir …", TextNormalizer.normalize("sir\u2060\u200A\u2060…"));
        assertEquals("a b c d", TextNormalizer.normalize("  a\u00A0\u00A0b\t\n c\u3000\u202Fd \r\n"));
        assertEquals("hyphenation", TextNormalizer.normalize("hy\u00ADphen\u200Bation\uFEFF"));
        assertEquals("bell", TextNormalizer.normalize("\u0007bell\u0000"));
        assertEquals("", TextNormalizer.normalize("\u2060 \u00AD\n"));
        assertEquals("é", TextNormalizer.normalize("e\u0301"), "NFC");
        assertEquals("a\u200Db", TextNormalizer.normalize("a\u200Db"), "ZWJ is kept");
    }

    @Test
    void containerPathsResolveRelativePercentEncodedAndRejectEscapes() {
        assertEquals("epub/", ContainerPaths.folder("epub/content.opf"));
        assertEquals("", ContainerPaths.folder("content.opf"));
        assertEquals("epub/text/chapter-1.xhtml", ContainerPaths.resolve("epub/", "text/chapter-1.xhtml#x"));
        assertEquals("OEBPS/Text/Chapter 1.html", ContainerPaths.resolve("OEBPS/", "Text/Chapter%201.html"));
        assertEquals("OEBPS/Ä.xhtml", ContainerPaths.resolve("OEBPS/Text/", "../%C3%84.xhtml"));
        assertEquals("a/b.xhtml", ContainerPaths.resolve("x/y/", "/a/./b.xhtml"));
        assertEquals("a/100%.xhtml", ContainerPaths.resolve("a/", "100%.xhtml"), "malformed escape kept");
        assertNull(ContainerPaths.resolve("a/", "../../etc/passwd"));
        assertNull(ContainerPaths.resolve("a/", "https://example.org/x.xhtml"));
        assertNull(ContainerPaths.resolve("a/", "#only-fragment"));
        assertEquals("part 2", ContainerPaths.fragment("c.xhtml#part%202"));
        assertNull(ContainerPaths.fragment("c.xhtml"));
    }

    @Test
    void txtChapterHeadingsAreObviousOnly() {
        for (String h : List.of("I", "IX", "XII.", "12", "CHAPTER I", "Chapter 12. The Return", "BOOK TWO",
                "Part III", "Chapter the First")) {
            assertTrue(TextChapters.isHeading(h), h);
        }
        for (String p : List.of("I went home.", "Imprint", "The Great Gatsby", "chapterhouse", "Mix",
                "Chapter 1 " + "x".repeat(80), "1914")) {
            assertFalse(TextChapters.isHeading(p), p);
        }
        assertEquals(List.of(Section.ofChapter(null, List.of("I", "Only one numeral."))),
                TextChapters.of(List.of("I", "Only one numeral.")), "one heading alone does not split");
        assertEquals(Arrays.asList(null, "I", "II"), TextChapters.of(List.of("Front.", "I", "a", "II", "b"))
                .stream().map(Section::chapter).toList());
    }

    @Test
    void pdfLinesAreJoinedAndSplitByGeometry() {
        List<PdfParagraphs.Line> lines = List.of(
                new PdfParagraphs.Line("Heading", 200, 260, 100, 14),
                new PdfParagraphs.Line("It was a dark and stormy night; the rain fell in tor-", 90, 500, 130, 12),
                new PdfParagraphs.Line("rents, except at occasional intervals, when it was", 72, 490, 144, 12),
                new PdfParagraphs.Line("checked.", 72, 120, 158, 12),
                new PdfParagraphs.Line("Not indented but after a short line, and then a dash—", 72, 500, 172, 12),
                new PdfParagraphs.Line("continuing; a well-", 72, 200, 186, 12),
                new PdfParagraphs.Line("Known name.", 72, 150, 200, 12),
                new PdfParagraphs.Line("After a gap.", 72, 150, 260, 12));
        assertEquals(List.of("Heading", "It was a dark and stormy night; the rain fell in torrents, except at "
                + "occasional intervals, when it was checked.", "Not indented but after a short line, and then a "
                + "dash—continuing; a well- Known name.", "After a gap."), PdfParagraphs.of(lines));
    }
}
