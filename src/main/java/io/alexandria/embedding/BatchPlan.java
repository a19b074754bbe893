package io.alexandria.embedding;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * Groups texts into model calls: sorted by length so a padded batch wastes little, each call
 * bounded by a count and a padded-token budget (count x longest member), longest calls first so
 * that parallel workers finish together (longest-processing-time-first scheduling).
 *
 * @param batchTexts  most texts per call, ≥ 1
 * @param batchTokens most padded tokens per call; a single text longer than this is a call of its own
 */
public record BatchPlan(int batchTexts, int batchTokens) {
    public BatchPlan {
        if (batchTexts < 1 || batchTokens < 1) {
            throw new IllegalArgumentException("batch bounds must be ≥ 1: " + batchTexts + ", " + batchTokens);
        }
    }

    /** The plan an embedder's options ask for. */
    public static BatchPlan of(EmbeddingOptions options) {
        return new BatchPlan(options.batchTexts(), options.batchTokens());
    }

    /**
     * Plans calls for texts of the given lengths.
     *
     * @param tokens each text's length in tokens (any consistent measure: model tokens with or
     *               without special tokens, or characters as an estimate)
     * @return groups of indexes into {@code tokens}, every index exactly once; within a group,
     *         ascending length; groups in descending order of their padded size
     */
    public List<int[]> plan(int[] tokens) {
        Integer[] order = new Integer[tokens.length];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        Arrays.sort(order, Comparator.comparingInt((Integer i) -> tokens[i]).thenComparingInt(i -> i));
        List<int[]> out = new ArrayList<>();
        List<Integer> current = new ArrayList<>();
        for (int i : order) {
            int longest = Math.max(1, tokens[i]);
            if (!current.isEmpty() && (current.size() >= batchTexts || (long) (current.size() + 1) * longest > batchTokens)) {
                out.add(current.stream().mapToInt(Integer::intValue).toArray());
                current = new ArrayList<>();
            }
            current.add(i);
        }
        if (!current.isEmpty()) {
            out.add(current.stream().mapToInt(Integer::intValue).toArray());
        }
        out.sort(Comparator.comparingLong((int[] g) -> -(long) g.length * tokens[g[g.length - 1]]));
        return out;
    }

    /** Character lengths as a length estimate when token counts are not known. */
    public static int[] characterLengths(List<String> texts) {
        int[] out = new int[texts.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = texts.get(i).length();
        }
        return out;
    }
}
