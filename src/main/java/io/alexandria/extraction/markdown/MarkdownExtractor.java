package io.alexandria.extraction.markdown;

import io.alexandria.extraction.ExtractedDocument;
import io.alexandria.extraction.ExtractionException;
import io.alexandria.extraction.ExtractionLimits;
import io.alexandria.extraction.Extractor;
import java.io.IOException;
import java.io.InputStream;
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
 * Extracts an Obsidian note ({@code .md} file): reads and decodes it ({@link NoteText}: UTF-8, or the
 * encoding its byte order mark names) and parses it with {@link NoteParser} (see there for the
 * Markdown and Obsidian rules).
 *
 * <p>Reading: at most {@link ExtractionLimits#noteByteLimit()} bytes are read. Invalid UTF-8 byte
 * sequences are replaced by U+FFFD (as Obsidian shows them), and the document then has the attribute
 * {@link ExtractedDocument#INVALID_UTF8} {@code = true} and a warning; a note that is binary
 * rather than text fails with {@link ExtractionException#NOT_TEXT}. A note decoded from UTF-16 or
 * UTF-32 has the attribute {@link ExtractedDocument#ENCODING}. Parsing is linear in the note's size
 * (see {@link NoteParser}), so {@link ExtractionLimits#timeout()} is not enforced here. The result is
 * {@link ExtractedDocument#capped(ExtractionLimits) capped} to the payload limits. Stateless and
 * thread-safe.
 */
public final class MarkdownExtractor implements Extractor {

    /**
     * Extracts one note.
     *
     * @param file   the note
     * @param limits {@code maxNoteBytes}/{@code maxFileBytes} (bytes on disk), {@code maxTextChars}
     *               (characters of extracted text) and the payload limits
     * @return the document; an empty or frontmatter-only note has no sections (not an error)
     * @throws ExtractionException {@link ExtractionException#MISSING} when the file does not exist,
     *                             {@link ExtractionException#UNREADABLE} when it is a folder or cannot be
     *                             read (permissions, I/O error), {@link ExtractionException#TOO_LARGE}
     *                             when it has more bytes than the limit,
     *                             {@link ExtractionException#TEXT_TOO_LARGE} when its text has more
     *                             characters than {@code maxTextChars},
     *                             {@link ExtractionException#NOT_TEXT} when it is binary
     */
    @Override
    public ExtractedDocument extract(Path file, ExtractionLimits limits) throws ExtractionException {
        byte[] bytes = read(file, limits.noteByteLimit());
        NoteText decoded = NoteText.decode(bytes);
        bytes = null; // the text is all that is needed from here on
        if (decoded.text().length() > limits.maxTextChars() * 4L) {
            throw tooLarge(file, decoded.text().length(), limits,
                    "characters before Markdown is removed, more than 4 x");
        }
        ExtractedDocument doc = NoteParser.parse(decoded.text());
        if (doc.characters() > limits.maxTextChars()) {
            throw tooLarge(file, doc.characters(), limits, "characters of text, more than");
        }
        boolean invalid = decoded.invalidSequences() > 0;
        boolean utf8 = decoded.charset().equals(StandardCharsets.UTF_8);
        if (invalid || !utf8) {
            Map<String, Object> attributes = new HashMap<>(doc.attributes());
            List<String> warnings = new ArrayList<>(doc.warnings());
            if (!utf8) {
                attributes.put(ExtractedDocument.ENCODING, decoded.charset().name());
            }
            if (invalid && utf8) {
                attributes.put(ExtractedDocument.INVALID_UTF8, Boolean.TRUE);
                warnings.add("the note is not valid UTF-8: invalid bytes were replaced with \uFFFD");
            } else if (invalid) {
                warnings.add("the note is not valid " + decoded.charset().name()
                        + ": invalid bytes were replaced with \uFFFD");
            }
            doc = new ExtractedDocument(doc.title(), doc.sections(), attributes, warnings);
        }
        return doc.capped(limits);
    }

    private static ExtractionException tooLarge(Path file, long chars, ExtractionLimits limits, String what) {
        return new ExtractionException(ExtractionException.TEXT_TOO_LARGE, file.getFileName() + ": " + chars + " "
                + what + " the limit maxTextChars = " + limits.maxTextChars());
    }

    private static byte[] read(Path file, long maxBytes) throws ExtractionException {
        if (Files.isDirectory(file)) {
            throw new ExtractionException(ExtractionException.UNREADABLE, file + " is a folder, not a note");
        }
        long limit = Math.min(Math.max(0, maxBytes), Integer.MAX_VALUE - 16L);
        try (InputStream in = Files.newInputStream(file)) {
            byte[] bytes = in.readNBytes((int) limit + 1);
            if (bytes.length > limit) {
                long size = sizeOf(file, bytes.length);
                throw new ExtractionException(ExtractionException.TOO_LARGE, file.getFileName() + " is " + size
                        + " bytes, more than the limit maxNoteBytes = " + maxBytes + " bytes");
            }
            return bytes;
        } catch (NoSuchFileException e) {
            throw new ExtractionException(ExtractionException.MISSING, file + " does not exist", e);
        } catch (AccessDeniedException e) {
            throw new ExtractionException(ExtractionException.UNREADABLE, file + " cannot be read: permission denied",
                    e);
        } catch (IOException e) {
            throw new ExtractionException(ExtractionException.UNREADABLE, file + " cannot be read: " + e.getMessage(),
                    e);
        }
    }

    private static long sizeOf(Path file, long atLeast) {
        try {
            return Math.max(atLeast, Files.size(file));
        } catch (IOException e) {
            return atLeast;
        }
    }
}
