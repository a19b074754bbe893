package io.alexandria.pipeline;

import io.alexandria.store.PendingChunk;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Plans model calls: distinct texts (by hash) sorted by length, so batches are padded little, and
 * each batch bounded by a token budget (count x longest, special tokens included) and a count.
 */
public final class EmbeddingBatches {
    private EmbeddingBatches() {
    }

    /**
     * The batches for {@code chunks}, shortest texts first.
     *
     * @param chunks       chunks to embed (duplicates by text hash are embedded once)
     * @param maxTokens    the model's input limit, tokens
     * @param batchTokens  most padded tokens per call
     * @param batchMax     most texts per call
     */
    public static List<List<PendingChunk>> plan(List<PendingChunk> chunks, int maxTokens, int batchTokens, int batchMax) {
        Map<String, PendingChunk> byHash = new LinkedHashMap<>();
        for (PendingChunk p : chunks) {
            byHash.putIfAbsent(p.textHash(), p);
        }
        List<PendingChunk> sorted = new ArrayList<>(byHash.values());
        sorted.sort(Comparator.comparingInt(PendingChunk::tokens));
        List<List<PendingChunk>> out = new ArrayList<>();
        List<PendingChunk> current = new ArrayList<>();
        for (PendingChunk p : sorted) {
            int longest = Math.min(maxTokens, Math.max(p.tokens() + 2, 1));
            if (!current.isEmpty() && (current.size() >= batchMax || (long) (current.size() + 1) * longest > batchTokens)) {
                out.add(current);
                current = new ArrayList<>();
            }
            current.add(p);
        }
        if (!current.isEmpty()) {
            out.add(current);
        }
        return out;
    }
}
