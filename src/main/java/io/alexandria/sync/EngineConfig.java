package io.alexandria.sync;

import io.alexandria.chunking.ChunkingOptions;
import io.alexandria.extraction.ExtractionLimits;
import io.alexandria.pipeline.PipelineOptions;
import java.time.Duration;

/**
 * Tuning of one {@link SyncEngine}.
 *
 * @param hostname          the name points and events are attributed to
 * @param chunking          chunk size bounds
 * @param limits            extraction budgets
 * @param embedBatchTokens  most tokens (padded batch size x longest text) per model call
 * @param embedBatchMax     most texts per model call
 * @param massDeleteShare   share of a source's documents (0..1) that may vanish at once before
 *                          deletions are held for confirmation (default 0.2)
 * @param massDeleteMinimum deletions below this count never trip the guard (default 5)
 * @param retryMax          longest backoff between retries of a failing stage
 * @param leaseTtl          how long a per-document lease in Qdrant lasts (several hosts, one
 *                          Qdrant); {@code null} turns leases off
 * @param eventRetention    events older than this are deleted from {@code alexandria_events}
 *                          (checked at most once a day; default 365 days); {@code null} keeps all
 * @param massDeleteWindow  the mass-deletion guard counts the deletions of this window (default 10
 *                          minutes), so documents vanishing one by one under {@code watch} trip it too
 * @param guardEvery        how often the index guardian looks at Qdrant while all is well (default
 *                          10 s; every second while a stage waits for Qdrant)
 */
public record EngineConfig(String hostname, ChunkingOptions chunking, ExtractionLimits limits, int embedBatchTokens,
                           int embedBatchMax, double massDeleteShare, int massDeleteMinimum, Duration retryMax,
                           Duration leaseTtl, Duration eventRetention, Duration massDeleteWindow,
                           Duration guardEvery) {

    /** Defaults for {@code hostname}: 256-token chunks, 8,192-token batches of at most 32, 10-minute leases. */
    public static EngineConfig defaults(String hostname) {
        return new EngineConfig(hostname, ChunkingOptions.defaults(), ExtractionLimits.defaults(), 8192, 32, 0.2, 5,
                Duration.ofSeconds(30), Duration.ofMinutes(10), Duration.ofDays(365), Duration.ofMinutes(10),
                Duration.ofSeconds(10));
    }

    /** What the pipeline's stages take from this configuration. */
    public PipelineOptions pipelineOptions() {
        return new PipelineOptions(hostname, chunking, limits, retryMax, eventRetention);
    }

    /** A copy with other chunking options. */
    public EngineConfig withChunking(ChunkingOptions options) {
        return new EngineConfig(hostname, options, limits, embedBatchTokens, embedBatchMax, massDeleteShare,
                massDeleteMinimum, retryMax, leaseTtl, eventRetention, massDeleteWindow, guardEvery);
    }

    /** A copy with another mass-deletion share. */
    public EngineConfig withMassDeleteShare(double share) {
        return new EngineConfig(hostname, chunking, limits, embedBatchTokens, embedBatchMax, share, massDeleteMinimum,
                retryMax, leaseTtl, eventRetention, massDeleteWindow, guardEvery);
    }

    /** A copy with another longest retry backoff. */
    public EngineConfig withRetryMax(Duration max) {
        return new EngineConfig(hostname, chunking, limits, embedBatchTokens, embedBatchMax, massDeleteShare,
                massDeleteMinimum, max, leaseTtl, eventRetention, massDeleteWindow, guardEvery);
    }

    /** A copy with other embedding batch bounds (texts per call, padded tokens per call). */
    public EngineConfig withEmbedBatch(int maxTexts, int maxTokens) {
        return new EngineConfig(hostname, chunking, limits, maxTokens, maxTexts, massDeleteShare, massDeleteMinimum,
                retryMax, leaseTtl, eventRetention, massDeleteWindow, guardEvery);
    }

    /** A copy with another lease time to live ({@code null}: no leases). */
    public EngineConfig withLeaseTtl(Duration ttl) {
        return new EngineConfig(hostname, chunking, limits, embedBatchTokens, embedBatchMax, massDeleteShare,
                massDeleteMinimum, retryMax, ttl, eventRetention, massDeleteWindow, guardEvery);
    }

    /** A copy with another event retention ({@code null}: keep every event). */
    public EngineConfig withEventRetention(Duration retention) {
        return new EngineConfig(hostname, chunking, limits, embedBatchTokens, embedBatchMax, massDeleteShare,
                massDeleteMinimum, retryMax, leaseTtl, retention, massDeleteWindow, guardEvery);
    }

    /** A copy with another mass-deletion window. */
    public EngineConfig withMassDeleteWindow(Duration window) {
        return new EngineConfig(hostname, chunking, limits, embedBatchTokens, embedBatchMax, massDeleteShare,
                massDeleteMinimum, retryMax, leaseTtl, eventRetention, window, guardEvery);
    }

    /** A copy with another interval of the index guardian's looks. */
    public EngineConfig withGuardEvery(Duration every) {
        return new EngineConfig(hostname, chunking, limits, embedBatchTokens, embedBatchMax, massDeleteShare,
                massDeleteMinimum, retryMax, leaseTtl, eventRetention, massDeleteWindow, every);
    }
}
