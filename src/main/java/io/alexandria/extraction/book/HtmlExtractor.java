package io.alexandria.extraction.book;

import io.alexandria.extraction.ExtractedDocument;
import io.alexandria.extraction.ExtractionException;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jsoup.parser.Parser;

/**
 * Extracts a single-file HTML or XHTML book with jsoup. XHTML (format {@code XHTML}, or any file
 * that starts with an XML declaration) is parsed with jsoup's XML parser, which never loads a DTD
 * or resolves entities; HTML with its HTML5 parser. Paragraphs come from {@link BlockText} with
 * {@link BlockRules#HTML} (the same code as EPUB chapters); chapters are split at the outermost
 * repeated heading level ({@link Chapters#byHeadings}). Metadata: {@code <title>} (else
 * {@code meta name="dc.title"}), {@code meta name="author"} / {@code dc.creator}, and the root
 * element's {@code lang} / {@code xml:lang}.
 *
 * <p>Errors: {@code FileMissing}, {@code FileUnreadable}, {@code TooLarge}, {@code TextTooLarge}, {@code NoText},
 * {@code ExtractionTimeout} (checked per read of input and per 1,024 nodes). HTML parsing never
 * fails on malformed markup. Thread-safe: instances hold no state.
 */
public final class HtmlExtractor extends BookExtractor {
    private final boolean xhtml;

    /**
     * An extractor for one of the HTML formats.
     *
     * @param format {@code HTML}, {@code HTM} or {@code XHTML}, reported as the {@code FORMAT}
     *               attribute; {@code XHTML} selects the XML parser
     */
    public HtmlExtractor(String format) {
        super(format);
        this.xhtml = format.toUpperCase(Locale.ROOT).startsWith("XHT");
    }

    @Override
    ExtractedDocument extract(Path file, long size, DocumentBuilder doc, ExtractionGuard guard)
            throws IOException, ExtractionException {
        Document html;
        try (InputStream in = new BufferedInputStream(Files.newInputStream(file))) {
            boolean xml = xhtml || startsWithXmlDeclaration(in);
            html = Markup.parse(in, xml ? Parser.xmlParser() : Parser.htmlParser(), guard);
        }
        readMetadata(html, doc);
        doc.addAll(Chapters.byHeadings(BlockText.of(Markup.body(html), BlockRules.HTML, guard)));
        return doc.build();
    }

    /** Title, author and language from an HTML document's head and root element. */
    static void readMetadata(Document html, DocumentBuilder doc) {
        Element head = Markup.first(html, "head");
        String title = head == null ? "" : Markup.text(Markup.first(head, "title"));
        String author = "";
        if (head != null) {
            for (Element meta : Markup.all(head, "meta")) {
                String name = meta.attr("name").toLowerCase(Locale.ROOT);
                String content = meta.attr("content");
                if (title.isEmpty() && (name.equals("dc.title") || name.equals("dcterms.title"))) {
                    title = content;
                }
                if (author.isEmpty() && (name.equals("author") || name.equals("dc.creator")
                        || name.equals("dcterms.creator"))) {
                    author = content;
                }
            }
        }
        Element root = html.firstElementChild();
        String lang = root == null ? "" : Markup.attr(root, "lang");
        doc.title(title).author(author).language(lang);
    }

    private static boolean startsWithXmlDeclaration(InputStream in) throws IOException {
        in.mark(64);
        byte[] head = in.readNBytes(64);
        in.reset();
        String s = new String(head, StandardCharsets.ISO_8859_1).replace("\u00EF\u00BB\u00BF", "").stripLeading();
        return s.startsWith("<?xml");
    }
}
