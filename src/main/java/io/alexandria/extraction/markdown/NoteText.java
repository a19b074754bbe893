package io.alexandria.extraction.markdown;

import io.alexandria.extraction.ExtractionException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * Decodes the bytes of a note into text.
 *
 * <ol>
 *   <li>A byte order mark picks the encoding and is dropped: UTF-8 ({@code EF BB BF}), UTF-32LE
 *       ({@code FF FE 00 00}, tested before UTF-16LE, which it starts with), UTF-32BE
 *       ({@code 00 00 FE FF}), UTF-16LE ({@code FF FE}), UTF-16BE ({@code FE FF}).</li>
 *   <li>Without a BOM the note is UTF-8, as Obsidian reads it; invalid byte sequences become U+FFFD
 *       (as Obsidian shows them) and are counted.</li>
 *   <li>The text is then checked to be text: a NUL character, or more than a quarter of the
 *       characters being U+FFFD from invalid bytes or control characters other than tab, line
 *       feed, form feed and carriage return, means binary content under a {@code .md} name:
 *       {@link ExtractionException#NOT_TEXT}. (Text editors never write NUL into a note; a UTF-16
 *       note without a BOM is reported this way too, since Obsidian cannot read it either.)</li>
 * </ol>
 *
 * @param text            the decoded text, BOM dropped
 * @param charset         the encoding used
 * @param invalidSequences how many U+FFFD the text holds when invalid byte sequences were replaced, else 0
 */
record NoteText(String text, Charset charset, int invalidSequences) {
    /** Share of suspicious characters above which the note is not text. */
    private static final double MAX_SUSPICIOUS = 0.25;

    /**
     * Decodes {@code bytes}.
     *
     * @throws ExtractionException {@link ExtractionException#NOT_TEXT} when the content is binary
     */
    static NoteText decode(byte[] bytes) throws ExtractionException {
        Charset charset = StandardCharsets.UTF_8;
        int skip = 0;
        int n = bytes.length;
        if (n >= 3 && u(bytes[0]) == 0xEF && u(bytes[1]) == 0xBB && u(bytes[2]) == 0xBF) {
            skip = 3;
        } else if (n >= 4 && u(bytes[0]) == 0xFF && u(bytes[1]) == 0xFE && bytes[2] == 0 && bytes[3] == 0) {
            charset = Charset.forName("UTF-32LE");
            skip = 4;
        } else if (n >= 4 && bytes[0] == 0 && bytes[1] == 0 && u(bytes[2]) == 0xFE && u(bytes[3]) == 0xFF) {
            charset = Charset.forName("UTF-32BE");
            skip = 4;
        } else if (n >= 2 && u(bytes[0]) == 0xFF && u(bytes[1]) == 0xFE) {
            charset = StandardCharsets.UTF_16LE;
            skip = 2;
        } else if (n >= 2 && u(bytes[0]) == 0xFE && u(bytes[1]) == 0xFF) {
            charset = StandardCharsets.UTF_16BE;
            skip = 2;
        }
        String text;
        boolean invalid = false;
        try {
            text = charset.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes, skip, n - skip))
                    .toString();
        } catch (CharacterCodingException e) {
            invalid = true;
            try {
                text = charset.newDecoder().onMalformedInput(CodingErrorAction.REPLACE)
                        .onUnmappableCharacter(CodingErrorAction.REPLACE).decode(ByteBuffer.wrap(bytes, skip, n - skip))
                        .toString();
            } catch (CharacterCodingException cannotHappen) {
                throw new IllegalStateException("a replacing decoder reported an error", cannotHappen);
            }
        }
        return check(text, charset, invalid);
    }

    private static NoteText check(String text, Charset charset, boolean invalid) throws ExtractionException {
        int replaced = 0;
        int suspicious = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == 0) {
                throw new ExtractionException(ExtractionException.NOT_TEXT, "the note is not text: it holds a NUL "
                        + "character at character " + i + " (binary content" + (charset.equals(StandardCharsets.UTF_8)
                        ? ", or UTF-16 without a byte order mark" : "") + ")");
            }
            if (c == '\uFFFD') {
                replaced++;
                suspicious++;
            } else if ((c < 0x20 && c != '\t' && c != '\n' && c != '\r' && c != '\f') || c == 0x7F) {
                suspicious++;
            }
        }
        if (suspicious > 0 && suspicious > text.length() * MAX_SUSPICIOUS) {
            throw new ExtractionException(ExtractionException.NOT_TEXT, "the note is not text: " + suspicious
                    + " of its " + text.length() + " characters are invalid " + charset.name()
                    + " or control characters (limit " + (int) (MAX_SUSPICIOUS * 100) + " %)");
        }
        return new NoteText(text, charset, invalid ? Math.max(1, replaced) : 0);
    }

    private static int u(byte b) {
        return b & 0xFF;
    }
}
