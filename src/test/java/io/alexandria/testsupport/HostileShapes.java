package io.alexandria.testsupport;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.IntFunction;

/**
 * Pathological note texts of a chosen size, the shapes that made extraction or chunking
 * super-linear or unbounded (issue 15): each generator takes a target size in characters and
 * returns a note of about that size (never more than a few lines over). Used by
 * {@link HostileInputs} (fixed sizes) and by the scaling benchmark (growing sizes).
 */
public final class HostileShapes {
    /** Shape name → generator (target characters → note text), in a stable order. */
    public static final Map<String, IntFunction<String>> NOTES;

    static {
        Map<String, IntFunction<String>> m = new LinkedHashMap<>();
        m.put("deep-blockquote", n -> "> ".repeat(n / 2) + "deep");
        m.put("deep-blockquote-tight", n -> ">".repeat(n) + " deep");
        m.put("deep-blockquote-lines", n -> repeatLines(n, i -> "> ".repeat(1000) + "line " + i));
        m.put("blockquote-lines", n -> repeatLines(n, i -> ">".repeat(1 + i % 200) + " quoted line " + i));
        m.put("one-line", n -> fill(n, i -> "lorem ipsum dolor sit amet " + i + " "));
        m.put("one-word", n -> "a".repeat(n));
        m.put("punct-word", n -> "ab,".repeat(n / 3));
        m.put("cjk-line", n -> fill(n, i -> "日本語のテキストは空白なしで続きます" + i));
        m.put("table", n -> "| a | b | c |\n|---|---|---|\n" + repeatLines(n, i -> "| cell " + i + " | b" + i
                + " | c" + i + " |"));
        m.put("table-code-cell", n -> "| h |\n|---|\n| " + fill(n, i -> "`c" + i + "` \\| ") + " |\n");
        m.put("nested-list-line", n -> "- ".repeat(n / 2) + "item");
        m.put("nested-list-indent", n -> repeatLines(n, i -> "  ".repeat(i % 500) + "- item " + i));
        m.put("wikilinks", n -> repeatLines(n, i -> "[[Note " + i + "]] [[Other " + i + "|alias]] ![[img" + i + ".png]]"));
        m.put("wikilinks-one-line", n -> fill(n, i -> "[[Note " + i + "]] "));
        m.put("open-brackets", n -> "[[".repeat(n / 2));
        m.put("link-brackets", n -> "[a](".repeat(n / 4));
        m.put("emphasis", n -> fill(n, i -> "*a **b _c __d "));
        m.put("html-nested", n -> "<div>".repeat(n / 10) + "text" + "</div>".repeat(n / 10) + "\n");
        m.put("html-row", n -> "<table><tr>" + fill(n, i -> "<td>c" + i + "</td>") + "</tr></table>\n");
        m.put("callouts", n -> repeatLines(n, i -> "> [!note] Title " + i + "\n> body line " + i + "\n"));
        m.put("nested-callouts", n -> repeatLines(n, i -> "> ".repeat(1 + i % 300) + "[!note] t" + i));
        m.put("tags", n -> fill(n, i -> "#tag" + i + " "));
        m.put("comments", n -> fill(n, i -> "%% c" + i + " %% text "));
        m.put("headings", n -> repeatLines(n, i -> "## Heading " + i + "\nOne line under it.\n"));
        m.put("block-ids", n -> repeatLines(n, i -> "A paragraph that ends with a block id. ^b" + i + "\n"));
        NOTES = Collections.unmodifiableMap(m);
    }

    private HostileShapes() {
    }

    /** Concatenates {@code piece(i)} for i = 0, 1, … until at least {@code n} characters. */
    public static String fill(int n, IntFunction<String> piece) {
        StringBuilder sb = new StringBuilder(n + 64);
        for (int i = 0; sb.length() < n; i++) {
            sb.append(piece.apply(i));
        }
        return sb.toString();
    }

    /** Concatenates {@code piece(i)} for i = 0 … {@code count - 1}. */
    public static String times(int count, IntFunction<String> piece) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < count; i++) {
            sb.append(piece.apply(i));
        }
        return sb.toString();
    }

    /** Lines {@code line(i)} each ended by {@code '\n'} until at least {@code n} characters. */
    public static String repeatLines(int n, IntFunction<String> line) {
        return fill(n, i -> line.apply(i) + "\n");
    }
}
