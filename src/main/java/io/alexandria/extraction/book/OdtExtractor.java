package io.alexandria.extraction.book;

import io.alexandria.extraction.ExtractedDocument;
import io.alexandria.extraction.ExtractionException;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Set;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;

/**
 * Extracts OpenDocument Text ({@code .odt}, OASIS ODF 1.2/1.3) with the JDK's zip
 * ({@link SafeZip}) and jsoup's XML parser. Paragraphs are {@code text:p}, {@code text:h} and
 * list items; {@code text:s}, {@code text:tab} and {@code text:line-break} become spaces;
 * tracked changes, annotations and note citations are skipped. {@code text:h} is a heading of its
 * {@code text:outline-level}, and chapters are split at the outermost repeated heading level.
 * Metadata from {@code meta.xml} ({@code dc:title}, {@code dc:creator} else
 * {@code meta:initial-creator}, {@code dc:language}).
 *
 * <p>Errors: {@code EncryptedDocument} when {@code META-INF/manifest.xml} has
 * {@code manifest:encryption-data}; {@code CorruptFile} (not a zip, or no {@code content.xml}),
 * {@code ZipBomb}, {@code TooLarge}, {@code TextTooLarge}, {@code NoText}, {@code ExtractionTimeout},
 * {@code FileMissing}, {@code FileUnreadable}. Thread-safe: instances hold no state.
 */
public final class OdtExtractor extends BookExtractor {
    static final BlockRules ODT = new BlockRules(
            Set.of("p", "h", "list-item", "list-header", "table-row", "section", "text", "body", "index-body"),
            Set.of("tracked-changes", "annotation", "note-citation", "sequence-decls", "forms",
                    "variable-decls", "user-field-decls"),
            Set.of("s", "tab", "line-break", "table-cell"),
            Set.of(),
            OdtExtractor::headingLevel);

    /** An extractor that reports {@code FORMAT} as {@code ODT}. */
    public OdtExtractor() {
        super("ODT");
    }

    @Override
    ExtractedDocument extract(Path file, long size, DocumentBuilder doc, ExtractionGuard guard)
            throws IOException, ExtractionException {
        try (SafeZip zip = SafeZip.open(file, guard)) {
            String manifest = zip.find("META-INF/manifest.xml");
            if (manifest != null
                    && Markup.first(Markup.xml(zip.read(manifest), guard), "encryption-data") != null) {
                throw new ExtractionException(ExtractionException.ENCRYPTED,
                        "OpenDocument file is password protected: " + file.getFileName());
            }
            String content = zip.find("content.xml");
            if (content == null) {
                throw new ExtractionException(ExtractionException.CORRUPT, "not an ODT: no content.xml");
            }
            String meta = zip.find("meta.xml");
            if (meta != null) {
                Document m = Markup.xml(zip.read(meta), guard);
                String creator = Markup.text(Markup.first(m, "creator"));
                doc.title(Markup.text(Markup.first(m, "title")))
                        .author(creator.isEmpty() ? Markup.text(Markup.first(m, "initial-creator")) : creator)
                        .language(Markup.text(Markup.first(m, "language")));
            }
            Document body = Markup.xml(zip.read(content), guard);
            Element text = Markup.first(body, "body");
            doc.addAll(Chapters.byHeadings(BlockText.of(text == null ? body : text, ODT, guard)));
            return doc.build();
        }
    }

    private static int headingLevel(Element e) {
        if (!BlockRules.localName(e).equals("h")) {
            return 0;
        }
        try {
            int level = Integer.parseInt(Markup.attr(e, "outline-level").strip());
            return Math.max(1, level);
        } catch (NumberFormatException ex) {
            return 1;
        }
    }
}
