package io.alexandria.extraction.book;

import io.alexandria.extraction.ExtractionException;
import java.io.IOException;

/**
 * An {@link ExtractionException} (deadline or budget) carried through a library's I/O or
 * callback path, which only lets {@link IOException}s through. {@link BookExtractor} unwraps it,
 * even when the library wrapped it again (e.g. in an {@link java.io.UncheckedIOException}).
 */
final class GuardTrip extends IOException {
    private final transient ExtractionException reason;

    GuardTrip(ExtractionException reason) {
        super(reason.getMessage(), reason);
        this.reason = reason;
    }

    ExtractionException reason() {
        return reason;
    }

    /** The first {@code GuardTrip} in {@code t}'s cause chain, or {@code null}. */
    static GuardTrip in(Throwable t) {
        for (int depth = 0; t != null && depth < 32; depth++, t = t.getCause()) {
            if (t instanceof GuardTrip trip) {
                return trip;
            }
        }
        return null;
    }
}
