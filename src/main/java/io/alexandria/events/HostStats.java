package io.alexandria.events;

import java.time.Instant;

/**
 * One host's figures, from its events in {@code alexandria_events}.
 *
 * @param hostname     the {@code hostname} field
 * @param events       events of any type (count)
 * @param books        {@code ingest_complete} events (count; re-ingests count again, as the user's tools count)
 * @param chunks       summed {@code chunks_created} of those events (count)
 * @param errors       {@code ingest_error} events (count)
 * @param durationSec  summed {@code duration_sec} of the complete events, seconds
 * @param lastActivity the host's newest event {@code timestamp}, or null when it has none readable
 */
public record HostStats(String hostname, long events, long books, long chunks, long errors, double durationSec,
                        Instant lastActivity) {
    /** Chunks per second of ingest time: {@code chunks / durationSec}; 0 without any duration. */
    public double chunksPerSecond() {
        return durationSec > 0 ? chunks / durationSec : 0;
    }

    /** Average ingest time of one document, seconds: {@code durationSec / books}; 0 without books. */
    public double avgDocumentSec() {
        return books > 0 ? durationSec / books : 0;
    }
}
