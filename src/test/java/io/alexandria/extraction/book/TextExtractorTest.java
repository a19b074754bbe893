package io.alexandria.extraction.book;

import static io.alexandria.extraction.book.TestFiles.DEFAULTS;
import static io.alexandria.extraction.book.TestFiles.allText;
import static io.alexandria.extraction.book.TestFiles.assertFails;
import static io.alexandria.extraction.book.TestFiles.chapters;
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
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.Charset;
import java.nio.charset.CharsetEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Plain text: the corpus TXT, and re-encodings of it made in the test. */
class TextExtractorTest {
    static final String GATSBY_TXT = "f-scott-fitzgerald_the-great-gatsby.txt";
    static final String OPENING = "In my younger and more vulnerable years my father gave me some advice that I’ve "
            + "been turning over in my mind ever since.";
    static final String ADVICE = "“Whenever you feel like criticizing anyone,” he told me, “just remember that all "
            + "the people in this world haven’t had the advantages that you’ve had.”";

    @TempDir
    Path tmp;

    @Test
    void corpusTxtDecodesAsUtf8WithTypographicQuotesAndRomanNumeralChapters() throws Exception {
        ExtractedDocument doc = new TextExtractor().extract(Corpus.copyBook(GATSBY_TXT, tmp), DEFAULTS);

        assertEquals(List.of("I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX"),
                chapters(doc).subList(1, chapters(doc).size()));
        assertNull(chapters(doc).getFirst(), "front matter before chapter I has no chapter title");
        assertEquals(List.of("The Great Gatsby", "By F. Scott Fitzgerald.", "Imprint"),
                doc.sections().getFirst().paragraphs().subList(0, 3));
        Section one = doc.sections().get(1);
        assertEquals(List.of("I", OPENING, ADVICE), one.paragraphs().subList(0, 3));
        assertEquals("TXT", doc.stringAttribute(ExtractedDocument.FORMAT));
        assertNull(doc.title(), "a TXT file states no title");
        assertTrue(doc.warnings().isEmpty(), doc.warnings()::toString);
        String text = allText(doc);
        assertFalse(text.contains("\t") || text.indexOf('\u2060') >= 0 || text.indexOf('\uFFFD') >= 0);
        assertTrue(text.contains("Till she cry “Lover, gold-hatted, high-bouncing lover,"), "epigraph line");
    }

    @Test
    void windows1252TextIsDetectedAndDecoded() throws Exception {
        Path file = reencode("cp1252.txt", Charset.forName("windows-1252"), false);
        ExtractedDocument doc = new TextExtractor().extract(file, DEFAULTS);
        assertTrue(doc.sections().get(1).paragraphs().containsAll(List.of(OPENING, ADVICE)),
                doc.sections().get(1).paragraphs().subList(0, 3)::toString);
        assertFalse(allText(doc).indexOf('\uFFFD') >= 0);
    }

    @ParameterizedTest
    @ValueSource(strings = {"UTF-16", "UTF-16LE-BOM", "UTF-16LE", "UTF-16BE", "UTF-8-BOM", "UTF-32-BOM"})
    void unicodeEncodingsWithAndWithoutBomDecode(String variant) throws Exception {
        Path file = switch (variant) {
            case "UTF-16" -> reencode("u16.txt", StandardCharsets.UTF_16, false); // BOM, big endian
            case "UTF-16LE-BOM" -> reencode("u16lebom.txt", StandardCharsets.UTF_16LE, true);
            case "UTF-16LE" -> reencode("u16le.txt", StandardCharsets.UTF_16LE, false);
            case "UTF-16BE" -> reencode("u16be.txt", StandardCharsets.UTF_16BE, false);
            case "UTF-8-BOM" -> reencode("u8bom.txt", StandardCharsets.UTF_8, true);
            default -> reencode("u32.txt", Charset.forName("UTF-32LE"), true);
        };
        ExtractedDocument doc = new TextExtractor().extract(file, DEFAULTS);
        Section one = doc.sections().get(1);
        assertEquals(List.of("I", OPENING, ADVICE), one.paragraphs().subList(0, 3));
        assertEquals("The Great Gatsby", doc.sections().getFirst().paragraphs().getFirst(), "no BOM left");
    }

    @Test
    void invalidUtf8IsReplacedAndFlagged() throws Exception {
        byte[] good = Files.readAllBytes(Corpus.copyBook(GATSBY_TXT, tmp));
        byte[] bad = new byte[good.length + 1];
        System.arraycopy(good, 0, bad, 0, 5000);
        bad[5000] = (byte) 0xC3; // a lone lead byte
        System.arraycopy(good, 5000, bad, 5001, good.length - 5000);
        Path file = Files.write(tmp.resolve("bad.txt"), bad);

        ExtractedDocument doc = new TextExtractor().extract(file, DEFAULTS);

        assertEquals(Boolean.TRUE, doc.attributes().get(ExtractedDocument.INVALID_UTF8));
        assertEquals(List.of("invalid UTF-8 replaced with U+FFFD"), doc.warnings());
        assertTrue(allText(doc).contains(ADVICE), "the rest still decodes as UTF-8");
    }

    @Test
    void emptyAndWhitespaceOnlyFilesAreNoText() throws Exception {
        Path empty = Files.write(tmp.resolve("empty.txt"), new byte[0]);
        assertFails(ExtractionException.NO_TEXT, () -> new TextExtractor().extract(empty, DEFAULTS));
        Path blank = Files.writeString(tmp.resolve("blank.txt"), "\n\t \r\n\u2060\u00A0\n\n");
        assertFails(ExtractionException.NO_TEXT, () -> new TextExtractor().extract(blank, DEFAULTS));
    }

    @Test
    void paragraphsSplitOnBlankLinesAndIndentationAndJoinWrappedLines() throws Exception {
        Path file = Files.writeString(tmp.resolve("wrapped.txt"), String.join("\r\n",
                "A hard-wrapped paragraph", "continues here.", "", "", "Second paragraph.",
                "    Indented third paragraph", "wraps too.", "\f", "Fourth."));
        ExtractedDocument doc = new TextExtractor().extract(file, DEFAULTS);
        assertEquals(List.of(Section.ofChapter(null, List.of("A hard-wrapped paragraph continues here.",
                "Second paragraph.", "Indented third paragraph wraps too.", "Fourth."))), doc.sections());
    }

    @Test
    void budgetsAndDeadlineAreEnforcedEvenWithoutLineBreaks() throws Exception {
        Path copy = Corpus.copyBook(GATSBY_TXT, tmp);
        assertFails(ExtractionException.TEXT_TOO_LARGE, () -> new TextExtractor().extract(copy, withMaxTextChars(1000)));
        assertFails(ExtractionException.TIMEOUT, () -> new TextExtractor().extract(copy, withTimeout(Duration.ZERO)));
        Path oneLine = Files.writeString(tmp.resolve("one-line.txt"), "word ".repeat(100_000));
        assertFails(ExtractionException.TEXT_TOO_LARGE,
                () -> new TextExtractor().extract(oneLine, withMaxTextChars(50_000)));
    }

    /** The corpus TXT re-encoded (characters the charset lacks, such as U+2060, are dropped). */
    private Path reencode(String name, Charset charset, boolean bom) throws IOException {
        String text = Files.readString(Corpus.copyBook(GATSBY_TXT, tmp), StandardCharsets.UTF_8);
        CharsetEncoder encoder = charset.newEncoder();
        StringBuilder kept = new StringBuilder(text.length());
        text.codePoints().filter(cp -> encoder.canEncode(Character.toString(cp))).forEach(kept::appendCodePoint);
        List<Byte> prefix = new ArrayList<>();
        if (bom) {
            ByteBuffer b = charset.encode("\uFEFF");
            while (b.hasRemaining()) {
                prefix.add(b.get());
            }
        }
        ByteBuffer body = charset.encode(kept.toString());
        byte[] out = new byte[prefix.size() + body.remaining()];
        for (int i = 0; i < prefix.size(); i++) {
            out[i] = prefix.get(i);
        }
        body.get(out, prefix.size(), body.remaining());
        return Files.write(tmp.resolve(name), out);
    }
}
