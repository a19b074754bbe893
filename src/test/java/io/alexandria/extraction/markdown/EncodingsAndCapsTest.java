package io.alexandria.extraction.markdown;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.alexandria.extraction.ExtractedDocument;
import io.alexandria.extraction.ExtractionException;
import io.alexandria.extraction.ExtractionLimits;
import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Issue 11 (byte order marks, binary notes) and 15 (payload lists bounded per document). */
class EncodingsAndCapsTest {
    private static final String NOTE = "# Grüße\n\nČeská věta, 日本語 and 🎉.\n";
    private final MarkdownExtractor extractor = new MarkdownExtractor();
    private final ExtractionLimits limits = ExtractionLimits.defaults();

    @TempDir
    Path dir;

    private Path write(String name, byte[] bom, byte[] body) throws IOException {
        byte[] all = new byte[bom.length + body.length];
        System.arraycopy(bom, 0, all, 0, bom.length);
        System.arraycopy(body, 0, all, bom.length, body.length);
        return Files.write(dir.resolve(name), all);
    }

    private static byte[] bytes(int... b) {
        byte[] out = new byte[b.length];
        for (int i = 0; i < b.length; i++) {
            out[i] = (byte) b[i];
        }
        return out;
    }

    @Test
    void everyByteOrderMarkPicksItsEncoding() throws Exception {
        Map<String, Object[]> cases = Map.of(
                "UTF-8", new Object[] {StandardCharsets.UTF_8, bytes(0xEF, 0xBB, 0xBF)},
                "UTF-16LE", new Object[] {StandardCharsets.UTF_16LE, bytes(0xFF, 0xFE)},
                "UTF-16BE", new Object[] {StandardCharsets.UTF_16BE, bytes(0xFE, 0xFF)},
                "UTF-32LE", new Object[] {Charset.forName("UTF-32LE"), bytes(0xFF, 0xFE, 0, 0)},
                "UTF-32BE", new Object[] {Charset.forName("UTF-32BE"), bytes(0, 0, 0xFE, 0xFF)});
        for (var e : cases.entrySet()) {
            Charset cs = (Charset) e.getValue()[0];
            Path note = write(e.getKey() + ".md", (byte[]) e.getValue()[1], NOTE.getBytes(cs));
            ExtractedDocument doc = extractor.extract(note, limits);
            assertEquals(List.of("Grüße"), doc.sections().getFirst().headingPath(), e.getKey());
            assertEquals(List.of("Česká věta, 日本語 and 🎉."), doc.sections().getFirst().paragraphs(), e.getKey());
            assertEquals(e.getKey().equals("UTF-8") ? null : e.getKey(), doc.attributes().get(ExtractedDocument.ENCODING));
            assertTrue(doc.warnings().isEmpty(), doc.warnings().toString());
        }
    }

    @Test
    void binaryContentIsNotTextWithTheReason() throws Exception {
        byte[] random = new byte[8192];
        new Random(7).nextBytes(random);
        ExtractionException binary = assertThrows(ExtractionException.class,
                () -> extractor.extract(write("random.md", new byte[0], random), limits));
        assertEquals(ExtractionException.NOT_TEXT, binary.errorType());
        ExtractionException utf16 = assertThrows(ExtractionException.class,
                () -> extractor.extract(write("utf16.md", new byte[0], NOTE.getBytes(StandardCharsets.UTF_16LE)), limits));
        assertEquals(ExtractionException.NOT_TEXT, utf16.errorType());
        assertTrue(utf16.getMessage().contains("NUL") && utf16.getMessage().contains("byte order mark"), utf16.getMessage());
        byte[] controls = "a\u0001\u0002\u0003b\u0004\u0005".getBytes(StandardCharsets.US_ASCII);
        ExtractionException control = assertThrows(ExtractionException.class,
                () -> extractor.extract(write("controls.md", new byte[0], controls), limits));
        assertTrue(control.getMessage().contains("5 of its 7 characters"), control.getMessage());
    }

    @Test
    void aFewInvalidBytesAreReplacedAndFlagged() throws Exception {
        byte[] text = "Menu: caf".getBytes(StandardCharsets.UTF_8);
        byte[] note = new byte[text.length + 2];
        System.arraycopy(text, 0, note, 0, text.length);
        note[text.length] = (byte) 0xE9; // Latin-1 é inside UTF-8
        note[text.length + 1] = '\n';
        ExtractedDocument doc = extractor.extract(write("latin.md", new byte[0], note), limits);
        assertEquals(List.of("Menu: caf\uFFFD"), doc.sections().getFirst().paragraphs());
        assertEquals(Boolean.TRUE, doc.attributes().get(ExtractedDocument.INVALID_UTF8));
    }

    @Test
    void payloadListsKeepTheirFirstItemsAndRecordTheirTotals() throws Exception {
        StringBuilder md = new StringBuilder("---\ntitle: \"" + "T".repeat(900) + "\"\naliases: [a1, a2]\n---\n");
        for (int i = 0; i < 250; i++) {
            md.append("[[Note ").append(i).append("]] #tag").append(i).append('\n');
        }
        md.append("[[").append("L".repeat(300)).append("]]\n");
        Path note = Files.writeString(dir.resolve("index.md"), md.toString());
        ExtractedDocument doc = extractor.extract(note, limits);
        List<String> links = doc.listAttribute(ExtractedDocument.LINKS);
        assertEquals(100, links.size());
        assertEquals("Note 0", links.getFirst());
        assertEquals("Note 99", links.getLast());
        assertEquals(251, doc.attributes().get(ExtractedDocument.LINKS_TOTAL));
        assertEquals(100, doc.listAttribute(ExtractedDocument.TAGS).size());
        assertEquals(250, doc.attributes().get(ExtractedDocument.TAGS_TOTAL));
        assertEquals(List.of("a1", "a2"), doc.listAttribute(ExtractedDocument.ALIASES));
        assertNull(doc.attributes().get(ExtractedDocument.ALIASES_TOTAL), "a list under the limit has no total");
        assertEquals(500, doc.title().length());
        assertTrue(doc.title().endsWith("\u2026"));

        ExtractionLimits tight = limits.withPayloadLimits(3, 8, 20);
        ExtractedDocument small = extractor.extract(note, tight);
        assertEquals(List.of("Note 0", "Note 1", "Note 2"), small.listAttribute(ExtractedDocument.LINKS));
        assertEquals(20, small.title().length());
        ExtractedDocument longItems = new ExtractedDocument("t", List.of(), Map.of(ExtractedDocument.TAGS,
                List.of("short", "x".repeat(9), "ok")), List.of()).capped(tight);
        assertEquals(List.of("short", "ok"), longItems.listAttribute(ExtractedDocument.TAGS), "too long items left out");
        assertEquals(3, longItems.attributes().get(ExtractedDocument.TAGS_TOTAL));
    }

    @Test
    void aNoteOverTheByteLimitIsTooLargeWithTheLimitNamed() throws Exception {
        Path big = Files.writeString(dir.resolve("big.md"), "x".repeat(5000));
        ExtractionException e = assertThrows(ExtractionException.class,
                () -> extractor.extract(big, limits.withMaxNoteBytes(4096)));
        assertEquals(ExtractionException.TOO_LARGE, e.errorType());
        assertTrue(e.getMessage().contains("5000 bytes") && e.getMessage().contains("maxNoteBytes = 4096"), e.getMessage());
    }
}
