package io.alexandria.sync;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/** Counters of one sync (thread-safe), from which {@link SyncSummary} is made. Times in nanoseconds. */
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

    /** Texts run through the model so far. */
    public long chunksEmbedded() {
        return chunksEmbedded.get();
    }

    /** Points upserted so far. */
    public long pointsUpserted() {
        return pointsUpserted.get();
    }

    /** Documents indexed so far. */
    public long indexed() {
        return indexed.get();
    }

    /** Documents failed so far. */
    public long failed() {
        return failed.get();
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
