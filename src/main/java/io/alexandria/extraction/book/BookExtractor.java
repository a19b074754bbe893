package io.alexandria.extraction.book;

import io.alexandria.extraction.ExtractedDocument;
import io.alexandria.extraction.ExtractionException;
import io.alexandria.extraction.ExtractionLimits;
import io.alexandria.extraction.Extractor;
import java.io.IOException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Locale;
import java.util.Objects;

/**
 * What every book extractor does around its format-specific work, in one place: the file checks
 * ({@code FileMissing}, {@code FileUnreadable}, {@code TooLarge} past {@code maxFileBytes}), the
 * per-file {@link ExtractionGuard} (deadline, text budget), the {@code NoText} check on the
 * result, and the mapping of anything a parser throws on bad input to an
 * {@link ExtractionException}: I/O errors on the file itself to {@code FileUnreadable} (or
 * {@code FileMissing}), any other {@link IOException} and every {@link RuntimeException} to
 * {@code CorruptFile} with the cause attached. No runtime exception escapes {@link #extract}.
 */
abstract class BookExtractor implements Extractor {

    private final String format;

    BookExtractor(String format) {
        this.format = format.toUpperCase(Locale.ROOT);
    }

    /**
     * The format this extractor reads.
     *
     * @return the format name it reports in {@link ExtractedDocument#FORMAT}, upper case
     */
    public final String format() {
        return format;
    }

    /**
     * Extracts the text of {@code file} within {@code limits}.
     *
     * @param file   the book file
     * @param limits {@code maxFileBytes} (bytes) is checked before reading, {@code maxTextChars}
     *               (characters of extracted, normalised text) while extracting, the zip bounds by
     *               {@link SafeZip} for zip-based formats, and {@code timeout} cooperatively
     * @return title, sections and attributes; at least one section; title and attributes
     *         {@link ExtractedDocument#capped(ExtractionLimits) capped} to the payload limits
     * @throws ExtractionException {@code FileMissing}, {@code FileUnreadable}, {@code TooLarge}, {@code TextTooLarge},
     *                             {@code ExtractionTimeout}, {@code NoText}, {@code CorruptFile},
     *                             and per format {@code ZipBomb}, {@code EncryptedDocument},
     *                             {@code NoTextLayer}, {@code UnsupportedFormat} (see the
     *                             extractor's class comment); never a runtime exception for bad
     *                             input
     */
    @Override
    public final ExtractedDocument extract(Path file, ExtractionLimits limits) throws ExtractionException {
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(limits, "limits");
        long size = checkFile(file, limits);
        ExtractionGuard guard = new ExtractionGuard(limits);
        try {
            ExtractedDocument doc = extract(file, size, new DocumentBuilder(format), guard);
            if (doc.sections().isEmpty()) {
                throw new ExtractionException(ExtractionException.NO_TEXT,
                        format + " file holds no text: " + file.getFileName());
            }
            return doc.capped(limits);
        } catch (ExtractionException e) {
            throw e;
        } catch (GuardTrip e) {
            throw e.reason();
        } catch (NoSuchFileException e) {
            throw new ExtractionException(ExtractionException.MISSING, "file disappeared: " + file, e);
        } catch (FileSystemException e) {
            throw new ExtractionException(ExtractionException.UNREADABLE, "cannot read " + file + ": " + e, e);
        } catch (IOException | RuntimeException e) {
            GuardTrip trip = GuardTrip.in(e);
            if (trip != null) {
                throw trip.reason();
            }
            throw new ExtractionException(ExtractionException.CORRUPT,
                    "not a valid " + format + " file (" + e + "): " + file.getFileName(), e);
        } catch (StackOverflowError e) {
            throw new ExtractionException(ExtractionException.CORRUPT,
                    "structure nested too deeply to read: " + file.getFileName(), e);
        }
    }

    /**
     * The format-specific work. {@code size} is the file's size in bytes, already within
     * {@code maxFileBytes}.
     */
    abstract ExtractedDocument extract(Path file, long size, DocumentBuilder doc, ExtractionGuard guard)
            throws IOException, ExtractionException;

    /**
     * Checks that {@code file} is a readable regular file within {@code maxFileBytes}.
     *
     * @return its size in bytes
     */
    static long checkFile(Path file, ExtractionLimits limits) throws ExtractionException {
        BasicFileAttributes attrs;
        try {
            attrs = Files.readAttributes(file, BasicFileAttributes.class);
        } catch (NoSuchFileException e) {
            throw new ExtractionException(ExtractionException.MISSING, "no such file: " + file, e);
        } catch (IOException e) {
            throw new ExtractionException(ExtractionException.UNREADABLE, "cannot stat " + file + ": " + e, e);
        }
        if (!attrs.isRegularFile()) {
            throw new ExtractionException(ExtractionException.UNREADABLE, "not a regular file: " + file);
        }
        if (!Files.isReadable(file)) {
            throw new ExtractionException(ExtractionException.UNREADABLE, "no permission to read " + file);
        }
        if (attrs.size() > limits.maxFileBytes()) {
            throw new ExtractionException(ExtractionException.TOO_LARGE, "file is " + attrs.size()
                    + " bytes, more than the limit of " + limits.maxFileBytes() + " bytes: " + file);
        }
        return attrs.size();
    }

    @Override
    public String toString() {
        return getClass().getSimpleName() + "[" + format + "]";
    }
}
