package io.alexandria.app;

import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Enforces the desktop app's never-blocking rule at run time: the window registers its UI thread
 * (the JavaFX application thread) with {@link #forbid(Thread)}, and every door into the blocking
 * core ({@link AppServices}'s accessors, {@link AppSession#close()}) calls
 * {@link #check(String)}, which throws on that thread. Violations are also counted so tests can
 * assert there were none.
 */
public final class ThreadGuard {
    private static final Logger LOG = LoggerFactory.getLogger(ThreadGuard.class);
    private static volatile Thread forbidden;
    private static final AtomicLong VIOLATIONS = new AtomicLong();

    private ThreadGuard() {
    }

    /** Forbids blocking core calls on {@code thread} (the JavaFX application thread). */
    public static void forbid(Thread thread) {
        forbidden = thread;
    }

    /** The forbidden thread, or null. */
    static Thread forbidden() {
        return forbidden;
    }

    /**
     * Throws when called on the forbidden (UI) thread.
     *
     * @param what the blocking thing that was reached, for the message
     * @throws IllegalStateException on the UI thread
     */
    public static void check(String what) {
        Thread ui = forbidden;
        if (ui != null && Thread.currentThread() == ui) {
            VIOLATIONS.incrementAndGet();
            IllegalStateException e = new IllegalStateException(
                    what + " does I/O and must not be used on the JavaFX application thread");
            LOG.error("never-blocking rule broken", e);
            throw e;
        }
    }

    /** How many times {@link #check(String)} refused since the JVM started. */
    public static long violations() {
        return VIOLATIONS.get();
    }
}
