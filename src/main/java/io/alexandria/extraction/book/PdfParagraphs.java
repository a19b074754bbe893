package io.alexandria.extraction.book;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Rebuilds the paragraphs of one PDF page from the geometry of its text lines (as PDFBox's text
 * stripper finds them, in content-stream order). PDFBox's own paragraph marks compare each line
 * with the one before, which fails on a one-line paragraph followed by another paragraph, so this
 * class decides from the page as a whole. A new paragraph starts at a line that
 * <ul>
 *   <li>starts right of the page's body margin (the most common line start) by more than half a
 *       font size: an indented first line, a centred heading;</li>
 *   <li>follows a line that ends before {@value #SHORT_LINE} of the text width with sentence
 *       punctuation (. ! ? … : ; or a closing quote or bracket): the last line of a paragraph;</li>
 *   <li>is further below the previous line than {@value #GAP_FACTOR} times the page's usual line
 *       spacing, or above it (a new column or text box).</li>
 * </ul>
 * Lines inside a paragraph are joined with a space, except: a line ending in a hyphen after a
 * letter, followed by a line starting with a lower-case letter, is joined without the hyphen
 * ("conti-" + "nued"); a soft hyphen at a line end is dropped; an em dash at a line end is joined
 * without a space ("asleep—" + "street"). A compound split at its own hyphen ("well-" + "known")
 * also loses the hyphen: a PDF does not say which hyphens the typesetter inserted.
 */
final class PdfParagraphs {
    static final double SHORT_LINE = 0.75;
    static final double GAP_FACTOR = 1.5;

    /**
     * One line of text on a page, in PDF user-space units (1/72 inch), y growing downwards.
     *
     * @param text     the line's text (raw, not yet normalised)
     * @param startX   left edge of its first glyph
     * @param endX     right edge of its last glyph
     * @param y        baseline of its first glyph
     * @param fontSize font size of its first glyph, in points
     */
    record Line(String text, float startX, float endX, float y, float fontSize) {
    }

    private PdfParagraphs() {
    }

    /** The normalised, non-blank paragraphs of one page's lines. */
    static List<String> of(List<Line> lines) {
        List<Line> text = new ArrayList<>();
        for (Line l : lines) {
            if (!TextNormalizer.normalize(l.text()).isEmpty()) {
                text.add(l);
            }
        }
        List<String> out = new ArrayList<>();
        if (text.isEmpty()) {
            return out;
        }
        float margin = bodyMargin(text);
        float right = Float.NEGATIVE_INFINITY;
        for (Line l : text) {
            right = Math.max(right, l.endX());
        }
        float width = right - margin;
        float spacing = usualSpacing(text);
        StringBuilder para = new StringBuilder();
        Line previous = null;
        for (Line line : text) {
            if (previous != null && startsParagraph(previous, line, margin, width, spacing)) {
                emit(out, para);
            }
            append(para, line.text().strip());
            previous = line;
        }
        emit(out, para);
        return out;
    }

    private static boolean startsParagraph(Line previous, Line line, float margin, float width, float spacing) {
        float tolerance = Math.max(2f, line.fontSize() / 2);
        if (line.startX() > margin + tolerance) {
            return true;
        }
        float gap = line.y() - previous.y();
        if (gap < 0 || (spacing > 0 && gap > spacing * GAP_FACTOR)) {
            return true;
        }
        String prev = previous.text().strip();
        return width > 0 && previous.endX() - margin < width * SHORT_LINE && !prev.isEmpty()
                && endsSentence(prev.charAt(prev.length() - 1));
    }

    /** The most common line start (rounded to a point): the left edge of running text. */
    private static float bodyMargin(List<Line> lines) {
        Map<Integer, Integer> counts = new HashMap<>();
        int best = Math.round(lines.getFirst().startX());
        for (Line l : lines) {
            int x = Math.round(l.startX());
            int c = counts.merge(x, 1, Integer::sum);
            if (c > counts.getOrDefault(best, 0) || (c == counts.get(best) && x < best)) {
                best = x;
            }
        }
        float min = Float.POSITIVE_INFINITY;
        for (Line l : lines) {
            if (Math.abs(l.startX() - best) < 1f) {
                min = Math.min(min, l.startX());
            }
        }
        return min;
    }

    /** The median distance between consecutive baselines going down the page; 0 when unknown. */
    private static float usualSpacing(List<Line> lines) {
        float[] gaps = new float[lines.size()];
        int n = 0;
        for (int i = 1; i < lines.size(); i++) {
            float gap = lines.get(i).y() - lines.get(i - 1).y();
            if (gap > 0) {
                gaps[n++] = gap;
            }
        }
        if (n == 0) {
            return 0;
        }
        Arrays.sort(gaps, 0, n);
        return gaps[n / 2];
    }

    private static boolean endsSentence(char c) {
        return switch (c) {
            case '.', '!', '?', '…', ':', ';', '”', '’', '"', '\'', ')', ']' -> true;
            default -> false;
        };
    }

    private static void emit(List<String> out, StringBuilder para) {
        String clean = TextNormalizer.normalize(para);
        if (!clean.isEmpty()) {
            out.add(clean);
        }
        para.setLength(0);
    }

    /** Appends one line to a paragraph, rejoining words broken at the line end. */
    static void append(StringBuilder sb, String line) {
        if (line.isEmpty()) {
            return;
        }
        int len = sb.length();
        if (len == 0) {
            sb.append(line);
            return;
        }
        char last = sb.charAt(len - 1);
        if (last == '\u00AD') {
            sb.setLength(len - 1);
        } else if (len >= 2 && (last == '-' || last == '\u2010') && Character.isLetter(sb.charAt(len - 2))
                && Character.isLowerCase(line.codePointAt(0))) {
            sb.setLength(len - 1);
        } else if (last != '\u2014') {
            sb.append(' ');
        }
        sb.append(line);
    }
}
