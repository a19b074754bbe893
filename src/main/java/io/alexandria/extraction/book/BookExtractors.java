package io.alexandria.extraction.book;

import io.alexandria.extraction.ExtractedDocument;
import io.alexandria.extraction.ExtractionException;
import io.alexandria.extraction.ExtractionLimits;
import io.alexandria.extraction.Extractor;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.SequencedSet;

/**
 * The book extractors by format name (as Calibre names formats: the upper-case file extension).
 *
 * <table>
 *   <caption>Supported formats</caption>
 *   <tr><th>Format</th><th>Extractor</th><th>Library</th></tr>
 *   <tr><td>EPUB</td><td>{@link EpubExtractor}</td><td>JDK zip + jsoup (XML parser)</td></tr>
 *   <tr><td>PDF</td><td>{@link PdfExtractor}</td><td>Apache PDFBox 3</td></tr>
 *   <tr><td>TXT</td><td>{@link TextExtractor}</td><td>JDK charsets + juniversalchardet</td></tr>
 *   <tr><td>HTML, HTM, XHTML</td><td>{@link HtmlExtractor}</td><td>jsoup</td></tr>
 *   <tr><td>DOCX</td><td>{@link DocxExtractor}</td><td>JDK zip + jsoup (XML parser)</td></tr>
 *   <tr><td>ODT</td><td>{@link OdtExtractor}</td><td>JDK zip + jsoup (XML parser)</td></tr>
 *   <tr><td>FB2, FBZ</td><td>{@link Fb2Extractor}</td><td>jsoup (XML parser), JDK zip for FBZ</td></tr>
 *   <tr><td>RTF</td><td>{@link RtfExtractor}</td><td>JDK {@code javax.swing.text.rtf}</td></tr>
 * </table>
 *
 * MOBI, AZW, AZW3, KFX, LIT, PDB, DJVU and legacy DOC are not supported (no well-kept Java
 * library reads them); {@link #forFormat} answers empty and the caller picks another format of
 * the book or reports {@code UnsupportedFormat}. All extractors are stateless and thread-safe;
 * the instances are shared.
 */
public final class BookExtractors {
    private static final Map<String, Extractor> BY_FORMAT = new LinkedHashMap<>();

    static {
        // Structured formats first: the order a caller may use to pick among a book's formats.
        BY_FORMAT.put("EPUB", new EpubExtractor());
        BY_FORMAT.put("DOCX", new DocxExtractor());
        BY_FORMAT.put("ODT", new OdtExtractor());
        BY_FORMAT.put("FB2", new Fb2Extractor("FB2"));
        BY_FORMAT.put("FBZ", new Fb2Extractor("FBZ"));
        BY_FORMAT.put("HTML", new HtmlExtractor("HTML"));
        BY_FORMAT.put("HTM", new HtmlExtractor("HTM"));
        BY_FORMAT.put("XHTML", new HtmlExtractor("XHTML"));
        BY_FORMAT.put("PDF", new PdfExtractor());
        BY_FORMAT.put("RTF", new RtfExtractor());
        BY_FORMAT.put("TXT", new TextExtractor());
    }

    private BookExtractors() {
    }

    /**
     * The extractor for a format name such as {@code "epub"} or {@code "PDF"} (case-insensitive,
     * surrounding whitespace and a leading dot ignored).
     *
     * @param format a format name as Calibre stores it ({@code data.format}) or a file extension;
     *               may be {@code null}
     * @return the shared, thread-safe extractor, or empty when the format is not supported
     */
    public static Optional<Extractor> forFormat(String format) {
        if (format == null) {
            return Optional.empty();
        }
        String key = format.strip().toUpperCase(Locale.ROOT);
        if (key.startsWith(".")) {
            key = key.substring(1);
        }
        return Optional.ofNullable(BY_FORMAT.get(key));
    }

    /**
     * The supported format names, upper case, in a suggested order of preference for a book with
     * several formats (reflowable structured formats first, then PDF, RTF, TXT).
     *
     * @return an unmodifiable set: EPUB, DOCX, ODT, FB2, FBZ, HTML, HTM, XHTML, PDF, RTF, TXT
     */
    public static SequencedSet<String> supportedFormats() {
        return Collections.unmodifiableSequencedSet(new LinkedHashSet<>(BY_FORMAT.keySet()));
    }

    /**
     * The format of {@code file} by its extension, upper case ({@code book.EPUB} → {@code EPUB},
     * {@code book.fb2.zip} → {@code FBZ}), whether or not it is supported.
     *
     * @param file a file path; only its name is used
     * @return the format, or empty when the file name has no extension
     */
    public static Optional<String> formatOf(Path file) {
        Path name = file == null ? null : file.getFileName();
        if (name == null) {
            return Optional.empty();
        }
        String n = name.toString().toLowerCase(Locale.ROOT);
        if (n.endsWith(".fb2.zip")) {
            return Optional.of("FBZ");
        }
        int dot = n.lastIndexOf('.');
        if (dot <= 0 || dot == n.length() - 1) {
            return Optional.empty();
        }
        return Optional.of(n.substring(dot + 1).toUpperCase(Locale.ROOT));
    }

    /**
     * Extracts {@code file} with the extractor for its extension.
     *
     * @param file   the book file
     * @param limits the budgets (file bytes, text characters, zip bounds, time) for this file
     * @return the extracted text and metadata; never without sections
     * @throws ExtractionException {@code UnsupportedFormat} when no extractor handles the
     *                             extension, else whatever the extractor throws
     */
    public static ExtractedDocument extract(Path file, ExtractionLimits limits) throws ExtractionException {
        String format = formatOf(file).orElse("");
        Extractor extractor = forFormat(format).orElseThrow(() -> new ExtractionException(
                ExtractionException.UNSUPPORTED, "no extractor for format '" + format + "': " + file));
        return extractor.extract(file, limits);
    }
}
