package io.alexandria.extraction.markdown;

import io.alexandria.extraction.ExtractedDocument;
import io.alexandria.extraction.ExtractionException;
import io.alexandria.extraction.ExtractionLimits;
import io.alexandria.extraction.Extractor;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Extracts an Obsidian note ({@code .md} file): reads it as UTF-8 and parses it with
 * {@link NoteParser} (see there for the Markdown and Obsidian rules).
 *
 * <p>Reading: at most {@link ExtractionLimits#maxFileBytes()} bytes are read. Invalid UTF-8 byte
 * sequences are replaced by U+FFFD (as Obsidian shows them), and the document then has the attribute
 * {@link ExtractedDocument#INVALID_UTF8} {@code = true} and a warning. A leading BOM is dropped.
 * Parsing is linear in the note's size, so {@link ExtractionLimits#timeout()} is not enforced here.
 * Stateless and thread-safe.
 */
public final class MarkdownExtractor implements Extractor {

    /**
     * Extracts one note.
     *
     * @param file   the note
     * @param limits size budgets: {@code maxFileBytes} (bytes on disk) and {@code maxTextChars}
     *               (characters of extracted text)
     * @return the document; an empty or frontmatter-only note has no sections (not an error)
     * @throws ExtractionException {@link ExtractionException#MISSING} when the file does not exist,
     *                             {@link ExtractionException#UNREADABLE} when it is a folder or cannot be
     *                             read (permissions, I/O error), {@link ExtractionException#TOO_LARGE}
     *                             when it has more bytes or its text more characters than the limits
     */
    @Override
    public ExtractedDocument extract(Path file, ExtractionLimits limits) throws ExtractionException {
        byte[] bytes = read(file, limits.maxFileBytes());
        boolean invalidUtf8 = false;
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            text = new String(bytes, StandardCharsets.UTF_8); // replaces invalid sequences with U+FFFD
            invalidUtf8 = true;
        }
        ExtractedDocument doc = NoteParser.parse(text);
        if (doc.characters() > limits.maxTextChars()) {
            throw new ExtractionException(ExtractionException.TOO_LARGE, file + ": " + doc.characters()
                    + " characters of text, more than the limit of " + limits.maxTextChars());
        }
        if (!invalidUtf8) {
            return doc;
        }
        Map<String, Object> attributes = new HashMap<>(doc.attributes());
        attributes.put(ExtractedDocument.INVALID_UTF8, Boolean.TRUE);
        List<String> warnings = new ArrayList<>(doc.warnings());
        warnings.add("the note is not valid UTF-8: invalid bytes were replaced with \uFFFD");
        return new ExtractedDocument(doc.title(), doc.sections(), attributes, warnings);
    }

    private static byte[] read(Path file, long maxBytes) throws ExtractionException {
        if (Files.isDirectory(file)) {
            throw new ExtractionException(ExtractionException.UNREADABLE, file + " is a folder, not a note");
        }
        long limit = Math.min(Math.max(0, maxBytes), Integer.MAX_VALUE - 16L);
        try (InputStream in = Files.newInputStream(file)) {
            byte[] bytes = in.readNBytes((int) limit + 1);
            if (bytes.length > limit) {
                throw new ExtractionException(ExtractionException.TOO_LARGE, file + " is larger than the limit of "
                        + maxBytes + " bytes");
            }
            return bytes;
        } catch (NoSuchFileException e) {
            throw new ExtractionException(ExtractionException.MISSING, file + " does not exist", e);
        } catch (AccessDeniedException e) {
            throw new ExtractionException(ExtractionException.UNREADABLE, file + " cannot be read: permission denied", e);
        } catch (IOException e) {
            throw new ExtractionException(ExtractionException.UNREADABLE, file + " cannot be read: " + e.getMessage(), e);
        }
    }
}
