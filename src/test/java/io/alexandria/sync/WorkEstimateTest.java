package io.alexandria.sync;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.alexandria.chunking.ChunkingOptions;
import io.alexandria.store.Ledger.FormatTotals;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The time left covers documents not extracted yet: their chunks are estimated from their size
 * and what a byte of their format yielded so far, or from the chunk size for a format not seen yet.
 */
class WorkEstimateTest {
    private static final ChunkingOptions CHUNKS = new ChunkingOptions(256, 32);

    @Test
    void waitingDocumentsYieldChunksAsTheirFormatDidSoFar() {
        // EPUBs so far: 10 books, 20 MB, 4,000 chunks → 1 chunk per 5,000 bytes
        Map<String, FormatTotals> yield = Map.of("EPUB", new FormatTotals(10, 20_000_000, 4_000));
        Map<String, FormatTotals> waiting = Map.of("EPUB", new FormatTotals(3, 6_000_000, 0));
        assertEquals(1_200, WorkEstimate.chunksToExtract(waiting, yield, CHUNKS));
    }

    @Test
    void aFormatNotIndexedYetUsesTheChunkSize() {
        // (256 - 32) tokens × 4 bytes = 896 bytes a chunk
        Map<String, FormatTotals> waiting = Map.of("md", new FormatTotals(66, 896 * 1_000, 0));
        assertEquals(1_000, WorkEstimate.chunksToExtract(waiting, Map.of(), CHUNKS));
        assertEquals(66, WorkEstimate.chunksToExtract(Map.of("md", new FormatTotals(66, 0, 0)), Map.of(), CHUNKS),
                "at least one chunk per document, size unknown or not");
    }

    @Test
    void timeLeftIncludesThemAtTheMeasuredThroughput() {
        long chunks = 40 + WorkEstimate.chunksToExtract(Map.of("md", new FormatTotals(66, 896 * 1_000, 0)),
                Map.of(), CHUNKS);
        assertEquals(Duration.ofSeconds(52), WorkEstimate.eta(chunks, 20.0), "1,040 chunks at 20/s");
        assertEquals(Duration.ZERO, WorkEstimate.eta(0, 0));
        assertNull(WorkEstimate.eta(10, 0), "not measured yet");
    }
}
