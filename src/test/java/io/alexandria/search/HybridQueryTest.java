package io.alexandria.search;

import static io.qdrant.client.ConditionFactory.matchKeyword;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.alexandria.keywords.KeywordEncoder;
import io.alexandria.keywords.KeywordVector;
import io.qdrant.client.grpc.Common.Filter;
import io.qdrant.client.grpc.Points.Fusion;
import io.qdrant.client.grpc.Points.PrefetchQuery;
import io.qdrant.client.grpc.Points.Query;
import io.qdrant.client.grpc.Points.QueryPointGroups;
import io.qdrant.client.grpc.Points.QueryPoints;
import java.util.List;
import org.junit.jupiter.api.Test;

class HybridQueryTest {
    private static final float[] DENSE = {0.6f, 0.8f, 0f};
    private static final KeywordVector KEYWORDS = new KeywordVector(new int[] {7, -3}, new float[] {1f, 1f});
    private static final Filter FILTER = Filter.newBuilder().addMust(matchKeyword("source", "obsidian")).build();

    @Test
    void groupsFuseADenseAndAKeywordPrefetchByRrfAndGroupByDocument() {
        QueryPointGroups q = HybridQuery.groups("alexandria_chunks", DENSE, KEYWORDS, 10, FILTER);
        assertEquals("alexandria_chunks", q.getCollectionName());
        assertEquals("doc_id", q.getGroupBy());
        assertEquals(3, q.getGroupSize());
        assertEquals(10, q.getLimit());
        assertTrue(q.getWithPayload().getEnable());
        assertEquals(Query.VariantCase.FUSION, q.getQuery().getVariantCase());
        assertEquals(Fusion.RRF, q.getQuery().getFusion());
        assertEquals(FILTER, q.getFilter());
        assertEquals(2, q.getPrefetchCount());

        PrefetchQuery dense = q.getPrefetch(0);
        assertFalse(dense.hasUsing(), "the dense leg uses the collection's unnamed vector");
        assertEquals(List.of(0.6f, 0.8f, 0f), dense.getQuery().getNearest().getDense().getDataList());
        assertEquals(120, dense.getLimit());
        assertEquals(FILTER, dense.getFilter());

        PrefetchQuery keywords = q.getPrefetch(1);
        assertEquals(KeywordEncoder.VECTOR_NAME, keywords.getUsing());
        assertEquals(List.of(7, -3), keywords.getQuery().getNearest().getSparse().getIndicesList());
        assertEquals(List.of(1f, 1f), keywords.getQuery().getNearest().getSparse().getValuesList());
        assertEquals(120, keywords.getLimit());
        assertEquals(FILTER, keywords.getFilter());
    }

    @Test
    void withoutKeywordsTheDenseLegAnswersAlone() {
        for (KeywordVector none : new KeywordVector[] {null, KeywordVector.EMPTY}) {
            QueryPointGroups q = HybridQuery.groups("c", DENSE, none, 5, null);
            assertEquals(0, q.getPrefetchCount());
            assertEquals(Query.VariantCase.NEAREST, q.getQuery().getVariantCase());
            assertEquals(3, q.getQuery().getNearest().getDense().getDataCount());
            assertFalse(q.hasFilter());
            assertEquals(5, q.getLimit());
        }
    }

    @Test
    void keywordGroupsQueryTheSparseVectorAlone() {
        QueryPointGroups q = HybridQuery.keywordGroups("c", KEYWORDS, 4, FILTER);
        assertEquals(0, q.getPrefetchCount());
        assertEquals(KeywordEncoder.VECTOR_NAME, q.getUsing());
        assertEquals(List.of(7, -3), q.getQuery().getNearest().getSparse().getIndicesList());
        assertEquals("doc_id", q.getGroupBy());
        assertEquals(4, q.getLimit());
        assertEquals(FILTER, q.getFilter());
        assertThrows(IllegalArgumentException.class, () -> HybridQuery.keywordGroups("c", KeywordVector.EMPTY, 4, null));
    }

    @Test
    void pointsFuseTheSameLegsWithoutGrouping() {
        QueryPoints q = HybridQuery.points("c", DENSE, KEYWORDS, 100, null);
        assertEquals(100, q.getLimit());
        assertEquals(Fusion.RRF, q.getQuery().getFusion());
        assertEquals(2, q.getPrefetchCount());
        assertEquals(100, q.getPrefetch(1).getLimit());
        assertEquals(KeywordEncoder.VECTOR_NAME, q.getPrefetch(1).getUsing());
        assertEquals(Query.VariantCase.NEAREST, HybridQuery.points("c", DENSE, null, 7, null).getQuery().getVariantCase());
    }

    @Test
    void eachLegFetchesEnoughCandidates() {
        assertEquals(HybridQuery.MIN_PREFETCH, HybridQuery.prefetchLimit(1));
        assertEquals(600, HybridQuery.prefetchLimit(50));
    }

    @Test
    void nonPositiveSizesAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> HybridQuery.groups("c", DENSE, KEYWORDS, 0, null));
        assertThrows(IllegalArgumentException.class, () -> HybridQuery.points("c", DENSE, KEYWORDS, -1, null));
    }
}
