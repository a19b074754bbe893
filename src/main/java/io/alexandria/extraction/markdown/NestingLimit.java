package io.alexandria.extraction.markdown;

/**
 * Caps how deeply one line can nest Markdown containers. A line such as {@code > > > > …} or
 * {@code - - - - … item} opens one block quote or list per marker; a few thousand of them make
 * CommonMark parsing quadratic (every marker re-checks the blocks already open) and the tree
 * absurdly deep. This pass keeps the first {@link #MAX_DEPTH} container markers at the start of each
 * line and drops the rest, so the line's text ends up {@value #MAX_DEPTH} levels deep instead of
 * thousands, and parsing stays linear. No real note nests that deep; a note that does keeps all its
 * text.
 *
 * <p>A container marker, as CommonMark reads the start of a line: blanks, then {@code >} (block
 * quote), or {@code -}, {@code +}, {@code *} or 1–9 digits and {@code .} or {@code )} (list item)
 * followed by a blank or the end of the line. Linear in the text's length.
 */
final class NestingLimit {
    /** Most container markers kept at the start of a line. */
    static final int MAX_DEPTH = 64;

    /**
     * The text with its lines capped, and how many lines were cut.
     *
     * @param text     the result
     * @param cutLines lines that had more than {@link #MAX_DEPTH} markers
     */
    record Result(String text, int cutLines) {
    }

    private NestingLimit() {
    }

    /** Applies the cap to every line of {@code text} (LF line ends). */
    static Result apply(String text) {
        StringBuilder out = null;
        int cut = 0;
        int lineStart = 0;
        int n = text.length();
        while (lineStart <= n) {
            int lineEnd = text.indexOf('\n', lineStart);
            if (lineEnd < 0) {
                lineEnd = n;
            }
            int keepEnd = -1; // end of the last marker kept, when the line is over the cap
            int markers = 0;
            int i = lineStart;
            while (i < lineEnd) {
                int j = i;
                while (j < lineEnd && (text.charAt(j) == ' ' || text.charAt(j) == '\t')) {
                    j++;
                }
                int after = markerEnd(text, j, lineEnd);
                if (after < 0) {
                    break;
                }
                markers++;
                if (markers == MAX_DEPTH) {
                    keepEnd = after;
                }
                i = after;
            }
            if (markers > MAX_DEPTH) {
                if (out == null) {
                    out = new StringBuilder(n);
                    out.append(text, 0, lineStart);
                }
                cut++;
                out.append(text, lineStart, keepEnd).append(' ');
                int rest = i;
                while (rest < lineEnd && (text.charAt(rest) == ' ' || text.charAt(rest) == '\t')) {
                    rest++;
                }
                out.append(text, rest, lineEnd);
            } else if (out != null) {
                out.append(text, lineStart, lineEnd);
            }
            if (lineEnd < n && out != null) {
                out.append('\n');
            }
            lineStart = lineEnd + 1;
        }
        return out == null ? new Result(text, 0) : new Result(out.toString(), cut);
    }

    /** Index just past a container marker starting at {@code i}, or -1 when there is none. */
    private static int markerEnd(String s, int i, int end) {
        if (i >= end) {
            return -1;
        }
        char c = s.charAt(i);
        if (c == '>') {
            return i + 1;
        }
        int j = i;
        if (c == '-' || c == '+' || c == '*') {
            j = i + 1;
        } else {
            while (j < end && j - i < 9 && s.charAt(j) >= '0' && s.charAt(j) <= '9') {
                j++;
            }
            if (j == i || j >= end || (s.charAt(j) != '.' && s.charAt(j) != ')')) {
                return -1;
            }
            j++;
        }
        return j == end || s.charAt(j) == ' ' || s.charAt(j) == '\t' ? j : -1;
    }
}
