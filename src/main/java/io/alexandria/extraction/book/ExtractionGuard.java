package io.alexandria.extraction.book;

import io.alexandria.extraction.ExtractionException;
import io.alexandria.extraction.ExtractionLimits;

/**
 * The per-file budget of one extraction: a wall-clock deadline and a count of extracted
 * characters. Extractors call {@link #checkDeadline()} cooperatively between units of work:
 * every 64 KiB inflated from a zip, every spine document, every read of parser input (jsoup, the
 * RTF reader), every 1,024 markup nodes walked, every PDF page and every 4,096 PDF content-stream
 * operators, every 8 KiB of plain text, every 256 PDF outline entries. They call
 * {@link #addChars(long)} for every paragraph they keep. There is no watchdog thread: a single
 * library call that never returns control between those points would not be cut off (PDF font
 * and image decoding inside one operator is the only such place known).
 *
 * <p>An interrupted thread is treated like a passed deadline ({@code ExtractionTimeout}); the
 * interrupt flag is left set for the caller.
 */
final class ExtractionGuard {
    private final ExtractionLimits limits;
    private final long startNanos;
    private final long timeoutNanos;
    private long chars;

    ExtractionGuard(ExtractionLimits limits) {
        this.limits = limits;
        this.startNanos = System.nanoTime();
        long timeout;
        try {
            timeout = limits.timeout().toNanos();
        } catch (ArithmeticException tooLong) {
            timeout = Long.MAX_VALUE; // a timeout of centuries: no deadline
        }
        this.timeoutNanos = Math.max(0, timeout);
    }

    ExtractionLimits limits() {
        return limits;
    }

    /** Throws {@code ExtractionTimeout} once the deadline has passed or the thread was interrupted. */
    void checkDeadline() throws ExtractionException {
        if (System.nanoTime() - startNanos > timeoutNanos) {
            throw new ExtractionException(ExtractionException.TIMEOUT,
                    "extraction ran past its time budget of " + limits.timeout().toMillis() + " ms");
        }
        if (Thread.currentThread().isInterrupted()) {
            throw new ExtractionException(ExtractionException.TIMEOUT, "extraction was interrupted");
        }
    }

    /**
     * Counts {@code n} more characters of kept text.
     *
     * @throws ExtractionException {@code TextTooLarge} once the total passes {@code maxTextChars}
     */
    void addChars(long n) throws ExtractionException {
        chars += n;
        checkChars(chars);
    }

    /** Throws {@code TextTooLarge} if {@code total} characters would pass {@code maxTextChars}. */
    void checkChars(long total) throws ExtractionException {
        if (total > limits.maxTextChars()) {
            throw new ExtractionException(ExtractionException.TEXT_TOO_LARGE, "extracted text reached " + total
                    + " characters, more than the limit maxTextChars = " + limits.maxTextChars());
        }
    }

    /** Characters counted so far. */
    long chars() {
        return chars;
    }
}
