package io.alexandria.sync;

import io.alexandria.chunking.ChunkingOptions;
import io.alexandria.store.Ledger.FormatTotals;
import java.time.Duration;
import java.util.Map;

/**
 * How much embedding work waits and how long it should take, for the engine's time left
 * ({@link EngineProgress#eta()}): the chunks already cut that wait for a vector, plus the chunks
 * the documents still to extract will yield — estimated from their size in bytes (the ledger's
 * {@code size_bytes}) times the chunks per byte their format has yielded so far on this ledger
 * (synced documents), or, for a format not indexed yet, one chunk per
 * {@code (maxTokens - overlapTokens) × }{@value #BYTES_PER_TOKEN} bytes — divided by the measured
 * embedding throughput. Each waiting document counts at least one chunk. Pure; thread-safe.
 *
 * <p>It overestimates a run of edited documents (their unchanged chunks come from the embedding
 * cache, not the model) and cannot know a compressed book's text before extracting it until a
 * book of that format was indexed: an estimate, refined as the run goes.
 */
public final class WorkEstimate {
    /** Bytes of source text per token assumed where no document of a format was indexed yet (UTF-8 prose). */
    public static final int BYTES_PER_TOKEN = 4;

    private WorkEstimate() {
    }

    /**
     * The chunks the documents still to extract should yield.
     *
     * @param waiting  per format: the documents still to extract and their summed bytes
     * @param yield    per format: synced documents' summed bytes and chunks (what a byte yielded)
     * @param chunking the chunk size in use (for formats without a yield)
     * @return estimated chunks, at least one per waiting document
     */
    public static long chunksToExtract(Map<String, FormatTotals> waiting, Map<String, FormatTotals> yield,
                                       ChunkingOptions chunking) {
        double defaultPerByte = 1.0 / (Math.max(1, chunking.maxTokens() - chunking.overlapTokens())
                * (double) BYTES_PER_TOKEN);
        long total = 0;
        for (Map.Entry<String, FormatTotals> e : waiting.entrySet()) {
            FormatTotals known = yield.get(e.getKey());
            double perByte = known != null && known.bytes() > 0 && known.chunks() > 0
                    ? known.chunks() / (double) known.bytes() : defaultPerByte;
            FormatTotals w = e.getValue();
            total += Math.max(w.documents(), Math.round(w.bytes() * perByte));
        }
        return total;
    }

    /**
     * The time {@code chunks} take at {@code chunksPerSecond}, rounded up to whole seconds.
     *
     * @return the time, {@link Duration#ZERO} when nothing waits, or null when the throughput is
     *         not measured yet (0)
     */
    public static Duration eta(long chunks, double chunksPerSecond) {
        if (chunks <= 0) {
            return Duration.ZERO;
        }
        if (!(chunksPerSecond > 0)) {
            return null;
        }
        return Duration.ofSeconds((long) Math.ceil(chunks / chunksPerSecond));
    }
}
