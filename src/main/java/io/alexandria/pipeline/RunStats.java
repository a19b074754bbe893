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

    /**
     * The counters now.
     *
     * @return documents the sources hold, documents indexed, unchanged (or adopted), failed and
     *         deleted, updated (metadata only), chunks of the documents indexed, texts run through the model, points
     *         upserted and deleted, and seconds per stage
     */
    public RunCounts counts() {
        return new RunCounts(documents.get(), indexed.get(), unchanged.get(), failed.get(), deleted.get(), chunks.get(),
                chunksEmbedded.get(), pointsUpserted.get(), pointsDeleted.get(), stageSeconds(), payloadUpdated.get());
    }

    /**
     * One reading of the counters.
     *
     * @param updated documents whose metadata only changed (their points' payload was rewritten)
     */
    public record RunCounts(long documents, long indexed, long unchanged, long failed, long deleted, long chunks,
                            long chunksEmbedded, long pointsUpserted, long pointsDeleted,
                            Map<String, Double> stageSeconds, long updated) {
    }

    /** Seconds spent per stage: scan, extract, embed, upload, events. */
    Map<String, Double> stageSeconds() {
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
