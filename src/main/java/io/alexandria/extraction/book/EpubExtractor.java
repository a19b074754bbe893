package io.alexandria.extraction.book;

import io.alexandria.extraction.ExtractedDocument;
import io.alexandria.extraction.ExtractionException;
import io.alexandria.extraction.Section;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;

/**
 * Extracts the text of an EPUB 2 or EPUB 3 book, chapter by chapter.
 *
 * <p>Steps, by the specifications they follow:
 * <ol>
 *   <li>Container (EPUB 3.3 OCF, section 4): the zip is opened with {@link SafeZip}, bounded by
 *       the zip limits of {@link io.alexandria.extraction.ExtractionLimits}; the package document
 *       is the first {@code rootfile} of {@code META-INF/container.xml} (if that file is missing,
 *       the only {@code .opf} in the zip). {@code META-INF/encryption.xml} listing resources
 *       encrypted other than by font obfuscation (i.e. DRM) gives {@code EncryptedDocument}.</li>
 *   <li>Package document (EPUB 3.3 section 5 / OPF 2.0.1): {@code dc:title}, {@code dc:creator},
 *       {@code dc:language}, manifest and spine (see {@link OpfPackage}). Hrefs are resolved
 *       against the OPF's folder and percent-decoded ({@link ContainerPaths}).</li>
 *   <li>Chapter titles from the EPUB 3 navigation document, else the EPUB 2 NCX
 *       ({@link EpubToc}). A spine document's title is the label of the TOC entry pointing at the
 *       document itself; TOC entries pointing at fragments inside it split it into one section
 *       per entry. A document without TOC entry takes its first heading, else (a chapter split
 *       over several files) the previous chapter's title.</li>
 *   <li>Each spine document (XHTML with the XML parser, {@code text/html} with the HTML parser;
 *       other media types such as SVG are skipped) becomes one {@link Section#ofChapter} per
 *       chapter, its paragraphs made by {@link BlockText} with {@link BlockRules#HTML}.</li>
 * </ol>
 * The whole spine is read in order, including {@code linear="no"} items (notes and similar are
 * searchable text too). Spine documents that yield no text (title page images) give no section.
 * A spine entry whose file is missing from the zip is skipped with a warning; a zip that cannot
 * be opened (truncated: no central directory) or an entry whose data is damaged is
 * {@code CorruptFile}: a partial book is never returned, so the caller can retry another format.
 *
 * <p>Errors: {@code FileMissing}, {@code FileUnreadable}, {@code TooLarge} (file bytes), {@code TextTooLarge} (text
 * characters), {@code ZipBomb}, {@code CorruptFile}, {@code EncryptedDocument}, {@code NoText},
 * {@code ExtractionTimeout} (checked per 64 KiB inflated, per spine document and per 1,024 parsed
 * nodes). Thread-safe: instances hold no state.
 */
public final class EpubExtractor extends BookExtractor {
    private static final Set<String> FONT_OBFUSCATION = Set.of(
            "http://www.idpf.org/2008/embedding", "http://ns.adobe.com/pdf/enc#rc");

    /** An extractor that reports {@code FORMAT} as {@code EPUB}. */
    public EpubExtractor() {
        super("EPUB");
    }

    @Override
    ExtractedDocument extract(Path file, long size, DocumentBuilder doc, ExtractionGuard guard)
            throws IOException, ExtractionException {
        try (SafeZip zip = SafeZip.open(file, guard)) {
            checkNotEncrypted(zip, guard);
            String opfPath = findPackage(zip, guard);
            OpfPackage opf = OpfPackage.parse(Markup.xml(zip.read(opfPath), guard), opfPath);
            opf.warnings().forEach(doc::warn);
            doc.title(opf.title()).language(opf.language());
            if (!opf.authors().isEmpty()) {
                doc.author(String.join(" & ", opf.authors()));
            }
            Map<String, List<TocEntry>> toc = tocByDocument(zip, opf, doc, guard);
            String previousTitle = null;
            for (OpfPackage.SpineItem spineItem : opf.spine()) {
                guard.checkDeadline();
                OpfPackage.Item item = spineItem.item();
                Boolean xml = isXml(item);
                if (xml == null) {
                    continue; // SVG, images and other non-text spine items
                }
                String entry = zip.find(item.path());
                if (entry == null) {
                    doc.warn("spine document missing from the EPUB: " + item.path());
                    continue;
                }
                byte[] bytes = zip.read(entry);
                Document content = xml ? Markup.xml(bytes, guard) : Markup.html(bytes, guard);
                List<Block> blocks = BlockText.of(Markup.body(content), BlockRules.HTML, guard);
                List<Section> sections = chapters(blocks, toc.getOrDefault(entry, List.of()), previousTitle);
                doc.addAll(sections);
                if (!sections.isEmpty()) {
                    previousTitle = sections.getLast().chapter();
                }
            }
            return doc.build();
        }
    }

    /** The sections of one spine document, titled as the class comment describes. */
    private static List<Section> chapters(List<Block> blocks, List<TocEntry> entries, String previousTitle) {
        Set<String> ids = new HashSet<>();
        for (Block b : blocks) {
            ids.addAll(b.anchors());
        }
        String leadTitle = null;
        List<TocEntry> anchored = new ArrayList<>();
        for (TocEntry e : entries) {
            if (e.fragment() == null) {
                if (leadTitle == null) {
                    leadTitle = e.title();
                }
            } else if (ids.contains(e.fragment())) {
                anchored.add(e);
            } else if (leadTitle == null) {
                leadTitle = e.title(); // target id not found: the entry titles the whole document
            }
        }
        if (leadTitle == null) {
            leadTitle = Chapters.firstHeading(blocks);
        }
        if (leadTitle == null && entries.isEmpty()) {
            leadTitle = previousTitle;
        }
        return Chapters.atAnchors(blocks, leadTitle, anchored);
    }

    /** TOC entries grouped by the document they point to, in TOC order; nav first, NCX second. */
    private static Map<String, List<TocEntry>> tocByDocument(SafeZip zip, OpfPackage opf, DocumentBuilder doc,
                                                             ExtractionGuard guard) throws ExtractionException,
            IOException {
        List<TocEntry> entries = List.of();
        if (opf.nav() != null && zip.find(opf.nav().path()) != null) {
            String path = zip.find(opf.nav().path());
            entries = EpubToc.fromNav(Markup.xml(zip.read(path), guard), opf.nav().path());
        }
        if (entries.isEmpty() && opf.ncx() != null && zip.find(opf.ncx().path()) != null) {
            String path = zip.find(opf.ncx().path());
            entries = EpubToc.fromNcx(Markup.xml(zip.read(path), guard), opf.ncx().path());
        }
        if (entries.isEmpty()) {
            doc.warn("no table of contents; chapter titles come from headings");
        }
        Map<String, List<TocEntry>> byDoc = new LinkedHashMap<>();
        for (TocEntry e : entries) {
            String entry = zip.find(e.path());
            byDoc.computeIfAbsent(entry == null ? e.path() : entry, k -> new ArrayList<>()).add(e);
        }
        return byDoc;
    }

    /** The OPF path from {@code META-INF/container.xml}, else the only {@code .opf} entry. */
    private static String findPackage(SafeZip zip, ExtractionGuard guard) throws ExtractionException, IOException {
        String container = zip.find("META-INF/container.xml");
        if (container != null) {
            Document c = Markup.xml(zip.read(container), guard);
            for (Element rootfile : Markup.all(c, "rootfile")) {
                String mediaType = Markup.attr(rootfile, "media-type");
                if (!mediaType.isEmpty() && !mediaType.equalsIgnoreCase("application/oebps-package+xml")) {
                    continue;
                }
                String path = ContainerPaths.resolve("", Markup.attr(rootfile, "full-path"));
                String entry = path == null ? null : zip.find(path);
                if (entry != null) {
                    return entry;
                }
            }
        }
        List<String> opfs = zip.names().stream()
                .filter(n -> n.toLowerCase(Locale.ROOT).endsWith(".opf")).toList();
        if (opfs.size() == 1) {
            return opfs.getFirst();
        }
        throw new ExtractionException(ExtractionException.CORRUPT,
                "not an EPUB: no package document found via META-INF/container.xml");
    }

    /** {@code EncryptedDocument} when {@code META-INF/encryption.xml} lists DRM-encrypted data. */
    private static void checkNotEncrypted(SafeZip zip, ExtractionGuard guard) throws ExtractionException,
            IOException {
        String encryption = zip.find("META-INF/encryption.xml");
        if (encryption == null) {
            return;
        }
        Document enc = Markup.xml(zip.read(encryption), guard);
        for (Element data : Markup.all(enc, "encrypteddata")) {
            Element method = Markup.first(data, "encryptionmethod");
            String algorithm = method == null ? "" : Markup.attr(method, "algorithm").strip().toLowerCase(Locale.ROOT);
            if (!FONT_OBFUSCATION.contains(algorithm)) {
                throw new ExtractionException(ExtractionException.ENCRYPTED,
                        "EPUB content is encrypted (DRM, algorithm " + algorithm + ")");
            }
        }
    }

    /** TRUE for XHTML, FALSE for HTML, {@code null} for spine items that are not text documents. */
    private static Boolean isXml(OpfPackage.Item item) {
        String type = item.mediaType();
        if (type.equals("application/xhtml+xml") || type.equals("application/xml") || type.equals("text/xml")) {
            return Boolean.TRUE;
        }
        if (type.equals("text/html")) {
            return Boolean.FALSE;
        }
        if (!type.isEmpty()) {
            return null;
        }
        String path = item.path().toLowerCase(Locale.ROOT);
        if (path.endsWith(".xhtml") || path.endsWith(".xml")) {
            return Boolean.TRUE;
        }
        return path.endsWith(".html") || path.endsWith(".htm") ? Boolean.FALSE : null;
    }
}
