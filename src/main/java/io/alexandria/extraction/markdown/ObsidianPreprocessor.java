package io.alexandria.extraction.markdown;

import java.util.ArrayList;
import java.util.List;
import org.commonmark.node.Node;
import org.commonmark.parser.Parser;

/**
 * First pass over a note body: finds the Obsidian constructs that CommonMark does not know, outside
 * code, and rewrites the source so that a second CommonMark parse sees them as plain text.
 *
 * <ol>
 *   <li>The body is parsed once with source spans; {@link CodeMask} marks every character inside a
 *       fenced or indented code block or an inline code span.</li>
 *   <li>Scanning left to right over characters that are not code:
 *     <ul>
 *       <li>{@code %%} opens an Obsidian comment that runs to the next {@code %%} outside code
 *           (inline or over many lines and blocks, as in Obsidian); an unclosed one runs to the end
 *           of the note, as in Obsidian, with a warning. The comment is cut from the source.</li>
 *       <li>{@code [[} (or {@code ![[} for an embed), not escaped by a backslash, opens a wikilink
 *           that ends at the next {@code ]]} on the same line; the closing {@code ]]} must be outside
 *           code, code spans inside the link ({@code [[Note#`id`|id]]}) belong to it. A nested
 *           {@code [[} restarts the link; an empty or blank link is left as text. The link is
 *           replaced by a placeholder: two private-use characters absent from the note around
 *           its index, which CommonMark passes through as ordinary text.</li>
 *     </ul>
 *   </li>
 * </ol>
 * Because code is decided before anything is cut, {@code %%}, {@code [[} and {@code ]]} inside
 * code never count, exactly as a CommonMark parser sees the note.
 */
final class ObsidianPreprocessor {
    private ObsidianPreprocessor() {
    }

    /**
     * The rewritten body.
     *
     * @param markdown the body with comments cut and wikilinks replaced by placeholders
     * @param links    the wikilinks, placeholder {@code i} standing for {@code links.get(i)}
     * @param open     the character that opens a placeholder
     * @param close    the character that closes a placeholder
     * @param comments number of {@code %%} comments cut
     * @param warnings problems worth telling the user
     */
    record Result(String markdown, List<WikiLink> links, char open, char close, int comments, List<String> warnings) {
        Result {
            links = List.copyOf(links);
            warnings = List.copyOf(warnings);
        }
    }

    /**
     * @param body         the note body (frontmatter removed, LF line ends)
     * @param spanParser   a parser built with {@code IncludeSourceSpans.BLOCKS_AND_INLINES} and the
     *                     same extensions as the second pass
     */
    static Result process(String body, Parser spanParser) {
        if (body.indexOf("%%") < 0 && body.indexOf("[[") < 0) {
            return new Result(body, List.of(), '\uE000', '\uE001', 0, List.of());
        }
        Node doc = spanParser.parse(body);
        boolean[] code = CodeMask.of(body, doc);
        char open = freePrivateUseChar(body);
        char close = (char) (open + 1);
        List<WikiLink> links = new ArrayList<>();
        List<String> warnings = new ArrayList<>();
        StringBuilder out = new StringBuilder(body.length());
        int comments = 0;
        int n = body.length();
        int i = 0;
        while (i < n) {
            if (isPair(body, code, i, '%')) {
                int end = findCommentEnd(body, code, i + 2);
                comments++;
                if (end < 0) {
                    warnings.add("an Obsidian comment (%%) is not closed: the rest of the note after it is hidden, "
                            + "as in Obsidian");
                    break;
                }
                i = end;
                continue;
            }
            int linkOpen = -1;
            boolean embed = false;
            if (isPair(body, code, i, '[') && !escaped(body, i)) {
                linkOpen = i;
            } else if (body.charAt(i) == '!' && !code[i] && !escaped(body, i) && isPair(body, code, i + 1, '[')) {
                linkOpen = i + 1;
                embed = true;
            }
            if (linkOpen >= 0) {
                int close2 = findLinkEnd(body, code, linkOpen + 2);
                if (close2 > 0) {
                    String inner = body.substring(linkOpen + 2, close2);
                    if (!inner.isBlank()) {
                        out.append(open).append(links.size()).append(close);
                        links.add(WikiLink.parse(inner, embed));
                        i = close2 + 2;
                        continue;
                    }
                }
            }
            out.append(body.charAt(i));
            i++;
        }
        return new Result(out.toString(), links, open, close, comments, warnings);
    }

    private static boolean isPair(String s, boolean[] code, int i, char c) {
        return i + 1 < s.length() && s.charAt(i) == c && s.charAt(i + 1) == c && !code[i] && !code[i + 1];
    }

    /** Index just past the closing {@code %%}, or -1 when the comment runs to the end. */
    private static int findCommentEnd(String s, boolean[] code, int from) {
        for (int j = from; j + 1 < s.length(); j++) {
            if (isPair(s, code, j, '%')) {
                return j + 2;
            }
        }
        return -1;
    }

    /** Index of the {@code ]]} that closes a link opened before {@code from}, or -1. */
    private static int findLinkEnd(String s, boolean[] code, int from) {
        for (int j = from; j + 1 < s.length(); j++) {
            char c = s.charAt(j);
            if (c == '\n') {
                return -1;
            }
            if (c == ']' && s.charAt(j + 1) == ']') {
                return code[j] || code[j + 1] ? -1 : j;
            }
            if (c == '[' && s.charAt(j + 1) == '[' && !code[j]) {
                return -1; // a later [[ opens the link instead
            }
        }
        return -1;
    }

    /** {@code true} when the character at {@code i} is preceded by an odd number of backslashes. */
    private static boolean escaped(String s, int i) {
        int backslashes = 0;
        for (int j = i - 1; j >= 0 && s.charAt(j) == '\\'; j--) {
            backslashes++;
        }
        return backslashes % 2 == 1;
    }

    /** A private-use character that, with its successor, does not occur in {@code s}. */
    private static char freePrivateUseChar(String s) {
        boolean[] used = new boolean[0xF900 - 0xE000];
        for (int k = 0; k < s.length(); k++) {
            char c = s.charAt(k);
            if (c >= 0xE000 && c < 0xF900) {
                used[c - 0xE000] = true;
            }
        }
        for (int c = 0; c + 1 < used.length; c++) {
            if (!used[c] && !used[c + 1]) {
                return (char) (0xE000 + c);
            }
        }
        throw new IllegalStateException("note uses every private-use character"); // 6,400 distinct: not a note
    }
}
