package io.alexandria.extraction.book;

import io.alexandria.extraction.Section;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Finds obvious chapter headings in plain text: a paragraph that is only a chapter label, such
 * as {@code CHAPTER I}, {@code Chapter 12. The Return}, {@code BOOK TWO}, {@code PART III}, or an
 * upper-case Roman numeral or a number alone ({@code IV}, {@code IV.}, {@code 12}). Splitting
 * happens only when at least two such headings exist; otherwise the text is one section without a
 * chapter title. A chapter keeps its heading as its first paragraph.
 */
final class TextChapters {
    private static final int MAX_HEADING_CHARS = 80;
    private static final Pattern LABELLED = Pattern.compile(
            "(?i)(chapter|book|part|volume|section|letter|canto|act|stave)\\s+"
                    + "([0-9]{1,4}|[ivxlcdm]{1,8}|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve"
                    + "|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|twenty|the \\w+)"
                    + "(\\b[.:]?(\\s.*)?)?");
    private static final Pattern BARE = Pattern.compile("([IVXLCDM]{1,8}|[0-9]{1,3})\\.?");

    private TextChapters() {
    }

    /** Whether {@code paragraph} is a chapter heading by the rules above. */
    static boolean isHeading(String paragraph) {
        return paragraph.length() <= MAX_HEADING_CHARS
                && (LABELLED.matcher(paragraph).matches() || BARE.matcher(paragraph).matches());
    }

    /** The sections of {@code paragraphs}, split at chapter headings when there are two or more. */
    static List<Section> of(List<String> paragraphs) {
        int headings = 0;
        for (String p : paragraphs) {
            if (isHeading(p)) {
                headings++;
            }
        }
        if (headings < 2) {
            return paragraphs.isEmpty() ? List.of() : List.of(Section.ofChapter(null, paragraphs));
        }
        List<Section> out = new ArrayList<>();
        String title = null;
        List<String> current = new ArrayList<>();
        for (String p : paragraphs) {
            if (isHeading(p)) {
                if (!current.isEmpty()) {
                    out.add(Section.ofChapter(title, current));
                }
                title = p;
                current = new ArrayList<>();
            }
            current.add(p);
        }
        if (!current.isEmpty()) {
            out.add(Section.ofChapter(title, current));
        }
        return out;
    }
}
