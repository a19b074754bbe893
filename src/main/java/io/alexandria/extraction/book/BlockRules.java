package io.alexandria.extraction.book;

import java.util.Set;
import java.util.function.ToIntFunction;
import org.jsoup.nodes.Element;

/**
 * How {@link BlockText} reads one markup vocabulary. Element names are matched by their lower
 * case local name (the part after any namespace prefix), so {@code xhtml:p}, {@code w:p} and
 * {@code p} all match {@code "p"}.
 *
 * @param blocks       elements that start and end a paragraph (e.g. {@code p}, {@code li})
 * @param skipped      elements whose whole subtree holds no reading text (e.g. {@code script})
 * @param separators   elements that stand for a space inside a paragraph (e.g. {@code br}, table
 *                     cells, tab stops)
 * @param textParents  when not empty, text is taken only from direct children of these elements
 *                     (DOCX keeps its text in {@code w:t}; whitespace between runs is layout)
 * @param headingLevel heading level of a block element: 1 and up for headings, 0 otherwise
 */
record BlockRules(Set<String> blocks, Set<String> skipped, Set<String> separators, Set<String> textParents,
                  ToIntFunction<Element> headingLevel) {

    /** HTML and XHTML (also EPUB content documents): HTML block elements; h1..h6 are headings. */
    static final BlockRules HTML = new BlockRules(
            Set.of("address", "article", "aside", "blockquote", "body", "caption", "center", "dd", "details",
                    "dialog", "div", "dl", "dt", "fieldset", "figcaption", "figure", "footer", "form", "h1",
                    "h2", "h3", "h4", "h5", "h6", "header", "hgroup", "hr", "html", "legend", "li", "main",
                    "nav", "ol", "p", "pre", "section", "summary", "table", "tbody", "tfoot", "thead", "tr",
                    "ul"),
            Set.of("head", "script", "style", "noscript", "template", "svg", "math", "rp", "rt", "object",
                    "embed", "iframe", "audio", "video", "canvas", "select", "button"),
            Set.of("br", "td", "th", "img"),
            Set.of(),
            BlockRules::htmlHeadingLevel);

    static int htmlHeadingLevel(Element e) {
        String n = localName(e);
        if (n.length() == 2 && n.charAt(0) == 'h' && n.charAt(1) >= '1' && n.charAt(1) <= '6') {
            return n.charAt(1) - '0';
        }
        return 0;
    }

    /** The lower case local name of {@code e} (namespace prefix removed). */
    static String localName(Element e) {
        String n = e.normalName();
        int colon = n.indexOf(':');
        return colon < 0 ? n : n.substring(colon + 1);
    }
}
