package io.alexandria.extraction.book;

import static io.alexandria.extraction.book.TestFiles.DEFAULTS;
import static io.alexandria.extraction.book.TestFiles.assertFails;
import static io.alexandria.extraction.book.TestFiles.withMaxTextChars;
import static io.alexandria.extraction.book.TestFiles.withTimeout;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.alexandria.extraction.ExtractedDocument;
import io.alexandria.extraction.ExtractionException;
import io.alexandria.extraction.Section;
import io.alexandria.testsupport.Corpus;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.encryption.AccessPermission;
import org.apache.pdfbox.pdmodel.encryption.StandardProtectionPolicy;
import org.apache.pdfbox.pdmodel.font.PDType1Font;
import org.apache.pdfbox.pdmodel.font.Standard14Fonts;
import org.apache.pdfbox.pdmodel.graphics.image.LosslessFactory;
import org.apache.pdfbox.pdmodel.graphics.image.PDImageXObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The corpus PDF and PDFs made in the test with PDFBox: encrypted, blank, image-only, broken. */
class PdfExtractorTest {
    static final String JEKYLL_PDF = "robert-louis-stevenson_the-strange-case-of-dr-jekyll-and-mr-hyde.pdf";

    @TempDir
    Path tmp;

    @Test
    void corpusPdfGivesPageSectionsWithPageNumbersChaptersAndMetadata() throws Exception {
        ExtractedDocument doc = new PdfExtractor().extract(Corpus.copyBook(JEKYLL_PDF, tmp), DEFAULTS);

        assertEquals(69, doc.attributes().get(ExtractedDocument.PAGES));
        assertEquals("PDF", doc.stringAttribute(ExtractedDocument.FORMAT));
        assertEquals("The Strange Case of Dr. Jekyll and Mr. Hyde", doc.title());
        assertEquals("Robert Louis Stevenson", doc.stringAttribute(ExtractedDocument.AUTHOR));
        List<Integer> pages = doc.sections().stream().map(Section::page).toList();
        // Page 1 is the title page, an image without text: it gives no section.
        assertEquals(68, pages.size(), pages::toString);
        assertEquals(2, pages.getFirst());
        assertEquals(69, pages.getLast());
        for (int i = 1; i < pages.size(); i++) {
            assertEquals(pages.get(i - 1) + 1, pages.get(i), "pages in order, none twice");
        }

        Section page3 = page(doc, 3);
        assertEquals("Story of the Door", page3.chapter(), "chapter from the PDF outline");
        assertEquals(List.of("Story of the Door"), page3.headingPath());
        assertEquals("Story of the Door", page3.paragraphs().getFirst());
        assertTrue(page3.paragraphs().get(1).startsWith("Mr. Utterson the lawyer was a man of a rugged countenance "
                + "that was never lighted by a smile;"), page3.paragraphs().get(1));
        Section page6 = page(doc, 6);
        assertTrue(page6.paragraphs().contains("“Tut-tut,” said Mr. Utterson."), page6.paragraphs()::toString);
        assertTrue(page6.paragraphs().contains("“And you never asked about the—place with the door?” said "
                + "Mr. Utterson."), page6.paragraphs()::toString);
        assertFalse(String.join(" ", page(doc, 5).paragraphs()).contains("Tut-tut"));
        assertEquals("Search for Mr. Hyde", page(doc, 9).chapter());
        assertEquals("Uncopyright", page(doc, 69).chapter());
        for (Section s : doc.sections()) {
            for (String p : s.paragraphs()) {
                assertFalse(p.indexOf('\u2060') >= 0 || p.indexOf('\n') >= 0 || p.contains("  "), p);
            }
        }
    }

    @Test
    void passwordProtectedPdfIsEncrypted() throws Exception {
        Path pdf = textPdf(tmp.resolve("locked.pdf"), "Secret text");
        try (PDDocument doc = Loader.loadPDF(pdf.toFile())) {
            doc.protect(new StandardProtectionPolicy("owner-pw", "user-pw", new AccessPermission()));
            doc.save(pdf.toFile());
        }
        assertFails(ExtractionException.ENCRYPTED, () -> new PdfExtractor().extract(pdf, DEFAULTS));
    }

    @Test
    void pdfWithOnlyAnOwnerPasswordOpensWithoutOneAndIsExtracted() throws Exception {
        Path pdf = textPdf(tmp.resolve("owner.pdf"), "Readable text");
        try (PDDocument doc = Loader.loadPDF(pdf.toFile())) {
            AccessPermission noCopy = new AccessPermission();
            noCopy.setCanExtractContent(false);
            doc.protect(new StandardProtectionPolicy("owner-pw", "", noCopy));
            doc.save(pdf.toFile());
        }
        ExtractedDocument doc = new PdfExtractor().extract(pdf, DEFAULTS);
        assertEquals(List.of("Readable text"), doc.sections().getFirst().paragraphs());
    }

    @Test
    void blankPageOnlyIsNoTextLayer() throws Exception {
        Path pdf = tmp.resolve("blank.pdf");
        try (PDDocument doc = new PDDocument()) {
            doc.addPage(new PDPage(PDRectangle.A4));
            doc.save(pdf.toFile());
        }
        ExtractionException e = assertFails(ExtractionException.NO_TEXT_LAYER,
                () -> new PdfExtractor().extract(pdf, DEFAULTS));
        assertTrue(e.getMessage().contains("no text layer"), e.getMessage());
    }

    @Test
    void imageOnlyScanIsNoTextLayer() throws Exception {
        Path pdf = tmp.resolve("scan.pdf");
        try (PDDocument doc = new PDDocument()) {
            for (int i = 0; i < 2; i++) {
                PDPage page = new PDPage(PDRectangle.A5);
                doc.addPage(page);
                BufferedImage scan = new BufferedImage(200, 300, BufferedImage.TYPE_INT_RGB);
                scan.getGraphics().drawString("pixels, not text", 10, 50);
                PDImageXObject image = LosslessFactory.createFromImage(doc, scan);
                try (PDPageContentStream cs = new PDPageContentStream(doc, page)) {
                    cs.drawImage(image, 20, 20, 200, 300);
                }
            }
            doc.save(pdf.toFile());
        }
        assertFails(ExtractionException.NO_TEXT_LAYER, () -> new PdfExtractor().extract(pdf, DEFAULTS));
    }

    @Test
    void pdfWithoutPagesIsNoText() throws Exception {
        Path pdf = tmp.resolve("empty.pdf");
        try (PDDocument doc = new PDDocument()) {
            doc.save(pdf.toFile());
        }
        assertFails(ExtractionException.NO_TEXT, () -> new PdfExtractor().extract(pdf, DEFAULTS));
    }

    @Test
    void garbageAndBadlyTruncatedPdfAreCorrupt() throws Exception {
        Path garbage = Files.writeString(tmp.resolve("garbage.pdf"), "this is not a PDF at all");
        assertFails(ExtractionException.CORRUPT, () -> new PdfExtractor().extract(garbage, DEFAULTS));

        Path copy = Corpus.copyBook(JEKYLL_PDF, tmp);
        byte[] bytes = Files.readAllBytes(copy);
        Files.write(copy, Arrays.copyOf(bytes, 1000));
        assertFails(ExtractionException.CORRUPT, () -> new PdfExtractor().extract(copy, DEFAULTS));
    }

    @Test
    void truncatedPdfIsCorruptNotAPartialBook() throws Exception {
        Path copy = Corpus.copyBook(JEKYLL_PDF, tmp);
        byte[] bytes = Files.readAllBytes(copy);
        Files.write(copy, Arrays.copyOf(bytes, bytes.length * 7 / 10));
        ExtractionException e = assertFails(ExtractionException.CORRUPT,
                () -> new PdfExtractor().extract(copy, DEFAULTS));
        assertTrue(e.getMessage().contains("truncated"), e.getMessage());
    }

    @Test
    void budgetsAndDeadlineAreEnforced() throws Exception {
        Path copy = Corpus.copyBook(JEKYLL_PDF, tmp);
        assertFails(ExtractionException.TEXT_TOO_LARGE, () -> new PdfExtractor().extract(copy, withMaxTextChars(5000)));
        assertFails(ExtractionException.TIMEOUT, () -> new PdfExtractor().extract(copy, withTimeout(Duration.ZERO)));
    }

    @Test
    void hyphenatedLineBreaksAreRejoinedAcrossRealPdfLines() throws Exception {
        Path pdf = tmp.resolve("hyphen.pdf");
        try (PDDocument doc = new PDDocument()) {
            PDPage page = new PDPage(PDRectangle.A4);
            doc.addPage(page);
            try (PDPageContentStream cs = new PDPageContentStream(doc, page)) {
                cs.beginText();
                cs.setFont(new PDType1Font(Standard14Fonts.FontName.TIMES_ROMAN), 12);
                cs.setLeading(14);
                cs.newLineAtOffset(72, 700);
                for (String line : List.of("The quick brown fox jumps over the lazy dog and then it con-",
                        "tinues running along the riverbank until the evening comes and",
                        "everybody goes home.", "A second paragraph starts here.")) {
                    cs.showText(line);
                    cs.newLine();
                }
                cs.endText();
            }
            doc.getDocumentInformation().setTitle("Hyphen Test");
            doc.save(pdf.toFile());
        }
        ExtractedDocument doc = new PdfExtractor().extract(pdf, DEFAULTS);
        assertEquals(List.of("The quick brown fox jumps over the lazy dog and then it continues running along "
                + "the riverbank until the evening comes and everybody goes home.", "A second paragraph starts here."),
                doc.sections().getFirst().paragraphs());
        assertEquals("Hyphen Test", doc.title());
        assertNull(doc.sections().getFirst().chapter(), "no outline, no chapter");
    }

    private static Section page(ExtractedDocument doc, int page) {
        return doc.sections().stream().filter(s -> s.page() == page).findFirst()
                .orElseThrow(() -> new AssertionError("no section for page " + page));
    }

    /** A one-page PDF with {@code text} in Helvetica. */
    static Path textPdf(Path file, String text) throws IOException {
        try (PDDocument doc = new PDDocument()) {
            PDPage page = new PDPage(PDRectangle.A4);
            doc.addPage(page);
            try (PDPageContentStream cs = new PDPageContentStream(doc, page)) {
                cs.beginText();
                cs.setFont(new PDType1Font(Standard14Fonts.FontName.HELVETICA), 12);
                cs.newLineAtOffset(72, 700);
                cs.showText(text);
                cs.endText();
            }
            doc.save(file.toFile());
        }
        return file;
    }
}
