package io.alexandria.extraction.markdown;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import io.alexandria.extraction.ExtractedDocument;
import io.alexandria.extraction.ExtractionException;
import io.alexandria.extraction.ExtractionLimits;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MarkdownExtractorTest {
    private final MarkdownExtractor extractor = new MarkdownExtractor();
    private final ExtractionLimits limits = ExtractionLimits.defaults();

    @TempDir
    Path dir;

    private Path write(String name, byte[] bytes) throws IOException {
        return Files.write(dir.resolve(name), bytes);
    }

    @Test
    void readsAValidNote() throws Exception {
        Path note = write("Note.md", "---\ntitle: T\n---\n# H\nText é 📅\n".getBytes(StandardCharsets.UTF_8));
        ExtractedDocument doc = extractor.extract(note, limits);
        assertEquals("T", doc.title());
        assertEquals(List.of("Text é 📅"), doc.sections().getFirst().paragraphs());
        assertNull(doc.attributes().get(ExtractedDocument.INVALID_UTF8));
        assertTrue(doc.warnings().isEmpty());
    }

    @Test
    void invalidUtf8IsReplacedAndFlagged() throws Exception {
        byte[] bytes = {'o', 'k', ' ', (byte) 0xC3, (byte) 0x28, ' ', (byte) 0xFF, ' ', 'e', 'n', 'd', '\n'};
        ExtractedDocument doc = extractor.extract(write("bad.md", bytes), limits);
        assertEquals(Boolean.TRUE, doc.attributes().get(ExtractedDocument.INVALID_UTF8));
        assertEquals(1, doc.warnings().size());
        String text = doc.sections().getFirst().paragraphs().getFirst();
        assertTrue(text.startsWith("ok \uFFFD(") && text.endsWith("end"), text);
    }

    @Test
    void bomIsStrippedSoFrontmatterIsFound() throws Exception {
        byte[] body = "---\ntitle: With BOM\n---\nText\n".getBytes(StandardCharsets.UTF_8);
        byte[] bytes = new byte[body.length + 3];
        bytes[0] = (byte) 0xEF;
        bytes[1] = (byte) 0xBB;
        bytes[2] = (byte) 0xBF;
        System.arraycopy(body, 0, bytes, 3, body.length);
        ExtractedDocument doc = extractor.extract(write("bom.md", bytes), limits);
        assertEquals("With BOM", doc.title());
        assertEquals(List.of("Text"), doc.sections().getFirst().paragraphs());
        assertNull(doc.attributes().get(ExtractedDocument.INVALID_UTF8));
    }

    @Test
    void zeroByteNoteHasNoSections() throws Exception {
        ExtractedDocument doc = extractor.extract(write("empty.md", new byte[0]), limits);
        assertTrue(doc.sections().isEmpty());
        assertNull(doc.title());
        assertTrue(doc.warnings().isEmpty());
    }

    @Test
    void missingFolderAndOversizedFilesFailWithTheirType() throws Exception {
        ExtractionException missing = assertThrows(ExtractionException.class,
                () -> extractor.extract(dir.resolve("nope.md"), limits));
        assertEquals(ExtractionException.MISSING, missing.errorType());

        Path folder = Files.createDirectory(dir.resolve("folder.md"));
        assertEquals(ExtractionException.UNREADABLE,
                assertThrows(ExtractionException.class, () -> extractor.extract(folder, limits)).errorType());

        Path big = write("big.md", "x".repeat(101).getBytes(StandardCharsets.US_ASCII));
        ExtractionLimits small = new ExtractionLimits(100, 1000, 1, 1, 1, 1, Duration.ofSeconds(5));
        assertEquals(ExtractionException.TOO_LARGE,
                assertThrows(ExtractionException.class, () -> extractor.extract(big, small)).errorType());

        Path wordy = write("wordy.md", "word ".repeat(20).getBytes(StandardCharsets.US_ASCII));
        ExtractionLimits fewChars = new ExtractionLimits(1000, 50, 1, 1, 1, 1, Duration.ofSeconds(5));
        ExtractionException tooMuchText = assertThrows(ExtractionException.class,
                () -> extractor.extract(wordy, fewChars));
        assertEquals(ExtractionException.TEXT_TOO_LARGE, tooMuchText.errorType());
        assertTrue(tooMuchText.getMessage().contains("maxTextChars = 50"), tooMuchText.getMessage());
        assertEquals(1, extractor.extract(wordy, limits).sections().size());
    }

    @Test
    void unreadableFileIsUnreadable() throws Exception {
        assumeFalse("root".equals(System.getProperty("user.name")), "root can read any file: permission test skipped");
        Path note = write("locked.md", "secret".getBytes(StandardCharsets.UTF_8));
        Files.setPosixFilePermissions(note, PosixFilePermissions.fromString("---------"));
        try {
            assertEquals(ExtractionException.UNREADABLE,
                    assertThrows(ExtractionException.class, () -> extractor.extract(note, limits)).errorType());
        } finally {
            Files.setPosixFilePermissions(note, PosixFilePermissions.fromString("rw-------"));
        }
    }
}
