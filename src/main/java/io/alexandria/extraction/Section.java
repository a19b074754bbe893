package io.alexandria.extraction;

import java.util.List;

/**
 * A run of text that shares one location context: a Markdown heading section, an EPUB chapter,
 * or a PDF page. A chunk spans two sections only when the chunker merges a tiny section (a heading
 * and a line) with its neighbour of the same chapter and page; it then carries the heading path both
 * share, and never spans two chapters or pages.
 *
 * @param headingPath headings from the outermost down to this section's own heading (empty for
 *                    text before the first heading); for books, the chapter title as one element
 * @param chapter     chapter title for book formats, else {@code null}
 * @param page        1-based page number for paged formats (PDF), else {@code null}
 * @param paragraphs  the section's paragraphs in reading order: plain text, no markup, never
 *                    blank; a paragraph may be very long (the chunker splits it)
 */
public record Section(List<String> headingPath, String chapter, Integer page, List<String> paragraphs) {
    public Section {
        headingPath = List.copyOf(headingPath);
        paragraphs = List.copyOf(paragraphs);
    }

    /** A section with only a heading path (Markdown). */
    public static Section ofHeadings(List<String> headingPath, List<String> paragraphs) {
        return new Section(headingPath, null, null, paragraphs);
    }

    /** A chapter of a book (EPUB, HTML, FB2, DOCX…). */
    public static Section ofChapter(String chapter, List<String> paragraphs) {
        return new Section(chapter == null ? List.of() : List.of(chapter), chapter, null, paragraphs);
    }

    /** A page of a paged format (PDF). */
    public static Section ofPage(int page, List<String> paragraphs) {
        return new Section(List.of(), null, page, paragraphs);
    }

    /** Total characters of text in this section. */
    public long characters() {
        long n = 0;
        for (String p : paragraphs) {
            n += p.length();
        }
        return n;
    }
}
