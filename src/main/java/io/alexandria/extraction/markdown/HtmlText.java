package io.alexandria.extraction.markdown;

import org.jsoup.Jsoup;
import org.jsoup.nodes.Element;
import org.jsoup.nodes.Node;
import org.jsoup.nodes.TextNode;
import org.jsoup.select.NodeVisitor;

/**
 * The text of a raw HTML block, as a browser would show it without styles: tags stripped,
 * {@code <br>} and block elements ({@code <p>}, {@code <li>}, {@code <tr>}…) as line breaks, table
 * cells separated by {@code " | "}, comments, scripts and styles dropped. Parsed leniently with jsoup,
 * so broken HTML never fails.
 */
final class HtmlText {
    private HtmlText() {
    }

    /** The visible text of {@code html}; may be blank. */
    static String of(String html) {
        Element body = Jsoup.parseBodyFragment(html).body();
        StringBuilder sb = new StringBuilder();
        body.traverse(new NodeVisitor() {
            @Override
            public void head(Node node, int depth) {
                if (node instanceof TextNode text) {
                    sb.append(text.getWholeText());
                } else if (node instanceof Element el && node != body) {
                    String tag = el.normalName();
                    if (tag.equals("br")) {
                        sb.append('\n');
                    } else if (tag.equals("td") || tag.equals("th")) {
                        if (hasElementBefore(el)) {
                            sb.append(" | ");
                        }
                    } else if (el.isBlock()) {
                        sb.append('\n');
                    } else {
                        sb.append(Tags.BOUNDARY);
                    }
                }
            }

            @Override
            public void tail(Node node, int depth) {
                if (node instanceof Element el && node != body && el.isBlock()
                        && !el.normalName().equals("td") && !el.normalName().equals("th")) {
                    sb.append('\n');
                } else if (node instanceof Element && node != body) {
                    sb.append(Tags.BOUNDARY);
                }
            }
        });
        return sb.toString();
    }

    /**
     * Whether an element sibling precedes {@code el}. Walks back over text nodes only (blanks between
     * cells), so a row with many cells stays linear, unlike {@code elementSiblingIndex()}, which
     * searches the parent's children.
     */
    private static boolean hasElementBefore(Element el) {
        for (Node n = el.previousSibling(); n != null; n = n.previousSibling()) {
            if (n instanceof Element) {
                return true;
            }
        }
        return false;
    }
}
