package io.alexandria.extraction.book;

import static io.alexandria.extraction.book.TestFiles.DEFAULTS;
import static io.alexandria.extraction.book.TestFiles.assertFails;
import static io.alexandria.extraction.book.TestFiles.withMaxTextChars;
import static io.alexandria.extraction.book.TestFiles.withTimeout;
import static io.alexandria.extraction.book.TestFiles.withZip;
import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.alexandria.extraction.ExtractionException;
import io.alexandria.extraction.ExtractionLimits;
import io.alexandria.testsupport.Corpus;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Untrusted EPUBs: truncated, zip bombs, too many entries, lying headers, budgets. */
class EpubSafetyTest {
    private static final String JEKYLL = EpubCorpusTest.JEKYLL;

    @TempDir
    Path tmp;

    @ParameterizedTest
    @ValueSource(doubles = {0.05, 0.5, 0.9, 0.999})
    void truncatedCorpusEpubIsCorrupt(double keep) throws IOException {
        Path copy = Corpus.copyBook(JEKYLL, tmp);
        byte[] bytes = Files.readAllBytes(copy);
        Files.write(copy, Arrays.copyOf(bytes, (int) (bytes.length * keep)));

        assertFails(ExtractionException.CORRUPT, () -> new EpubExtractor().extract(copy, DEFAULTS));
    }

    @Test
    void damagedEntryDataIsCorruptNotAPartialBook() throws IOException {
        Path copy = Corpus.copyBook(JEKYLL, tmp);
        byte[] bytes = Files.readAllBytes(copy);
        int at = indexOf(bytes, "epub/text/chapter-5.xhtml".getBytes(StandardCharsets.US_ASCII));
        for (int i = at + 60; i < at + 400; i++) {
            bytes[i] = (byte) 0xFF; // the first local entry of that name: overwrite its deflated data
        }
        Files.write(copy, bytes);

        assertFails(ExtractionException.CORRUPT, () -> new EpubExtractor().extract(copy, DEFAULTS));
    }

    @Test
    void highlyCompressibleHugeEntryIsAZipBombBeforeItIsInflated() throws IOException {
        Path bomb = bombEpub(tmp.resolve("bomb.epub"), 48L << 20);
        assertTrue(Files.size(bomb) < 200_000, "48 MiB of zeros deflates to about 50 KB");

        ExtractionException e = assertFails(ExtractionException.ZIP_BOMB,
                () -> new EpubExtractor().extract(bomb, DEFAULTS));
        assertTrue(e.getMessage().contains("compression ratio"), e.getMessage());
    }

    @Test
    void lyingCentralDirectoryIsCaughtByCountingInflatedBytes() throws Exception {
        Path bomb = bombEpub(tmp.resolve("liar.epub"), 8L << 20);
        lieAboutSize(bomb, "epub/text/chapter-1.xhtml", 1000);
        ExtractionGuard guard = new ExtractionGuard(DEFAULTS);
        try (SafeZip zip = SafeZip.open(bomb, guard)) {
            ExtractionException e = assertFails(ExtractionException.ZIP_BOMB,
                    () -> zip.read("epub/text/chapter-1.xhtml"));
            assertTrue(e.getMessage().contains("inflates"), e.getMessage());
            assertTrue(zip.totalInflated() < (4L << 20),
                    "stopped long before the 8 MiB were inflated, after " + zip.totalInflated() + " bytes");
        }
    }

    @Test
    void entryOverThePerEntryLimitIsAZipBomb() throws IOException {
        Path book = bombEpub(tmp.resolve("big.epub"), 3L << 20);
        ExtractionLimits limits = withZip(10_000, 1L << 20, 1L << 30, 1e9);
        ExtractionException e = assertFails(ExtractionException.ZIP_BOMB,
                () -> new EpubExtractor().extract(book, limits));
        assertTrue(e.getMessage().contains("per-entry limit"), e.getMessage());
    }

    @Test
    void totalInflatedOverTheLimitIsAZipBomb() throws IOException {
        Map<String, String> files = new LinkedHashMap<>();
        StringBuilder spine = new StringBuilder();
        StringBuilder manifest = new StringBuilder();
        for (int i = 0; i < 20; i++) {
            files.put("c" + i + ".xhtml", TestFiles.xhtml("Chapter " + i, "x".repeat(20_000)));
            manifest.append("<item id=\"c%d\" href=\"c%d.xhtml\" media-type=\"application/xhtml+xml\"/>".formatted(i, i));
            spine.append("<itemref idref=\"c%d\"/>".formatted(i));
        }
        files.put("content.opf", opf(manifest.toString(), spine.toString()));
        Path book = TestFiles.epub(tmp.resolve("many.epub"), "content.opf", files);

        assertDoesNotThrow(() -> new EpubExtractor().extract(book, DEFAULTS));
        ExtractionLimits limits = withZip(10_000, 1L << 20, 200_000, 1e9);
        ExtractionException e = assertFails(ExtractionException.ZIP_BOMB,
                () -> new EpubExtractor().extract(book, limits));
        assertTrue(e.getMessage().contains("total"), e.getMessage());
    }

    @Test
    void tooManyEntriesIsAZipBombUnderDefaultLimits() throws IOException {
        Path file = tmp.resolve("entries.epub");
        try (ZipOutputStream zip = new ZipOutputStream(Files.newOutputStream(file))) {
            zip.putNextEntry(new ZipEntry("META-INF/container.xml"));
            zip.write(TestFiles.container("content.opf").getBytes(StandardCharsets.UTF_8));
            for (int i = 0; i < DEFAULTS.maxZipEntries(); i++) {
                ZipEntry empty = new ZipEntry("f/" + i);
                empty.setMethod(ZipEntry.STORED); // empty stored entries: fast to write
                empty.setSize(0);
                empty.setCrc(0);
                zip.putNextEntry(empty);
            }
        }
        ExtractionException e = assertFails(ExtractionException.ZIP_BOMB,
                () -> new EpubExtractor().extract(file, DEFAULTS));
        assertTrue(e.getMessage().contains("10001 entries"), e.getMessage());
    }

    @Test
    void textBudgetDeadlineAndFileSizeAreEnforced() throws IOException {
        Path copy = Corpus.copyBook(JEKYLL, tmp);
        assertFails(ExtractionException.TEXT_TOO_LARGE, () -> new EpubExtractor().extract(copy, withMaxTextChars(10_000)));
        assertFails(ExtractionException.TIMEOUT, () -> new EpubExtractor().extract(copy, withTimeout(Duration.ZERO)));
        ExtractionLimits small = new ExtractionLimits(1000, 1000, 10, 1000, 1000, 10, Duration.ofMinutes(1));
        assertFails(ExtractionException.TOO_LARGE, () -> new EpubExtractor().extract(copy, small));
    }

    @Test
    void interruptedThreadStopsExtractionAsTimeout() throws IOException {
        Path copy = Corpus.copyBook(JEKYLL, tmp);
        Thread.currentThread().interrupt();
        try {
            assertFails(ExtractionException.TIMEOUT, () -> new EpubExtractor().extract(copy, DEFAULTS));
            assertTrue(Thread.currentThread().isInterrupted(), "the interrupt flag is left for the caller");
        } finally {
            Thread.interrupted();
        }
    }

    @Test
    void corpusEpubEntriesPassTheDefaultRatioCheck() throws Exception {
        Path copy = Corpus.copyBook(JEKYLL, tmp);
        try (ZipInputStream in = new ZipInputStream(Files.newInputStream(copy))) {
            int entries = 0;
            while (in.getNextEntry() != null) {
                entries++;
            }
            assertEquals(24, entries);
        }
        assertDoesNotThrow(() -> new EpubExtractor().extract(copy, DEFAULTS));
    }

    /** An EPUB whose first chapter is {@code size} zero-ish bytes (valid XHTML, highly compressible). */
    private static Path bombEpub(Path file, long size) throws IOException {
        try (OutputStream out = Files.newOutputStream(file); ZipOutputStream zip = new ZipOutputStream(out)) {
            zip.putNextEntry(new ZipEntry("META-INF/container.xml"));
            zip.write(TestFiles.container("epub/content.opf").getBytes(StandardCharsets.UTF_8));
            zip.putNextEntry(new ZipEntry("epub/content.opf"));
            zip.write(opf("<item id=\"c1\" href=\"text/chapter-1.xhtml\" media-type=\"application/xhtml+xml\"/>",
                    "<itemref idref=\"c1\"/>").getBytes(StandardCharsets.UTF_8));
            zip.putNextEntry(new ZipEntry("epub/text/chapter-1.xhtml"));
            zip.write("<html xmlns=\"http://www.w3.org/1999/xhtml\"><body><p>".getBytes(StandardCharsets.UTF_8));
            byte[] spaces = new byte[1 << 20];
            Arrays.fill(spaces, (byte) ' ');
            for (long written = 0; written < size; written += spaces.length) {
                zip.write(spaces);
            }
            zip.write("</p></body></html>".getBytes(StandardCharsets.UTF_8));
            zip.closeEntry();
        }
        return file;
    }

    private static String opf(String manifest, String spine) {
        return """
                <package xmlns="http://www.idpf.org/2007/opf" version="3.0">
                <metadata xmlns:dc="http://purl.org/dc/elements/1.1/"><dc:title>T</dc:title></metadata>
                <manifest>%s</manifest><spine>%s</spine></package>""".formatted(manifest, spine);
    }

    /** Rewrites the uncompressed size of {@code name} in the central directory. */
    private static void lieAboutSize(Path zip, String name, int size) throws IOException {
        byte[] bytes = Files.readAllBytes(zip);
        byte[] nameBytes = name.getBytes(StandardCharsets.UTF_8);
        for (int i = 0; i + 46 < bytes.length; i++) {
            if (bytes[i] == 0x50 && bytes[i + 1] == 0x4b && bytes[i + 2] == 0x01 && bytes[i + 3] == 0x02
                    && Arrays.equals(bytes, i + 46, i + 46 + nameBytes.length, nameBytes, 0, nameBytes.length)) {
                bytes[i + 24] = (byte) size;
                bytes[i + 25] = (byte) (size >> 8);
                bytes[i + 26] = (byte) (size >> 16);
                bytes[i + 27] = (byte) (size >> 24);
                Files.write(zip, bytes);
                return;
            }
        }
        throw new AssertionError("central directory entry not found: " + name);
    }

    private static int indexOf(byte[] haystack, byte[] needle) {
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            if (Arrays.equals(haystack, i, i + needle.length, needle, 0, needle.length)) {
                return i;
            }
        }
        throw new AssertionError("not found");
    }
}
