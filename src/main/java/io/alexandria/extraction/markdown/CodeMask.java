package io.alexandria.extraction.markdown;

import java.util.List;
import org.commonmark.ext.gfm.tables.TableCell;
import org.commonmark.node.AbstractVisitor;
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
 * shifted; they are mapped back to the original cell text here.
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
        doc.accept(new AbstractVisitor() {
            @Override
            public void visit(FencedCodeBlock block) {
                markAll(block.getSourceSpans());
            }

            @Override
            public void visit(IndentedCodeBlock block) {
                markAll(block.getSourceSpans());
            }

            @Override
            public void visit(Code code) {
                TableCell cell = enclosingCell(code);
                for (SourceSpan span : code.getSourceSpans()) {
                    int start = span.getInputIndex();
                    int end = start + span.getLength();
                    if (cell != null && cell.getSourceSpans().size() == 1) {
                        SourceSpan cellSpan = cell.getSourceSpans().getFirst();
                        int[] fixed = unshift(source, cellSpan, start, end);
                        start = fixed[0];
                        end = fixed[1];
                    }
                    mark(start, end);
                }
            }

            private void markAll(List<SourceSpan> spans) {
                for (SourceSpan span : spans) {
                    mark(span.getInputIndex(), span.getInputIndex() + span.getLength());
                }
            }

            private void mark(int start, int end) {
                for (int i = Math.max(0, start); i < Math.min(end, mask.length); i++) {
                    mask[i] = true;
                }
            }
        });
        return mask;
    }

    private static TableCell enclosingCell(Node node) {
        for (Node n = node.getParent(); n != null; n = n.getParent()) {
            if (n instanceof TableCell cell) {
                return cell;
            }
        }
        return null;
    }

    /**
     * Maps a span reported inside a table cell (positions counted in the cell text with every
     * {@code \|} turned into {@code |}) back to positions in {@code source}.
     */
    private static int[] unshift(String source, SourceSpan cellSpan, int start, int end) {
        int cellStart = cellSpan.getInputIndex();
        int cellEnd = Math.min(source.length(), cellStart + cellSpan.getLength());
        // original index of each unescaped character of the cell
        int[] original = new int[cellEnd - cellStart + 1];
        int k = 0;
        for (int i = cellStart; i < cellEnd; i++) {
            if (source.charAt(i) == '\\' && i + 1 < cellEnd && source.charAt(i + 1) == '|') {
                continue;
            }
            original[k++] = i;
        }
        original[k] = cellEnd;
        int from = start - cellStart;
        int to = end - cellStart;
        if (from < 0 || to > k || from >= to) {
            return new int[] {start, end};
        }
        return new int[] {original[from], original[to - 1] + 1};
    }
}
