package io.alexandria.sources.calibre;

import java.util.Set;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Element;
import org.jsoup.nodes.Node;
import org.jsoup.nodes.TextNode;
import org.jsoup.select.NodeVisitor;

/**
 * Reduces a book's {@code comments.text} to plain text. Calibre stores plain text for some books
 * and HTML ({@code <p><i>…}) for others ({@code src/test/corpus/README.md} section C). Text with
 * no tag is kept as is (trimmed, line ends normalised); HTML is parsed with jsoup, entities are
 * decoded, runs of white space collapse to one space, block elements ({@code p}, {@code div},
 * {@code li}…) become paragraph breaks (a blank line) and {@code <br>} a line break.
 */
final class CommentsText {
    private static final Set<String> BLOCKS = Set.of("p", "div", "blockquote", "pre", "ul", "ol", "li",
            "h1", "h2", "h3", "h4", "h5", "h6", "table", "tr", "dl", "dt", "dd", "hr", "section", "article",
            "header", "footer");

    private CommentsText() {
    }

    /** Plain text of {@code stored}, or null when it is null or holds no text. */
    static String toPlainText(String stored) {
        if (stored == null) {
            return null;
        }
        String text = looksLikeHtml(stored) ? fromHtml(stored) : stored.replace("\r\n", "\n").replace('\r', '\n');
        text = text.strip();
        return text.isEmpty() ? null : text;
    }

    /** True when the text holds something like a tag: {@code <} followed by a letter, {@code /} or {@code !}. */
    static boolean looksLikeHtml(String s) {
        for (int i = s.indexOf('<'); i >= 0 && i + 1 < s.length(); i = s.indexOf('<', i + 1)) {
            char next = s.charAt(i + 1);
            if ((next >= 'a' && next <= 'z') || (next >= 'A' && next <= 'Z') || next == '/' || next == '!') {
                return true;
            }
        }
        return false;
    }

    private static String fromHtml(String html) {
        TextCollector out = new TextCollector(html.length());
        Jsoup.parseBodyFragment(html).body().traverse(out);
        return out.toString();
    }

    /** Collects text with collapsed white space; breaks are emitted lazily, so none leads or trails. */
    private static final class TextCollector implements NodeVisitor {
        private final StringBuilder out;
        private boolean pendingSpace;
        private int pendingBreaks;

        TextCollector(int capacity) {
            out = new StringBuilder(capacity);
        }

        @Override
        public void head(Node node, int depth) {
            if (node instanceof TextNode text) {
                append(text.getWholeText());
            } else if (node instanceof Element element) {
                String name = element.normalName();
                if (name.equals("br")) {
                    pendingBreaks = Math.min(2, pendingBreaks + 1);
                } else if (BLOCKS.contains(name)) {
                    pendingBreaks = 2;
                }
            }
        }

        @Override
        public void tail(Node node, int depth) {
            if (node instanceof Element element && BLOCKS.contains(element.normalName())) {
                pendingBreaks = 2;
            }
        }

        private void append(String text) {
            for (int i = 0; i < text.length(); i++) {
                char ch = text.charAt(i);
                if (Character.isWhitespace(ch) || ch == '\u00A0') {
                    pendingSpace = true;
                    continue;
                }
                if (!out.isEmpty()) {
                    if (pendingBreaks > 0) {
                        out.append(pendingBreaks == 1 ? "\n" : "\n\n");
                    } else if (pendingSpace) {
                        out.append(' ');
                    }
                }
                pendingBreaks = 0;
                pendingSpace = false;
                out.append(ch);
            }
        }

        @Override
        public String toString() {
            return out.toString();
        }
    }
}
