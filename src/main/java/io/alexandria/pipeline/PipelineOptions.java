package io.alexandria.pipeline;

import io.alexandria.chunking.ChunkingOptions;
import io.alexandria.extraction.ExtractionLimits;
import java.time.Duration;

/**
 * What the stages are tuned with.
 *
 * @param hostname         the host points are attributed to
 * @param chunking         chunk size bounds, tokens
 * @param limits           extraction budgets (time, bytes)
 * @param retryMax         longest backoff between retries of a failing stage
 * @param eventRetention   events older than this are deleted (checked daily), or null to keep all
 */
public record PipelineOptions(String hostname, ChunkingOptions chunking, ExtractionLimits limits, Duration retryMax,
                              Duration eventRetention) {
}
