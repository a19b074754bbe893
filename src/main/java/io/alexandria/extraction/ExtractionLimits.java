package io.alexandria.extraction;

import java.time.Duration;

/**
 * Budgets that keep untrusted input from exhausting the machine.
 *
 * @param maxFileBytes        largest input file accepted, in bytes
 * @param maxTextChars        most characters of extracted text kept; more is {@code TooLarge}
 * @param maxZipEntries       most entries a zip container (EPUB, DOCX) may list
 * @param maxZipEntryBytes    largest uncompressed size of one zip entry, in bytes
 * @param maxZipTotalBytes    largest total uncompressed size read from one zip, in bytes
 * @param maxCompressionRatio largest uncompressed/compressed ratio of one entry (zip bomb guard)
 * @param timeout             wall-clock budget for extracting one file
 */
public record ExtractionLimits(long maxFileBytes, long maxTextChars, int maxZipEntries,
                               long maxZipEntryBytes, long maxZipTotalBytes,
                               double maxCompressionRatio, Duration timeout) {

    /** Defaults sized for real e-books: 512 MB files, 64 M characters, 10,000 zip entries. */
    public static ExtractionLimits defaults() {
        return new ExtractionLimits(512L << 20, 64L << 20, 10_000, 64L << 20, 1L << 30, 200.0,
                Duration.ofMinutes(5));
    }
}
