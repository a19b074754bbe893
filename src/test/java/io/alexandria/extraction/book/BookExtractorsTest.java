package io.alexandria.extraction.book;

import static io.alexandria.extraction.book.TestFiles.DEFAULTS;
import static io.alexandria.extraction.book.TestFiles.assertFails;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.alexandria.extraction.ExtractedDocument;
import io.alexandria.extraction.ExtractionException;
import io.alexandria.extraction.Extractor;
import io.alexandria.testsupport.Corpus;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The registry, and what every extractor does with missing, unreadable and hostile files. */
class BookExtractorsTest {
    @TempDir
    Path tmp;

    static List<String> formats() {
        return List.copyOf(BookExtractors.supportedFormats());
    }

    @Test
    void formatsAreLookedUpIgnoringCaseAndUnsupportedOnesAreEmpty() {
        assertInstanceOf(EpubExtractor.class, BookExtractors.forFormat("epub").orElseThrow());
        assertInstanceOf(PdfExtractor.class, BookExtractors.forFormat(" PDF ").orElseThrow());
        assertInstanceOf(TextExtractor.class, BookExtractors.forFormat(".txt").orElseThrow());
        assertSame(BookExtractors.forFormat("HTML").orElseThrow(), BookExtractors.forFormat("html").orElseThrow());
        for (String f : List.of("htm", "xhtml", "docx", "odt", "fb2", "fbz", "rtf")) {
            assertTrue(BookExtractors.forFormat(f).isPresent(), f);
        }
        for (String f : List.of("MOBI", "AZW3", "AZW", "DOC", "DJVU", "", "zip")) {
            assertEquals(Optional.empty(), BookExtractors.forFormat(f), f);
        }
        assertEquals(Optional.empty(), BookExtractors.forFormat(null));
        assertEquals(Set.of("EPUB", "PDF", "TXT", "HTML", "HTM", "XHTML", "DOCX", "ODT", "FB2", "FBZ", "RTF"),
                Set.copyOf(BookExtractors.supportedFormats()));
        assertEquals("EPUB", BookExtractors.supportedFormats().getFirst());
    }

    @Test
    void formatOfUsesTheExtension() {
        assertEquals(Optional.of("EPUB"), BookExtractors.formatOf(Path.of("a/The Time Machine - H. G. Wells.epub")));
        assertEquals(Optional.of("PDF"), BookExtractors.formatOf(Path.of("X.PDF")));
        assertEquals(Optional.of("FBZ"), BookExtractors.formatOf(Path.of("b.fb2.zip")));
        assertEquals(Optional.of("MOBI"), BookExtractors.formatOf(Path.of("c.mobi")));
        assertEquals(Optional.empty(), BookExtractors.formatOf(Path.of("README")));
        assertEquals(Optional.empty(), BookExtractors.formatOf(Path.of(".hidden")));
        assertEquals(Optional.empty(), BookExtractors.formatOf(Path.of("trailing.")));
    }

    @Test
    void extractByExtensionAndUnsupportedFormat() throws Exception {
        ExtractedDocument doc = BookExtractors.extract(Corpus.copyBook(EpubCorpusTest.JEKYLL, tmp), DEFAULTS);
        assertEquals("EPUB", doc.stringAttribute(ExtractedDocument.FORMAT));
        Path mobi = Files.writeString(tmp.resolve("book.mobi"), "BOOKMOBI");
        assertFails(ExtractionException.UNSUPPORTED, () -> BookExtractors.extract(mobi, DEFAULTS));
    }

    @ParameterizedTest
    @MethodSource("formats")
    void missingFileIsFileMissing(String format) {
        Extractor extractor = BookExtractors.forFormat(format).orElseThrow();
        Path missing = tmp.resolve("nope." + format.toLowerCase());
        assertFails(ExtractionException.MISSING, () -> extractor.extract(missing, DEFAULTS));
    }

    @ParameterizedTest
    @MethodSource("formats")
    void directoryIsUnreadableAndOversizedFileIsTooLarge(String format) throws Exception {
        Extractor extractor = BookExtractors.forFormat(format).orElseThrow();
        Path dir = Files.createDirectory(tmp.resolve("dir." + format));
        assertFails(ExtractionException.UNREADABLE, () -> extractor.extract(dir, DEFAULTS));
        Path big = Files.write(tmp.resolve("big." + format), new byte[2048]);
        var limits = new io.alexandria.extraction.ExtractionLimits(1024, 1000, 10, 1000, 1000, 10,
                java.time.Duration.ofSeconds(10));
        assertFails(ExtractionException.TOO_LARGE, () -> extractor.extract(big, limits));
    }

    @Test
    void fileWithoutReadPermissionIsUnreadable() throws Exception {
        Path file = Files.writeString(tmp.resolve("locked.bin"), "x");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("-w-------"));
        assumeTrue(!Files.isReadable(file), "running as root: permissions do not stop reads");
        for (String format : formats()) {
            Extractor extractor = BookExtractors.forFormat(format).orElseThrow();
            assertFails(ExtractionException.UNREADABLE, () -> extractor.extract(file, DEFAULTS));
        }
    }

    /**
     * Hostile input: random bytes, and every corpus book cut at several lengths and with a byte
     * range overwritten, fed to every extractor. Whatever happens, only an ExtractionException
     * (never a RuntimeException or an Error) may come out, and a runtime failure must carry its
     * cause.
     */
    @ParameterizedTest
    @MethodSource("formats")
    void hostileInputOnlyEverGivesExtractionExceptions(String format) throws Exception {
        Extractor extractor = BookExtractors.forFormat(format).orElseThrow();
        Random random = new Random(format.hashCode());
        List<byte[]> inputs = new java.util.ArrayList<>();
        byte[] noise = new byte[4096];
        random.nextBytes(noise);
        inputs.add(noise);
        for (String book : List.of(EpubCorpusTest.JEKYLL, PdfExtractorTest.JEKYLL_PDF, TextExtractorTest.GATSBY_TXT)) {
            byte[] bytes = Files.readAllBytes(Corpus.copyBook(book, tmp));
            for (double keep : new double[] {0.01, 0.3, 0.7}) {
                inputs.add(java.util.Arrays.copyOf(bytes, (int) (bytes.length * keep)));
            }
            byte[] damaged = bytes.clone();
            int from = random.nextInt(bytes.length / 2);
            for (int i = from; i < from + 2000 && i < damaged.length; i++) {
                damaged[i] = (byte) random.nextInt();
            }
            inputs.add(damaged);
        }
        int i = 0;
        for (byte[] input : inputs) {
            Path file = Files.write(tmp.resolve("hostile" + i++ + "." + format.toLowerCase()), input);
            try {
                ExtractedDocument doc = extractor.extract(file, DEFAULTS);
                assertNotNull(doc);
                assertTrue(!doc.sections().isEmpty(), "a returned document has text");
            } catch (ExtractionException e) {
                assertNotNull(e.errorType());
                assertTrue(Set.of(ExtractionException.CORRUPT, ExtractionException.NO_TEXT,
                        ExtractionException.NO_TEXT_LAYER, ExtractionException.ZIP_BOMB,
                        ExtractionException.ENCRYPTED, ExtractionException.UNSUPPORTED).contains(e.errorType()),
                        () -> format + " input " + file.getFileName() + ": " + e.errorType() + " " + e.getMessage());
            }
        }
    }
}
