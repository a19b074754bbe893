package io.alexandria.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.alexandria.bench.RetrievalMetrics.Score;
import io.alexandria.bench.RetrievalMetrics.Summary;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The scoring of {@link RetrievalMetrics} and the chunk-to-document collapse of {@link Retriever}. */
class RetrievalMetricsTest {
    private static final double EPS = 1e-9;

    @Test
    void chunkHitsCollapseToDocumentsAtTheirFirstRank() {
        assertEquals(List.of("a", "b", "c"), Retriever.collapse(List.of("a", "a", "b", "a", "c", "b", "d"), 3));
        assertEquals(List.of("a"), Retriever.collapse(List.of("a", "a"), 10));
        assertEquals(List.of(), Retriever.collapse(List.of(), 10));
    }

    @Test
    void aDocumentFirstScoresOneEverywhere() {
        Score s = RetrievalMetrics.score(List.of("x", "y"), List.of("x"));
        assertEquals(1, s.rank());
        assertEquals(1, s.recallAt(1), EPS);
        assertEquals(1, s.reciprocalRank(), EPS);
        assertEquals(1, s.ndcg(), EPS);
    }

    @Test
    void aDocumentThirdCountsForRecallAt5Only() {
        Score s = RetrievalMetrics.score(List.of("a", "b", "x", "c"), List.of("x"));
        assertEquals(3, s.rank());
        assertEquals(0, s.recallAt(1), EPS);
        assertEquals(1, s.recallAt(5), EPS);
        assertEquals(1.0 / 3, s.reciprocalRank(), EPS);
        assertEquals(1 / (Math.log(4) / Math.log(2)), s.ndcg(), EPS); // 1/log2(3+1) = 0.5
    }

    @Test
    void eitherOfTwoAcceptableDocumentsCountsAndBothRaiseNdcg() {
        Score second = RetrievalMetrics.score(List.of("a", "y", "b"), List.of("x", "y"));
        assertEquals(2, second.rank());
        double ideal = 1 + 1 / (Math.log(3) / Math.log(2));
        assertEquals((1 / (Math.log(3) / Math.log(2))) / ideal, second.ndcg(), EPS);
        Score both = RetrievalMetrics.score(List.of("y", "x"), List.of("x", "y"));
        assertEquals(1, both.rank());
        assertEquals(1, both.ndcg(), EPS);
    }

    @Test
    void aDocumentBeyondTheDepthOrAbsentScoresZero() {
        List<String> eleven = List.of("1", "2", "3", "4", "5", "6", "7", "8", "9", "10", "x");
        Score s = RetrievalMetrics.score(eleven, List.of("x"));
        assertEquals(0, s.rank());
        assertEquals(0, s.reciprocalRank(), EPS);
        assertEquals(0, s.ndcg(), EPS);
        assertEquals(0, RetrievalMetrics.score(List.of(), List.of("x")).recallAt(5), EPS);
    }

    @Test
    void summaryIsTheMeanOverQuestions() {
        Summary m = RetrievalMetrics.summarize(List.of(new Score(1, 1.0), new Score(4, 0.4), new Score(0, 0)));
        assertEquals(3, m.n());
        assertEquals(1.0 / 3, m.recallAt1(), EPS);
        assertEquals(2.0 / 3, m.recallAt5(), EPS);
        assertEquals((1 + 0.25) / 3, m.mrr(), EPS);
        assertEquals(1.4 / 3, m.ndcg10(), EPS);
        assertEquals(new Summary(0, 0, 0, 0, 0), RetrievalMetrics.summarize(List.of()));
    }
}
