package io.alexandria.extraction.markdown;

import org.commonmark.ext.gfm.tables.TableCell;
import org.commonmark.node.Code;
import org.commonmark.node.FencedCodeBlock;
import org.commonmark.node.IndentedCodeBlock;
import org.commonmark.node.Node;
import org.commonmark.node.SourceSpan;

/**
 * Which characters of a Markdown source are code, as CommonMark sees it: fenced code blocks (fence
 * lines included), indented code blocks and inline code spans (backticks included).
 *
 * <p>Computed from the source spans of a commonmark-java parse with
 * {@code IncludeSourceSpans.BLOCKS_AND_INLINES}. One correction: in a GFM table cell the parser
 * drops the backslash of each {@code \|} before parsing inlines, so inline spans after one are
 * shifted; they are mapped back to the original cell text here. The walk is iterative, so any
 * nesting depth is safe, and linear in the size of the note.
 */
final class CodeMask {
    private CodeMask() {
    }

    /**
     * @param source the text that was parsed
     * @param doc    its document, parsed with inline source spans
     * @return {@code mask[i]} is {@code true} when {@code source.charAt(i)} is code
     */
    static boolean[] of(String source, Node doc) {
        boolean[] mask = new boolean[source.length()];
        Node n = doc;
        while (n != null) {
            boolean descend = true;
            if (n instanceof FencedCodeBlock || n instanceof IndentedCodeBlock) {
                for (SourceSpan span : n.getSourceSpans()) {
                    mark(mask, span.getInputIndex(), span.getInputIndex() + span.getLength());
                }
                descend = false;
            } else if (n instanceof TableCell cell) {
                markCell(source, cell, mask);
                descend = false;
            } else if (n instanceof Code code) {
                for (SourceSpan span : code.getSourceSpans()) {
                    mark(mask, span.getInputIndex(), span.getInputIndex() + span.getLength());
                }
            }
            n = SectionBuilder.next(n, doc, descend);
        }
        return mask;
    }

    /** Marks the code spans of one table cell, mapping their positions back through {@code \\|}. */
    private static void markCell(String source, TableCell cell, boolean[] mask) {
        SourceSpan cellSpan = cell.getSourceSpans().size() == 1 ? cell.getSourceSpans().getFirst() : null;
        int[] original = null;
        for (Node n = cell.getFirstChild(); n != null; n = SectionBuilder.next(n, cell, !(n instanceof Code))) {
            if (n instanceof Code code) {
                for (SourceSpan span : code.getSourceSpans()) {
                    int start = span.getInputIndex();
                    int end = start + span.getLength();
                    if (cellSpan != null) {
                        if (original == null) {
                            original = unescapedIndex(source, cellSpan);
                        }
                        int[] fixed = unshift(original, cellSpan, start, end);
                        start = fixed[0];
                        end = fixed[1];
                    }
                    mark(mask, start, end);
                }
            }
        }
    }

    private static void mark(boolean[] mask, int start, int end) {
        for (int i = Math.max(0, start); i < Math.min(end, mask.length); i++) {
            mask[i] = true;
        }
    }

    /**
     * For a table cell, the index in {@code source} of each character of the cell text as the
     * parser sees it (every {@code \\|} turned into {@code |}), plus the cell's end at the last
     * position. Computed once per cell, so a cell with many code spans stays linear.
     */
    private static int[] unescapedIndex(String source, SourceSpan cellSpan) {
        int cellStart = cellSpan.getInputIndex();
        int cellEnd = Math.min(source.length(), cellStart + cellSpan.getLength());
        int[] original = new int[cellEnd - cellStart + 1];
        int k = 0;
        for (int i = cellStart; i < cellEnd; i++) {
            if (source.charAt(i) == '\\' && i + 1 < cellEnd && source.charAt(i + 1) == '|') {
                continue;
            }
            original[k++] = i;
        }
        original[k] = cellEnd;
        return java.util.Arrays.copyOf(original, k + 1);
    }

    /**
     * Maps a span reported inside a table cell (positions counted in the cell text with every
     * {@code \\|} turned into {@code |}) back to positions in the source.
     */
    private static int[] unshift(int[] original, SourceSpan cellSpan, int start, int end) {
        int cellStart = cellSpan.getInputIndex();
        int k = original.length - 1;
        int from = start - cellStart;
        int to = end - cellStart;
        if (from < 0 || to > k || from >= to) {
            return new int[] {start, end};
        }
        return new int[] {original[from], original[to - 1] + 1};
    }
}
