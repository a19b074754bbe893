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
 * @param durationSec  summed {@code duration_sec} of the complete events, seconds (documents in flight
 *                     at the same time each count their own time: this exceeds the wall-clock time)
 * @param busySec      wall-clock seconds the host was ingesting: the union of the complete events'
 *                     intervals {@code [timestamp − duration_sec, timestamp]} ({@link BusyTime})
 * @param lastActivity the host's newest event {@code timestamp}, or null when it has none readable
 */
public record HostStats(String hostname, long events, long books, long chunks, long errors, double durationSec,
                        double busySec, Instant lastActivity) {
    /**
     * Throughput: chunks per wall-clock second of ingest, {@code chunks / busySec}; 0 without any
     * busy time.
     */
    public double chunksPerSecond() {
        return busySec > 0 ? chunks / busySec : 0;
    }

    /**
     * Wall-clock seconds of ingest per document, {@code busySec / books} (the pipeline's pace, not
     * one document's latency); 0 without books.
     */
    public double secondsPerDocument() {
        return books > 0 ? busySec / books : 0;
    }

    /**
     * Average time one document took from the start of its ingest to its upload, seconds:
     * {@code durationSec / books} (its latency; documents overlap, so this is not the pace);
     * 0 without books.
     */
    public double avgDocumentSec() {
        return books > 0 ? durationSec / books : 0;
    }
}
