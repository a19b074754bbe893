package io.alexandria.pipeline;

import io.alexandria.store.DocumentKey;

/**
 * What happened to one document in a sync step, as the Ingest pane and {@code watch --json} list it.
 *
 * @param chunks chunks indexed (0 unless INDEXED)
 * @param detail the failure reason, or null
 */
public record DocumentOutcome(DocumentKey key, String title, Kind kind, int chunks, String errorType, String detail) {
    /** The outcome kinds. */
    public enum Kind { INDEXED, UNCHANGED, UPDATED, FAILED, DELETED, SKIPPED }
}
