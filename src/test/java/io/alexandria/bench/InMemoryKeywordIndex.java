package io.alexandria.bench;

import io.alexandria.keywords.KeywordVector;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Sparse keyword vectors scored in memory the way Qdrant scores a {@code nearest} query on a
 * sparse vector with {@code modifier: idf}: score(q, d) = Σ over shared dimensions t of
 * q(t) · idf(t) · d(t), with idf(t) = ln(1 + (N − n(t) + 0.5) / (n(t) + 0.5)), N the number of
 * vectors, n(t) those holding t. Only chunks sharing at least one dimension with the query score.
 */
final class InMemoryKeywordIndex {
    private final int size;
    private final Map<Integer, int[]> postingsDocs = new HashMap<>();
    private final Map<Integer, float[]> postingsWeights = new HashMap<>();

    InMemoryKeywordIndex(List<KeywordVector> vectors) {
        size = vectors.size();
        Map<Integer, List<Integer>> docs = new HashMap<>();
        Map<Integer, List<Float>> weights = new HashMap<>();
        for (int d = 0; d < vectors.size(); d++) {
            int[] idx = vectors.get(d).indices();
            float[] w = vectors.get(d).values();
            for (int i = 0; i < idx.length; i++) {
                docs.computeIfAbsent(idx[i], k -> new ArrayList<>()).add(d);
                weights.computeIfAbsent(idx[i], k -> new ArrayList<>()).add(w[i]);
            }
        }
        for (var e : docs.entrySet()) {
            postingsDocs.put(e.getKey(), e.getValue().stream().mapToInt(Integer::intValue).toArray());
            List<Float> ws = weights.get(e.getKey());
            float[] f = new float[ws.size()];
            for (int i = 0; i < f.length; i++) {
                f[i] = ws.get(i);
            }
            postingsWeights.put(e.getKey(), f);
        }
    }

    /** Qdrant's IDF of a dimension held by {@code df} of the {@code size} vectors. */
    double idf(int dimension) {
        int[] docs = postingsDocs.get(dimension);
        int df = docs == null ? 0 : docs.length;
        return Math.log(1 + (size - df + 0.5) / (df + 0.5));
    }

    /** The indexes of the {@code k} best-scoring vectors, best first (ties: lower index first). */
    int[] top(KeywordVector query, int k) {
        double[] scores = new double[size];
        boolean[] hit = new boolean[size];
        int[] qi = query.indices();
        float[] qv = query.values();
        for (int i = 0; i < qi.length; i++) {
            int[] docs = postingsDocs.get(qi[i]);
            if (docs == null) {
                continue;
            }
            float[] w = postingsWeights.get(qi[i]);
            double idf = idf(qi[i]);
            for (int j = 0; j < docs.length; j++) {
                scores[docs[j]] += qv[i] * idf * w[j];
                hit[docs[j]] = true;
            }
        }
        return Ranking.top(scores, hit, k);
    }
}
