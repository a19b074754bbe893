package io.alexandria.bench;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Small ranking helpers for the in-memory retrievers. */
final class Ranking {
    private Ranking() {
    }

    /** Indexes of the {@code k} highest scores among those marked, best first, ties by index. */
    static int[] top(double[] scores, boolean[] candidate, int k) {
        List<Integer> ids = new ArrayList<>();
        for (int i = 0; i < scores.length; i++) {
            if (candidate == null || candidate[i]) {
                ids.add(i);
            }
        }
        ids.sort((a, b) -> scores[a] != scores[b] ? Double.compare(scores[b], scores[a]) : Integer.compare(a, b));
        return ids.stream().limit(k).mapToInt(Integer::intValue).toArray();
    }

    /**
     * Qdrant's Reciprocal Rank Fusion of rankings (best first): score(x) = Σ 1 / (k + 0-based rank
     * of x), best fused first, ties by first appearance.
     */
    static List<Integer> rrf(List<int[]> rankings, double k) {
        Map<Integer, Double> fused = new HashMap<>();
        Map<Integer, Integer> first = new HashMap<>();
        int order = 0;
        for (int[] ranking : rankings) {
            for (int r = 0; r < ranking.length; r++) {
                fused.merge(ranking[r], 1 / (k + r), Double::sum);
                first.putIfAbsent(ranking[r], order++);
            }
        }
        List<Integer> out = new ArrayList<>(fused.keySet());
        out.sort((a, b) -> !fused.get(a).equals(fused.get(b)) ? Double.compare(fused.get(b), fused.get(a))
                : Integer.compare(first.get(a), first.get(b)));
        return out;
    }
}
