package io.alexandria.bench;

import java.util.Collection;
import java.util.List;

/**
 * Scores a document ranking against the acceptable documents of a question, over distinct
 * documents (see {@link Retriever#collapse}). A question counts as found at rank r when its first
 * acceptable document is at position r (1-based) of the ranking.
 * <ul>
 *   <li>recall@k: 1 when found at rank ≤ k, else 0 (with one acceptable document this is the usual
 *       recall@k; with two, either one suffices, i.e. success@k);</li>
 *   <li>reciprocal rank: 1/r, 0 when not in the ranking (averaged: MRR@{@link #DEPTH});</li>
 *   <li>nDCG@10: binary relevance, DCG = Σ rel_i / log2(i + 1) over positions i = 1..10, divided
 *       by the ideal DCG of min(#acceptable, 10) relevant documents at the top (Järvelin and
 *       Kekäläinen 2002, "Cumulated gain-based evaluation of IR techniques").</li>
 * </ul>
 */
public final class RetrievalMetrics {
    /** How many distinct documents a system is asked for, and the nDCG / MRR cut-off. */
    public static final int DEPTH = 10;

    private RetrievalMetrics() {
    }

    /**
     * One question's figures.
     *
     * @param rank 1-based rank of the first acceptable document, 0 when not in the ranking
     * @param ndcg nDCG@10 in [0, 1]
     */
    public record Score(int rank, double ndcg) {
        /** 1 when found within the first {@code k}, else 0. */
        public double recallAt(int k) {
            return rank >= 1 && rank <= k ? 1 : 0;
        }

        /** 1/rank, 0 when not found. */
        public double reciprocalRank() {
            return rank == 0 ? 0 : 1.0 / rank;
        }
    }

    /**
     * Means over a list of questions.
     *
     * @param n questions scored
     */
    public record Summary(int n, double recallAt1, double recallAt5, double mrr, double ndcg10) {
    }

    /** Scores {@code ranked} (distinct documents, best first) against {@code relevant}. */
    public static Score score(List<String> ranked, Collection<String> relevant) {
        int rank = 0;
        double dcg = 0;
        for (int i = 0; i < Math.min(ranked.size(), DEPTH); i++) {
            if (relevant.contains(ranked.get(i))) {
                if (rank == 0) {
                    rank = i + 1;
                }
                dcg += 1 / log2(i + 2);
            }
        }
        double ideal = 0;
        for (int i = 0; i < Math.min(relevant.size(), DEPTH); i++) {
            ideal += 1 / log2(i + 2);
        }
        return new Score(rank, ideal == 0 ? 0 : dcg / ideal);
    }

    /** The mean figures of {@code scores}; all zero for an empty list. */
    public static Summary summarize(List<Score> scores) {
        int n = scores.size();
        if (n == 0) {
            return new Summary(0, 0, 0, 0, 0);
        }
        return new Summary(n, scores.stream().mapToDouble(s -> s.recallAt(1)).sum() / n,
                scores.stream().mapToDouble(s -> s.recallAt(5)).sum() / n,
                scores.stream().mapToDouble(Score::reciprocalRank).sum() / n,
                scores.stream().mapToDouble(Score::ndcg).sum() / n);
    }

    private static double log2(double x) {
        return Math.log(x) / Math.log(2);
    }
}
