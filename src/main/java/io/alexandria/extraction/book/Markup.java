package io.alexandria.extraction.book;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Attribute;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jsoup.parser.Parser;

/**
 * Parsing and querying of (X)HTML and XML with jsoup, the one XML/HTML parser of this package.
 * jsoup never loads a DTD and never resolves external (or internal) entities, so XXE and
 * "billion laughs" payloads stay inert text. The character set comes from the byte order mark,
 * the XML declaration or the HTML {@code meta} charset, else UTF-8. Input is read through a
 * {@link GuardedInputStream}, so a long parse stops at the deadline.
 *
 * <p>Element and attribute names are matched by lower-case local name (namespace prefix
 * ignored): documents in the wild use varying prefixes ({@code opf:}, {@code dc:}, none).
 */
final class Markup {
    private Markup() {
    }

    /** Parses XML (XHTML, OPF, NCX, FB2, OOXML, ODF) leniently: never fails on malformed input. */
    static Document xml(byte[] bytes, ExtractionGuard guard) throws IOException {
        return parse(new ByteArrayInputStream(bytes), Parser.xmlParser(), guard);
    }

    /** Parses HTML as a browser would (HTML5 tree building). */
    static Document html(byte[] bytes, ExtractionGuard guard) throws IOException {
        return parse(new ByteArrayInputStream(bytes), Parser.htmlParser(), guard);
    }

    /** Parses {@code in} (not closed) with {@code parser}, detecting the charset. */
    static Document parse(InputStream in, Parser parser, ExtractionGuard guard) throws IOException {
        return Jsoup.parse(new GuardedInputStream(in, guard), null, "", parser);
    }

    /** The {@code body} element, else the document's root element, else the document. */
    static Element body(Document doc) {
        Element body = first(doc, "body");
        if (body != null) {
            return body;
        }
        Element root = doc.firstElementChild();
        return root != null ? root : doc;
    }

    /** The first element in document order (including {@code root}) with that local name. */
    static Element first(Element root, String localName) {
        for (Element e : root.getAllElements()) {
            if (BlockRules.localName(e).equals(localName)) {
                return e;
            }
        }
        return null;
    }

    /** All elements in document order (including {@code root}) with that local name. */
    static List<Element> all(Element root, String localName) {
        List<Element> out = new ArrayList<>();
        for (Element e : root.getAllElements()) {
            if (BlockRules.localName(e).equals(localName)) {
                out.add(e);
            }
        }
        return out;
    }

    /** The direct children of {@code parent} with that local name. */
    static List<Element> children(Element parent, String localName) {
        List<Element> out = new ArrayList<>();
        for (Element e : parent.children()) {
            if (BlockRules.localName(e).equals(localName)) {
                out.add(e);
            }
        }
        return out;
    }

    /** The first direct child of {@code parent} with that local name, or {@code null}. */
    static Element child(Element parent, String localName) {
        for (Element e : parent.children()) {
            if (BlockRules.localName(e).equals(localName)) {
                return e;
            }
        }
        return null;
    }

    /**
     * The value of the attribute whose local name is {@code localName} (any prefix, any case),
     * preferring an exact unprefixed match; the empty string when absent.
     */
    static String attr(Element e, String localName) {
        String exact = e.attributes().getIgnoreCase(localName);
        if (!exact.isEmpty()) {
            return exact;
        }
        for (Attribute a : e.attributes()) {
            String key = a.getKey();
            int colon = key.indexOf(':');
            if (colon >= 0 && key.substring(colon + 1).equalsIgnoreCase(localName)) {
                return a.getValue();
            }
        }
        return "";
    }

    /** The element's text with whitespace and invisible characters normalised; may be empty. */
    static String text(Element e) {
        return e == null ? "" : TextNormalizer.normalize(e.wholeText());
    }
}
