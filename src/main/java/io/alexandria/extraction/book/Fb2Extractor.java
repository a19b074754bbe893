package io.alexandria.extraction.book;

import io.alexandria.extraction.ExtractedDocument;
import io.alexandria.extraction.ExtractionException;
import io.alexandria.extraction.Section;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jsoup.parser.Parser;

/**
 * Extracts FictionBook 2 ({@code .fb2}, XML) and zipped FictionBook ({@code .fbz}/{@code .fb2.zip}:
 * a zip holding one {@code .fb2}, read through {@link SafeZip}). Parsed with jsoup's XML parser
 * (no DTD, no entity resolution); the encoding comes from the XML declaration (FB2 files are
 * often windows-1251). Metadata from {@code description/title-info}: {@code book-title},
 * {@code author} (first, middle, last name or nickname; several joined with " &amp; "),
 * {@code lang}. The main {@code body} is split into chapters at its top-level
 * {@code section/title}s; a notes body ({@code name="notes"}) becomes one more chapter.
 * Embedded {@code binary} images are skipped.
 *
 * <p>Errors: {@code FileMissing}, {@code FileUnreadable}, {@code TooLarge}, {@code TextTooLarge}, {@code NoText},
 * {@code CorruptFile} (no {@code FictionBook} root), {@code ZipBomb} (FBZ),
 * {@code ExtractionTimeout}. Thread-safe: instances hold no state.
 */
public final class Fb2Extractor extends BookExtractor {
    static final BlockRules FB2 = new BlockRules(
            Set.of("body", "section", "title", "p", "v", "subtitle", "text-author", "epigraph", "cite", "poem",
                    "stanza", "empty-line", "table", "tr", "annotation", "date"),
            Set.of("binary", "description", "stylesheet", "image"),
            Set.of("td", "th"),
            Set.of(),
            Fb2Extractor::headingLevel);

    private final boolean zipped;

    /**
     * An extractor for one of the FictionBook formats.
     *
     * @param format {@code FB2} for plain files, {@code FBZ} for a zip holding one {@code .fb2};
     *               reported as the {@code FORMAT} attribute
     */
    public Fb2Extractor(String format) {
        super(format);
        this.zipped = format.toUpperCase(Locale.ROOT).startsWith("FBZ");
    }

    @Override
    ExtractedDocument extract(Path file, long size, DocumentBuilder doc, ExtractionGuard guard)
            throws IOException, ExtractionException {
        Document fb2;
        try (InputStream in = zipped ? unzip(file, guard) : Files.newInputStream(file)) {
            fb2 = Markup.parse(in, Parser.xmlParser(), guard);
        }
        Element root = Markup.first(fb2, "fictionbook");
        if (root == null) {
            throw new ExtractionException(ExtractionException.CORRUPT, "not a FictionBook file: " + file.getFileName());
        }
        readMetadata(root, doc);
        for (Element body : Markup.children(root, "body")) {
            List<Block> blocks = BlockText.of(body, FB2, guard);
            String name = body.attr("name").toLowerCase(Locale.ROOT);
            if (name.equals("notes") || name.equals("comments")) {
                String title = Markup.text(Markup.child(body, "title"));
                doc.add(Section.ofChapter(title.isEmpty() ? "Notes" : title, BlockText.texts(blocks)));
            } else {
                doc.addAll(Chapters.byHeadings(blocks));
            }
        }
        return doc.build();
    }

    /** Title depth: the body's title is 1, a top-level section's title 2, and so on. */
    private static int headingLevel(Element e) {
        if (!BlockRules.localName(e).equals("title")) {
            return 0;
        }
        int level = 1;
        for (Element p = e.parent(); p != null; p = p.parent()) {
            if (BlockRules.localName(p).equals("section")) {
                level++;
            }
        }
        return level;
    }

    private static void readMetadata(Element root, DocumentBuilder doc) {
        Element info = Markup.first(root, "title-info");
        if (info == null) {
            return;
        }
        List<String> authors = new ArrayList<>();
        for (Element a : Markup.children(info, "author")) {
            List<String> parts = new ArrayList<>();
            for (String part : List.of("first-name", "middle-name", "last-name")) {
                String t = Markup.text(Markup.child(a, part));
                if (!t.isEmpty()) {
                    parts.add(t);
                }
            }
            String name = parts.isEmpty() ? Markup.text(Markup.child(a, "nickname")) : String.join(" ", parts);
            if (!name.isEmpty()) {
                authors.add(name);
            }
        }
        doc.title(Markup.text(Markup.child(info, "book-title")))
                .author(String.join(" & ", authors))
                .language(Markup.text(Markup.child(info, "lang")));
    }

    private static InputStream unzip(Path file, ExtractionGuard guard) throws IOException, ExtractionException {
        try (SafeZip zip = SafeZip.open(file, guard)) {
            for (String name : zip.names()) {
                if (name.toLowerCase(Locale.ROOT).endsWith(".fb2")) {
                    return new ByteArrayInputStream(zip.read(name));
                }
            }
        }
        throw new ExtractionException(ExtractionException.CORRUPT, "no .fb2 inside " + file.getFileName());
    }
}
