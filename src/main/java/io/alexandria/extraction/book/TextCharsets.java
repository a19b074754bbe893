package io.alexandria.extraction.book;

import io.alexandria.extraction.ExtractionException;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.mozilla.universalchardet.UniversalDetector;

/**
 * Detects the character encoding of a plain-text file, in this order:
 * <ol>
 *   <li>a byte order mark: UTF-8, UTF-16 LE/BE, UTF-32 LE/BE;</li>
 *   <li>UTF-16 without a BOM: at least 10 % zero bytes in the first 64 KiB, nearly all at odd
 *       (LE) or even (BE) offsets;</li>
 *   <li>strict UTF-8 validity of the whole file (pure ASCII is UTF-8);</li>
 *   <li>juniversalchardet (Mozilla's detector) for legacy encodings; ISO-8859-1 and US-ASCII
 *       answers are widened to windows-1252, as the WHATWG Encoding standard does, so curly
 *       quotes in 0x91..0x94 decode right; no answer means windows-1252, with a warning.</li>
 * </ol>
 * A file the detector calls UTF-8 that is not valid UTF-8 is decoded as UTF-8 with U+FFFD for
 * the bad bytes, and flagged.
 */
final class TextCharsets {
    private static final int SAMPLE = 64 * 1024;
    private static final Charset WINDOWS_1252 = Charset.forName("windows-1252");

    /**
     * The detected encoding.
     *
     * @param charset      how to decode the text after the BOM
     * @param bomBytes     bytes of byte order mark to skip
     * @param invalidUtf8  true when the file is mostly UTF-8 but has invalid sequences
     * @param guessed      true when no detector gave an answer and windows-1252 is a fallback
     */
    record Detected(Charset charset, int bomBytes, boolean invalidUtf8, boolean guessed) {
    }

    private TextCharsets() {
    }

    /** Detects the encoding of {@code file}, reading it once (deadline checked per read). */
    static Detected detect(Path file, ExtractionGuard guard) throws IOException, ExtractionException {
        byte[] head = new byte[SAMPLE];
        int n;
        try (InputStream in = Files.newInputStream(file)) {
            n = in.readNBytes(head, 0, SAMPLE);
        }
        Detected bom = fromBom(head, n);
        if (bom != null) {
            return bom;
        }
        Charset utf16 = utf16WithoutBom(head, n);
        if (utf16 != null) {
            return new Detected(utf16, 0, false, false);
        }
        if (validUtf8(file, guard)) {
            return new Detected(StandardCharsets.UTF_8, 0, false, false);
        }
        String name = detectLegacy(file, guard);
        if (name == null) {
            return new Detected(WINDOWS_1252, 0, false, true);
        }
        if (name.equalsIgnoreCase("UTF-8")) {
            return new Detected(StandardCharsets.UTF_8, 0, true, false);
        }
        if (name.equalsIgnoreCase("ISO-8859-1") || name.equalsIgnoreCase("US-ASCII")) {
            return new Detected(WINDOWS_1252, 0, false, false);
        }
        try {
            return new Detected(Charset.forName(name), 0, false, false);
        } catch (IllegalArgumentException unsupported) {
            return new Detected(WINDOWS_1252, 0, false, true);
        }
    }

    private static Detected fromBom(byte[] b, int n) {
        if (n >= 3 && (b[0] & 0xFF) == 0xEF && (b[1] & 0xFF) == 0xBB && (b[2] & 0xFF) == 0xBF) {
            return new Detected(StandardCharsets.UTF_8, 3, false, false);
        }
        if (n >= 4 && (b[0] & 0xFF) == 0xFF && (b[1] & 0xFF) == 0xFE && b[2] == 0 && b[3] == 0) {
            return new Detected(Charset.forName("UTF-32LE"), 4, false, false);
        }
        if (n >= 4 && b[0] == 0 && b[1] == 0 && (b[2] & 0xFF) == 0xFE && (b[3] & 0xFF) == 0xFF) {
            return new Detected(Charset.forName("UTF-32BE"), 4, false, false);
        }
        if (n >= 2 && (b[0] & 0xFF) == 0xFF && (b[1] & 0xFF) == 0xFE) {
            return new Detected(StandardCharsets.UTF_16LE, 2, false, false);
        }
        if (n >= 2 && (b[0] & 0xFF) == 0xFE && (b[1] & 0xFF) == 0xFF) {
            return new Detected(StandardCharsets.UTF_16BE, 2, false, false);
        }
        return null;
    }

    private static Charset utf16WithoutBom(byte[] b, int n) {
        int even = 0;
        int odd = 0;
        for (int i = 0; i < n; i++) {
            if (b[i] == 0) {
                if ((i & 1) == 0) {
                    even++;
                } else {
                    odd++;
                }
            }
        }
        int zeros = even + odd;
        if (n < 2 || zeros * 10 < n) {
            return null;
        }
        if (odd >= zeros * 0.9) {
            return StandardCharsets.UTF_16LE;
        }
        if (even >= zeros * 0.9) {
            return StandardCharsets.UTF_16BE;
        }
        return null;
    }

    /** Strictly decodes the whole file as UTF-8. */
    private static boolean validUtf8(Path file, ExtractionGuard guard) throws IOException {
        var decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        try (Reader reader = new InputStreamReader(new GuardedInputStream(Files.newInputStream(file), guard),
                decoder)) {
            char[] buf = new char[SAMPLE];
            while (reader.read(buf) >= 0) {
                // decode only
            }
            return true;
        } catch (CharacterCodingException e) {
            return false;
        }
    }

    /** Runs Mozilla's detector over the file until it is sure or the file ends. */
    private static String detectLegacy(Path file, ExtractionGuard guard) throws IOException, ExtractionException {
        UniversalDetector detector = new UniversalDetector();
        try (InputStream in = Files.newInputStream(file)) {
            byte[] buf = new byte[SAMPLE];
            int n;
            while (!detector.isDone() && (n = in.read(buf)) > 0) {
                detector.handleData(buf, 0, n);
                guard.checkDeadline();
            }
        }
        detector.dataEnd();
        return detector.getDetectedCharset();
    }
}
