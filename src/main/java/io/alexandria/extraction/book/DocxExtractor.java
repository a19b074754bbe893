package io.alexandria.extraction.book;

import io.alexandria.extraction.ExtractedDocument;
import io.alexandria.extraction.ExtractionException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;

/**
 * Extracts Word documents in Office Open XML ({@code .docx}, ECMA-376 / ISO/IEC 29500) with the
 * JDK's zip ({@link SafeZip}) and jsoup's XML parser; no Apache POI. The main part is found via
 * {@code _rels/.rels} (relationship type {@code officeDocument}), else
 * {@code word/document.xml}. Text is taken from {@code w:t} runs; tabs and breaks become spaces;
 * deleted text ({@code w:delText}), field codes ({@code w:instrText}) and the fallback copy of
 * alternate content ({@code mc:Fallback}) are skipped. Paragraphs whose style (via
 * {@code word/styles.xml}) is {@code Title} or {@code heading N}, or that carry an outline level,
 * are headings, and chapters are split at the outermost repeated heading level. Metadata from
 * {@code docProps/core.xml} ({@code dc:title}, {@code dc:creator}, {@code dc:language}).
 * Footnotes, headers and comments are not extracted.
 *
 * <p>Errors: {@code EncryptedDocument} for a password-protected file (an OLE2 container holding
 * {@code EncryptionInfo}); {@code UnsupportedFormat} for a legacy binary {@code .doc} named
 * {@code .docx}; {@code CorruptFile}, {@code ZipBomb}, {@code TooLarge}, {@code TextTooLarge}, {@code NoText},
 * {@code ExtractionTimeout}, {@code FileMissing}, {@code FileUnreadable}. Thread-safe: instances
 * hold no state.
 */
public final class DocxExtractor extends BookExtractor {
    private static final byte[] OLE2_MAGIC = {(byte) 0xD0, (byte) 0xCF, 0x11, (byte) 0xE0, (byte) 0xA1, (byte) 0xB1,
            0x1A, (byte) 0xE1};
    private static final byte[] ENCRYPTION_INFO = "EncryptionInfo".getBytes(StandardCharsets.UTF_16LE);
    private static final Pattern HEADING_NAME = Pattern.compile("(?i)heading\\s*([1-9])");

    /** An extractor that reports {@code FORMAT} as {@code DOCX}. */
    public DocxExtractor() {
        super("DOCX");
    }

    @Override
    ExtractedDocument extract(Path file, long size, DocumentBuilder doc, ExtractionGuard guard)
            throws IOException, ExtractionException {
        checkNotOle2(file);
        try (SafeZip zip = SafeZip.open(file, guard)) {
            String main = mainPart(zip, guard);
            Map<String, Integer> styles = headingStyles(zip, guard);
            Document body = Markup.xml(zip.read(main), guard);
            BlockRules rules = new BlockRules(
                    Set.of("p", "tbl", "tr", "body", "txbxcontent"),
                    Set.of("instrtext", "deltext", "delinstrtext", "fallback", "ppr", "rpr", "sectpr"),
                    Set.of("tab", "br", "cr", "tc", "ptab"),
                    Set.of("t"),
                    e -> headingLevel(e, styles));
            String core = zip.find("docProps/core.xml");
            if (core != null) {
                Document props = Markup.xml(zip.read(core), guard);
                doc.title(Markup.text(Markup.first(props, "title")))
                        .author(Markup.text(Markup.first(props, "creator")))
                        .language(Markup.text(Markup.first(props, "language")));
            }
            doc.addAll(Chapters.byHeadings(BlockText.of(Markup.body(body), rules, guard)));
            return doc.build();
        }
    }

    /** Heading level of a {@code w:p}: Title 1, heading N → N + 1, outline level L → L + 2. */
    private static int headingLevel(Element p, Map<String, Integer> styles) {
        if (!BlockRules.localName(p).equals("p")) {
            return 0;
        }
        Element pPr = Markup.child(p, "ppr");
        if (pPr == null) {
            return 0;
        }
        Element outline = Markup.child(pPr, "outlinelvl");
        if (outline != null) {
            return outlineLevel(Markup.attr(outline, "val"));
        }
        Element style = Markup.child(pPr, "pstyle");
        return style == null ? 0 : styles.getOrDefault(Markup.attr(style, "val"), 0);
    }

    private static int outlineLevel(String val) {
        try {
            int level = Integer.parseInt(val.strip());
            return level >= 0 && level < 9 ? level + 2 : 0; // 9 means body text
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    /** Paragraph style id → heading level, from {@code word/styles.xml}. */
    private static Map<String, Integer> headingStyles(SafeZip zip, ExtractionGuard guard)
            throws IOException, ExtractionException {
        Map<String, Integer> out = new HashMap<>();
        String stylesPart = zip.find("word/styles.xml");
        if (stylesPart == null) {
            return out;
        }
        for (Element style : Markup.all(Markup.xml(zip.read(stylesPart), guard), "style")) {
            String id = Markup.attr(style, "styleid");
            Element nameEl = Markup.child(style, "name");
            String name = nameEl == null ? id : Markup.attr(nameEl, "val");
            Element pPr = Markup.child(style, "ppr");
            Element outline = pPr == null ? null : Markup.child(pPr, "outlinelvl");
            Matcher m = HEADING_NAME.matcher(name);
            int level = 0;
            if (name.equalsIgnoreCase("title")) {
                level = 1;
            } else if (m.matches()) {
                level = Integer.parseInt(m.group(1)) + 1;
            } else if (outline != null) {
                level = outlineLevel(Markup.attr(outline, "val"));
            }
            if (level > 0 && !id.isEmpty()) {
                out.put(id, level);
            }
        }
        return out;
    }

    private static String mainPart(SafeZip zip, ExtractionGuard guard) throws IOException, ExtractionException {
        String rels = zip.find("_rels/.rels");
        if (rels != null) {
            for (Element rel : Markup.all(Markup.xml(zip.read(rels), guard), "relationship")) {
                if (Markup.attr(rel, "type").endsWith("/officeDocument")) {
                    String target = ContainerPaths.resolve("", Markup.attr(rel, "target"));
                    String entry = target == null ? null : zip.find(target);
                    if (entry != null) {
                        return entry;
                    }
                }
            }
        }
        String fallback = zip.find("word/document.xml");
        if (fallback == null) {
            throw new ExtractionException(ExtractionException.CORRUPT, "not a DOCX: no word/document.xml");
        }
        return fallback;
    }

    /** A DOCX in an OLE2 container is encrypted (or a legacy .doc under the wrong name). */
    private static void checkNotOle2(Path file) throws IOException, ExtractionException {
        try (InputStream in = Files.newInputStream(file)) {
            if (!Arrays.equals(in.readNBytes(OLE2_MAGIC.length), OLE2_MAGIC)) {
                return;
            }
            if (contains(in, ENCRYPTION_INFO)) {
                throw new ExtractionException(ExtractionException.ENCRYPTED,
                        "Word document is password protected: " + file.getFileName());
            }
        }
        throw new ExtractionException(ExtractionException.UNSUPPORTED,
                "legacy binary Word document (.doc), not DOCX: " + file.getFileName());
    }

    private static boolean contains(InputStream in, byte[] needle) throws IOException {
        byte[] buf = new byte[64 * 1024 + needle.length];
        int carry = 0;
        int n;
        while ((n = in.read(buf, carry, buf.length - carry)) > 0) {
            int len = carry + n;
            for (int i = 0; i + needle.length <= len; i++) {
                if (Arrays.equals(buf, i, i + needle.length, needle, 0, needle.length)) {
                    return true;
                }
            }
            carry = Math.min(needle.length - 1, len);
            System.arraycopy(buf, len - carry, buf, 0, carry);
        }
        return false;
    }
}
