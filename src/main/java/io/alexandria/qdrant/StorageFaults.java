package io.alexandria.qdrant;

import java.io.IOException;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Simulated storage faults, for tests of what a full disk does to the local index: while
 * {@link #diskFull(boolean)} is on, every file write of the index (Lucene outputs and the
 * write-ahead log) fails with {@code IOException("No space left on device")}, as the OS reports it.
 * {@link #NONE} never fails and is what servers use unless a test passes another.
 */
final class StorageFaults {
    /** Never fails. */
    static final StorageFaults NONE = new StorageFaults();
    /** The message Linux gives for ENOSPC. */
    static final String NO_SPACE = "No space left on device";

    private final AtomicBoolean full = new AtomicBoolean();

    /** Turns the simulated full disk on or off. */
    void diskFull(boolean on) {
        if (this == NONE) {
            throw new IllegalStateException("StorageFaults.NONE cannot fail");
        }
        full.set(on);
    }

    /** Throws when the simulated disk is full. */
    void beforeWrite(String what) throws IOException {
        if (full.get()) {
            throw new IOException(NO_SPACE + " (writing " + what + ")");
        }
    }

    /** Whether an exception (or one of its causes) says the disk is full. */
    static boolean isDiskFull(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            String m = t.getMessage();
            if (m != null && (m.contains(NO_SPACE) || m.contains("not enough space on the disk")
                    || m.contains("Disk quota exceeded"))) {
                return true;
            }
        }
        return false;
    }
}
