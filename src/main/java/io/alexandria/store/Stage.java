package io.alexandria.store;

/**
 * Where a document's current work stands in the durable pipeline ({@code docs/architecture.md},
 * "Pipeline stages and transitions"). Each stage is resumable after a crash: its input is
 * committed before the stage starts, its output committed before the next.
 */
public enum Stage {
    /** Nothing to do; {@link SyncStatus} says whether it is synced, failed or deleted. */
    IDLE,
    /** A new or changed file was detected: extract and chunk it. */
    DETECTED,
    /** Chunks are in {@code pending_chunks}: embed those the cache lacks. */
    CHUNKED,
    /** Every pending chunk has a vector: upsert the points, delete stale ones. */
    EMBEDDED,
    /** Only payload metadata changed (e.g. a Calibre title): set payloads, embed nothing. */
    PAYLOAD,
    /** The document left its source: delete its points and record {@code book_delete}. */
    DELETING;

    /** Stages that still hold work. */
    public boolean hasWork() {
        return this != IDLE;
    }
}
