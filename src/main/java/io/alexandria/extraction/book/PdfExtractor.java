package io.alexandria.extraction.book;

import io.alexandria.extraction.ExtractedDocument;
import io.alexandria.extraction.ExtractionException;
import io.alexandria.extraction.Section;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SeekableByteChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.io.IOUtils;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDDocumentInformation;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.encryption.InvalidPasswordException;
import org.apache.pdfbox.pdmodel.interactive.documentnavigation.outline.PDDocumentOutline;
import org.apache.pdfbox.pdmodel.interactive.documentnavigation.outline.PDOutlineItem;

/**
 * Extracts the text layer of a PDF page by page with Apache PDFBox 3.
 *
 * <p>Each page with text becomes one section ({@code page} = 1-based page number) whose
 * paragraphs come from PDFBox's paragraph detection, with lines re-joined and line-break hyphens
 * removed ({@link PdfParagraphs}). Pages without text (a title page image) give no section; the
 * {@code PAGES} attribute is the document's page count. When the PDF has an outline (bookmarks),
 * each page section also carries, as {@code chapter} and heading path, the title of the last
 * outline entry that starts on or before that page. Title and author come from the document
 * information dictionary, the language from the catalog's {@code /Lang}.
 *
 * <p>Memory: the file is read through PDFBox's buffered file reader and decoded streams are cached
 * in temp files ({@code IOUtils.createTempFileOnlyStreamCache()}), so a large PDF does not have to
 * fit on the heap.
 *
 * <p>Errors: {@code EncryptedDocument} when the PDF needs a user password (or uses a security
 * handler PDFBox lacks; a PDF with only an owner password opens and is extracted);
 * {@code NoTextLayer} when it has pages but none yields text (scanned or blank; no OCR is done);
 * {@code NoText} when it has no pages; {@code CorruptFile} when PDFBox cannot parse it, or every
 * page failed to parse (single broken pages are skipped with a warning), or the file is truncated
 * (no {@code %%EOF} at its end: PDFBox would otherwise rebuild it and return part of the book);
 * {@code TooLarge}, {@code TextTooLarge}, {@code ExtractionTimeout} (checked after each page and every 4,096
 * content-stream operators), {@code FileMissing}, {@code FileUnreadable}. PDFBox repairs damage
 * inside a complete file (a broken cross-reference table, damaged objects), and such a file gives
 * whatever text survives.
 * Thread-safe: instances hold no state.
 */
public final class PdfExtractor extends BookExtractor {
    private static final int MAX_OUTLINE_ITEMS = 10_000;
    private static final int TAIL_BYTES = 2048;

    /** An extractor that reports {@code FORMAT} as {@code PDF}. */
    public PdfExtractor() {
        super("PDF");
    }

    @Override
    ExtractedDocument extract(Path file, long size, DocumentBuilder doc, ExtractionGuard guard)
            throws IOException, ExtractionException {
        checkNotTruncated(file, size);
        try (PDDocument pdf = load(file)) {
            int pages = pdf.getNumberOfPages();
            doc.attribute(ExtractedDocument.PAGES, pages);
            PDDocumentInformation info = pdf.getDocumentInformation();
            doc.title(info.getTitle()).author(info.getAuthor()).language(pdf.getDocumentCatalog().getLanguage());
            if (pages == 0) {
                throw new ExtractionException(ExtractionException.NO_TEXT, "PDF has no pages: " + file.getFileName());
            }
            TreeMap<Integer, String> chapters = outline(pdf, doc, guard);
            int[] failed = {0};
            PdfPageStripper stripper = new PdfPageStripper(guard, new PdfPageStripper.PageSink() {
                @Override
                public void page(int pageNumber, List<String> paragraphs) throws ExtractionException {
                    if (paragraphs.isEmpty()) {
                        return;
                    }
                    for (String p : paragraphs) {
                        guard.addChars(p.length());
                    }
                    Map.Entry<Integer, String> chapter = chapters.floorEntry(pageNumber);
                    String title = chapter == null ? null : chapter.getValue();
                    doc.add(new Section(title == null ? List.of() : List.of(title), title, pageNumber, paragraphs));
                }

                @Override
                public void pageFailed(int pageNumber, Exception cause) {
                    failed[0]++;
                    doc.warn("page " + pageNumber + " could not be read: " + cause);
                }
            });
            stripper.run(pdf);
            if (doc.sections().isEmpty()) {
                if (failed[0] == pages) {
                    throw new ExtractionException(ExtractionException.CORRUPT,
                            "no page of the PDF could be read: " + file.getFileName());
                }
                throw new ExtractionException(ExtractionException.NO_TEXT_LAYER, "PDF has " + pages
                        + " page(s) but no text layer (scanned images or blank pages; OCR is not supported): "
                        + file.getFileName());
            }
            return doc.build();
        }
    }

    /**
     * A PDF ends with an {@code %%EOF} line (ISO 32000-1, 7.5.5); a file cut short lacks it. PDFBox
     * would rebuild such a file from whatever objects survive and give part of the book as if it
     * were all of it, so a missing marker in the last {@value #TAIL_BYTES} bytes is
     * {@code CorruptFile}.
     */
    private static void checkNotTruncated(Path file, long size) throws IOException, ExtractionException {
        int tail = (int) Math.min(size, TAIL_BYTES);
        ByteBuffer buf = ByteBuffer.allocate(tail);
        try (SeekableByteChannel ch = Files.newByteChannel(file)) {
            ch.position(size - tail);
            while (buf.hasRemaining() && ch.read(buf) > 0) {
                // fill
            }
        }
        String end = new String(buf.array(), 0, buf.position(), StandardCharsets.ISO_8859_1);
        if (!end.contains("%%EOF")) {
            throw new ExtractionException(ExtractionException.CORRUPT,
                    "PDF is truncated (no %%EOF marker at its end): " + file.getFileName());
        }
    }

    private static PDDocument load(Path file) throws IOException, ExtractionException {
        try {
            return Loader.loadPDF(file.toFile(), "", IOUtils.createTempFileOnlyStreamCache());
        } catch (InvalidPasswordException e) {
            throw new ExtractionException(ExtractionException.ENCRYPTED,
                    "PDF is password protected: " + file.getFileName(), e);
        } catch (IOException e) {
            String m = String.valueOf(e.getMessage()).toLowerCase(Locale.ROOT);
            if (m.contains("security handler") || m.contains("decrypt")) {
                throw new ExtractionException(ExtractionException.ENCRYPTED,
                        "PDF is encrypted with an unsupported method: " + file.getFileName(), e);
            }
            throw e;
        }
    }

    /**
     * First page number (1-based) of each outline entry → its title, walked depth-first without
     * recursion and at most {@value #MAX_OUTLINE_ITEMS} entries; empty when there is none.
     */
    private static TreeMap<Integer, String> outline(PDDocument pdf, DocumentBuilder doc, ExtractionGuard guard)
            throws ExtractionException {
        TreeMap<Integer, String> byPage = new TreeMap<>();
        try {
            PDDocumentOutline outline = pdf.getDocumentCatalog().getDocumentOutline();
            if (outline == null) {
                return byPage;
            }
            Deque<Iterator<PDOutlineItem>> stack = new ArrayDeque<>();
            stack.push(outline.children().iterator());
            int seen = 0;
            while (!stack.isEmpty() && seen < MAX_OUTLINE_ITEMS) {
                Iterator<PDOutlineItem> it = stack.peek();
                if (!it.hasNext()) {
                    stack.pop();
                    continue;
                }
                PDOutlineItem item = it.next();
                if (++seen % 256 == 0) {
                    guard.checkDeadline();
                }
                PDPage page = item.findDestinationPage(pdf);
                String title = DocumentBuilder.clean(item.getTitle());
                int index = page == null ? -1 : pdf.getPages().indexOf(page);
                if (index >= 0 && title != null) {
                    byPage.putIfAbsent(index + 1, title); // a sub-entry on the same page keeps the chapter
                }
                if (item.hasChildren()) {
                    stack.push(item.children().iterator());
                }
            }
        } catch (IOException | RuntimeException e) {
            doc.warn("PDF outline ignored: " + e);
            byPage.clear();
        }
        return byPage;
    }
}
