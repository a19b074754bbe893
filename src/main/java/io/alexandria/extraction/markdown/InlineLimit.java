package io.alexandria.extraction.markdown;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.commonmark.Extension;
import org.commonmark.node.Node;
import org.commonmark.node.SourceSpan;
import org.commonmark.parser.IncludeSourceSpans;
import org.commonmark.parser.InlineParser;
import org.commonmark.parser.Parser;
import org.commonmark.parser.SourceLine;
import org.commonmark.parser.SourceLines;

/**
 * Caps how deeply one paragraph can nest inline Markdown. Thousands of emphasis delimiters
 * ({@code *}, {@code _}) or image openers ({@code ![}) in one paragraph nest emphasis and images
 * thousands deep, and commonmark-java merges text nodes recursively, so such a paragraph overflows
 * the stack, at a depth that depends on the thread. To keep the result the same on every thread and
 * host, this pass makes every such character after the first {@value #MAX_DELIMITERS} of one inline
 * container (paragraph, heading, table) literal, by escaping it with a backslash, before the note is
 * parsed. Nesting is then at most {@value #MAX_DELIMITERS} levels; the text is unchanged, only
 * emphasis after that many delimiters shows its asterisks.
 *
 * <p>Where inline content is, is learned from a block-only parse (an inline parser that only records
 * each container's lines); characters in code spans and code blocks are never touched. Linear in the
 * note's length.
 */
final class InlineLimit {
    /** Most emphasis delimiters and image openers of one inline container left active. */
    static final int MAX_DELIMITERS = 500;

    /**
     * The text with excess delimiters escaped, and how many containers were capped.
     *
     * @param text     the result
     * @param capped   inline containers that had more than {@link #MAX_DELIMITERS}
     */
    record Result(String text, int capped) {
    }

    private InlineLimit() {
    }

    /**
     * Applies the cap to {@code body}.
     *
     * @param extensions the block extensions of the real parse (tables)
     */
    static Result apply(String body, List<Extension> extensions) {
        if (countDelimiters(body, 0, body.length()) <= MAX_DELIMITERS) {
            return new Result(body, 0);
        }
        List<List<SourceSpan>> containers = new ArrayList<>();
        Parser blocks = Parser.builder().extensions(extensions)
                .includeSourceSpans(IncludeSourceSpans.BLOCKS_AND_INLINES)
                .inlineParserFactory(context -> new Recorder(containers)).build();
        blocks.parse(body);
        boolean[] escape = new boolean[body.length()];
        int capped = 0;
        for (List<SourceSpan> spans : containers) {
            if (mark(body, spans, escape)) {
                capped++;
            }
        }
        if (capped == 0) {
            return new Result(body, 0);
        }
        StringBuilder out = new StringBuilder(body.length() + 1024);
        for (int i = 0; i < body.length(); i++) {
            if (escape[i]) {
                out.append('\\');
            }
            out.append(body.charAt(i));
        }
        return new Result(out.toString(), capped);
    }

    /** Records the source spans of each inline container instead of parsing it. */
    private record Recorder(List<List<SourceSpan>> containers) implements InlineParser {
        @Override
        public void parse(SourceLines lines, Node node) {
            List<SourceSpan> spans = new ArrayList<>();
            for (SourceLine line : lines.getLines()) {
                if (line.getSourceSpan() != null) {
                    spans.add(line.getSourceSpan());
                }
            }
            containers.add(spans);
        }
    }

    /**
     * Marks for escaping the delimiters of one container after the first {@link #MAX_DELIMITERS},
     * outside its code spans.
     *
     * @return whether any was marked
     */
    private static boolean mark(String body, List<SourceSpan> spans, boolean[] escape) {
        int total = 0;
        for (SourceSpan s : spans) {
            total += countDelimiters(body, s.getInputIndex(), s.getInputIndex() + s.getLength());
        }
        if (total <= MAX_DELIMITERS) {
            return false;
        }
        // the container's content as one text, with the source index of each of its characters
        StringBuilder content = new StringBuilder();
        List<Integer> starts = new ArrayList<>();
        for (SourceSpan s : spans) {
            if (!content.isEmpty()) {
                content.append('\n');
            }
            starts.add(content.length());
            content.append(body, s.getInputIndex(), Math.min(body.length(), s.getInputIndex() + s.getLength()));
        }
        boolean[] code = codeSpans(content);
        int seen = 0;
        boolean any = false;
        for (int k = 0; k < spans.size(); k++) {
            int from = spans.get(k).getInputIndex();
            int to = Math.min(body.length(), from + spans.get(k).getLength());
            int offset = starts.get(k);
            for (int i = from; i < to; i++) {
                if (code[offset + i - from] || !isDelimiter(body, i)) {
                    continue;
                }
                if (++seen > MAX_DELIMITERS) {
                    escape[i] = true;
                    any = true;
                }
            }
        }
        return any;
    }

    /** Emphasis delimiters and image openers in {@code [from, to)} that are not backslash-escaped. */
    private static int countDelimiters(String s, int from, int to) {
        int n = 0;
        for (int i = from; i < to; i++) {
            if (isDelimiter(s, i)) {
                n++;
            }
        }
        return n;
    }

    private static boolean isDelimiter(String s, int i) {
        char c = s.charAt(i);
        boolean candidate = c == '*' || c == '_' || (c == '!' && i + 1 < s.length() && s.charAt(i + 1) == '[');
        return candidate && !(i > 0 && s.charAt(i - 1) == '\\' && !(i > 1 && s.charAt(i - 2) == '\\'));
    }

    /**
     * Which characters of an inline container are inside code spans: a run of n backticks opens one
     * that the next run of exactly n backticks closes (CommonMark); an unmatched run is literal.
     * Linear: the runs of each length are indexed once.
     */
    private static boolean[] codeSpans(CharSequence text) {
        int n = text.length();
        boolean[] code = new boolean[n];
        List<int[]> runs = new ArrayList<>(); // {start, length}
        for (int i = 0; i < n; ) {
            if (text.charAt(i) == '`') {
                int j = i;
                while (j < n && text.charAt(j) == '`') {
                    j++;
                }
                runs.add(new int[] {i, j - i});
                i = j;
            } else {
                i++;
            }
        }
        Map<Integer, List<Integer>> byLength = new HashMap<>();
        for (int r = 0; r < runs.size(); r++) {
            byLength.computeIfAbsent(runs.get(r)[1], k -> new ArrayList<>()).add(r);
        }
        Map<Integer, Integer> nextOfLength = new HashMap<>(); // length -> position in its list
        int r = 0;
        while (r < runs.size()) {
            int len = runs.get(r)[1];
            List<Integer> same = byLength.get(len);
            int pos = nextOfLength.getOrDefault(len, 0);
            while (pos < same.size() && same.get(pos) <= r) {
                pos++;
            }
            nextOfLength.put(len, pos);
            if (pos < same.size()) {
                int closer = same.get(pos);
                int start = runs.get(r)[0];
                int end = runs.get(closer)[0] + len;
                for (int i = start; i < end; i++) {
                    code[i] = true;
                }
                r = closer + 1;
            } else {
                r++;
            }
        }
        return code;
    }
}
