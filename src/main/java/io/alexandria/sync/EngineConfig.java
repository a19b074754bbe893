package io.alexandria.sync;

import io.alexandria.chunking.ChunkingOptions;
import io.alexandria.extraction.ExtractionLimits;
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
 */
public record EngineConfig(String hostname, ChunkingOptions chunking, ExtractionLimits limits, int embedBatchTokens,
                           int embedBatchMax, double massDeleteShare, int massDeleteMinimum, Duration retryMax) {

    /** Defaults for {@code hostname}: 256-token chunks, 8,192-token batches of at most 32. */
    public static EngineConfig defaults(String hostname) {
        return new EngineConfig(hostname, ChunkingOptions.defaults(), ExtractionLimits.defaults(), 8192, 32, 0.2, 5,
                Duration.ofSeconds(30));
    }

    /** A copy with other chunking options. */
    public EngineConfig withChunking(ChunkingOptions options) {
        return new EngineConfig(hostname, options, limits, embedBatchTokens, embedBatchMax, massDeleteShare,
                massDeleteMinimum, retryMax);
    }

    /** A copy with another mass-deletion share. */
    public EngineConfig withMassDeleteShare(double share) {
        return new EngineConfig(hostname, chunking, limits, embedBatchTokens, embedBatchMax, share, massDeleteMinimum,
                retryMax);
    }
}
