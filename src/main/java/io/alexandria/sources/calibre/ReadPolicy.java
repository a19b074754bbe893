package io.alexandria.sources.calibre;

import java.time.Duration;
import java.util.Objects;

/**
 * How long a read waits for a busy {@code metadata.db}. Each attempt lets SQLite's own busy handler
 * wait up to {@link #busyTimeout()}; a still-busy attempt ({@code SQLITE_BUSY},
 * {@code SQLITE_LOCKED}) is retried after an exponential backoff from {@link #initialBackoff()}
 * doubling up to {@link #maxBackoff()}, with ±25 % jitter, until {@link #maxTotalWait()} has passed
 * since the first attempt; then the read fails with {@link CalibreException.Reason#LOCKED}.
 *
 * @param busyTimeout    SQLite {@code busy_timeout} per attempt; short, so that the backoff (not a
 *                       blocked SQLite call) does the waiting. Zero or more, at most 60 s.
 * @param initialBackoff delay before the first retry, more than zero
 * @param maxBackoff     the longest delay between two retries, at least {@code initialBackoff}
 * @param maxTotalWait   the bound on the whole retrying, more than {@code initialBackoff}
 * @param listener       told about every retry (for logs and a "Calibre is busy" status), never null
 */
public record ReadPolicy(Duration busyTimeout, Duration initialBackoff, Duration maxBackoff,
        Duration maxTotalWait, BusyListener listener) {

    /** Called before each retry of a read that found the database busy. */
    @FunctionalInterface
    public interface BusyListener {
        /**
         * @param attempt the number of the attempt that failed (1 for the first)
         * @param elapsed time since the first attempt started
         * @param message SQLite's message, e.g. {@code [SQLITE_BUSY] The database file is locked}
         */
        void onBusy(int attempt, Duration elapsed, String message);

        /** A listener that does nothing. */
        BusyListener NONE = (attempt, elapsed, message) -> { };
    }

    /**
     * The default: 250 ms busy timeout, backoff 50 ms doubling to 2 s, give up after 15 s.
     * Calibre's own write transactions last milliseconds, so 15 s means something is wrong.
     */
    public static final ReadPolicy DEFAULT = new ReadPolicy(Duration.ofMillis(250), Duration.ofMillis(50),
            Duration.ofSeconds(2), Duration.ofSeconds(15), BusyListener.NONE);

    /**
     * Validates the durations.
     *
     * @throws IllegalArgumentException when a duration is out of the documented range
     * @throws NullPointerException     when an argument is null
     */
    public ReadPolicy {
        Objects.requireNonNull(busyTimeout, "busyTimeout");
        Objects.requireNonNull(initialBackoff, "initialBackoff");
        Objects.requireNonNull(maxBackoff, "maxBackoff");
        Objects.requireNonNull(maxTotalWait, "maxTotalWait");
        Objects.requireNonNull(listener, "listener");
        if (busyTimeout.isNegative() || busyTimeout.compareTo(Duration.ofSeconds(60)) > 0) {
            throw new IllegalArgumentException("busyTimeout must be between 0 and 60 s: " + busyTimeout);
        }
        if (initialBackoff.isNegative() || initialBackoff.isZero()) {
            throw new IllegalArgumentException("initialBackoff must be more than zero: " + initialBackoff);
        }
        if (maxBackoff.compareTo(initialBackoff) < 0) {
            throw new IllegalArgumentException("maxBackoff " + maxBackoff + " is less than initialBackoff "
                    + initialBackoff);
        }
        if (maxTotalWait.compareTo(initialBackoff) <= 0) {
            throw new IllegalArgumentException("maxTotalWait " + maxTotalWait + " must exceed initialBackoff "
                    + initialBackoff);
        }
    }

    /** This policy with another listener. */
    public ReadPolicy withListener(BusyListener newListener) {
        return new ReadPolicy(busyTimeout, initialBackoff, maxBackoff, maxTotalWait, newListener);
    }

    /** This policy with another bound on the total wait. */
    public ReadPolicy withMaxTotalWait(Duration newMaxTotalWait) {
        return new ReadPolicy(busyTimeout, initialBackoff, maxBackoff, newMaxTotalWait, listener);
    }
}
