package io.alexandria.pipeline;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Counters of one sync, from which the engine makes its summary (thread-safe). The stages count
 * what they did; the engine counts its scans through {@link #scanned}. Times are kept in
 * nanoseconds and reported in seconds.
 */
public final class RunStats {
    final AtomicLong documents = new AtomicLong();
    final AtomicLong indexed = new AtomicLong();
    final AtomicLong unchanged = new AtomicLong();
    final AtomicLong failed = new AtomicLong();
    final AtomicLong deleted = new AtomicLong();
    final AtomicLong payloadUpdated = new AtomicLong();
    final AtomicLong chunks = new AtomicLong();
    final AtomicLong chunksEmbedded = new AtomicLong();
    final AtomicLong tokensEmbedded = new AtomicLong();
    final AtomicLong pointsUpserted = new AtomicLong();
    final AtomicLong pointsDeleted = new AtomicLong();
    final AtomicLong eventsPublished = new AtomicLong();
    final AtomicLong scanNanos = new AtomicLong();
    final AtomicLong extractNanos = new AtomicLong();
    final AtomicLong embedNanos = new AtomicLong();
    final AtomicLong uploadNanos = new AtomicLong();
    final AtomicLong eventNanos = new AtomicLong();

    /**
     * A scan of one source finished.
     *
     * @param nanos     how long it took, ns
     * @param listed    documents the source holds
     * @param unchanged documents found unchanged
     */
    public void scanned(long nanos, int listed, int unchanged) {
        scanNanos.addAndGet(nanos);
        documents.addAndGet(listed);
        this.unchanged.addAndGet(unchanged);
    }

    /** Documents the scanned sources hold. */
    public long documents() {
        return documents.get();
    }

    /** Documents indexed so far. */
    public long indexed() {
        return indexed.get();
    }

    /** Documents found unchanged (or adopted from another host) so far. */
    public long unchanged() {
        return unchanged.get();
    }

    /** Documents failed so far. */
    public long failed() {
        return failed.get();
    }

    /** Documents whose points were removed so far. */
    public long deleted() {
        return deleted.get();
    }

    /** Chunks of the documents indexed so far. */
    public long chunks() {
        return chunks.get();
    }

    /** Texts run through the model so far. */
    public long chunksEmbedded() {
        return chunksEmbedded.get();
    }

    /** Points upserted so far. */
    public long pointsUpserted() {
        return pointsUpserted.get();
    }

    /** Points deleted so far. */
    public long pointsDeleted() {
        return pointsDeleted.get();
    }

    /** Seconds spent per stage: scan, extract, embed, upload, events. */
    public Map<String, Double> stageSeconds() {
        Map<String, Double> m = new LinkedHashMap<>();
        m.put("scan", seconds(scanNanos));
        m.put("extract", seconds(extractNanos));
        m.put("embed", seconds(embedNanos));
        m.put("upload", seconds(uploadNanos));
        m.put("events", seconds(eventNanos));
        return m;
    }

    private static double seconds(AtomicLong nanos) {
        return Math.round(nanos.get() / 1e6) / 1000.0;
    }
}
