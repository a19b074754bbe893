package io.alexandria.search;

import static io.qdrant.client.QueryFactory.fusion;
import static io.qdrant.client.QueryFactory.nearest;
import static io.qdrant.client.WithPayloadSelectorFactory.enable;

import io.alexandria.keywords.KeywordEncoder;
import io.alexandria.keywords.KeywordVector;
import io.qdrant.client.grpc.Common.Filter;
import io.qdrant.client.grpc.Points.Fusion;
import io.qdrant.client.grpc.Points.PrefetchQuery;
import io.qdrant.client.grpc.Points.QueryPointGroups;
import io.qdrant.client.grpc.Points.QueryPoints;
import java.util.List;

/**
 * Builds the Query API requests of hybrid search (Qdrant ≥ 1.10 {@code query} /
 * {@code query_groups}):
 * <pre>
 *   prefetch: [ {query: nearest(dense question vector),                     limit: P, filter},
 *               {query: nearest(keyword sparse vector), using: "text",       limit: P, filter} ]
 *   query:    fusion RRF                       (Qdrant's default k = 2)
 *   group_by: "doc_id", group_size: 3, limit: documents      (query_groups only)
 * </pre>
 * The dense leg uses the collection's unnamed vector; the keyword leg the named sparse vector
 * {@link KeywordEncoder#VECTOR_NAME} (configured with {@code modifier: idf}). Without a keyword
 * vector (empty: a question of stop words, or {@code null}) the request is the dense leg alone.
 */
public final class HybridQuery {
    /** The payload field results are grouped by. */
    public static final String GROUP_BY = "doc_id";
    /** Passages returned per document. */
    public static final int PASSAGES_PER_DOCUMENT = 3;
    /** The least number of candidates each leg contributes to the fusion. */
    public static final int MIN_PREFETCH = 100;

    private HybridQuery() {
    }

    /**
     * Candidates per leg for an answer of {@code results} documents or chunks: at least
     * {@link #MIN_PREFETCH}, and enough for {@value #PASSAGES_PER_DOCUMENT} passages per document
     * with room to spare.
     */
    public static int prefetchLimit(int results) {
        return Math.max(MIN_PREFETCH, results * PASSAGES_PER_DOCUMENT * 4);
    }

    /**
     * A {@code query_groups} request: the best {@code documents} documents, each with up to
     * {@link #PASSAGES_PER_DOCUMENT} passages and its whole payload.
     *
     * @param collection collection or alias
     * @param dense      the question's dense vector, {@code float[dimension]}
     * @param keywords   the question's keyword vector, or null / empty for the dense leg alone
     * @param documents  groups wanted, &gt; 0
     * @param filter     payload filter applied to both legs, or null
     * @throws IllegalArgumentException when {@code documents} ≤ 0
     */
    public static QueryPointGroups groups(String collection, float[] dense, KeywordVector keywords, int documents,
                                          Filter filter) {
        if (documents <= 0) {
            throw new IllegalArgumentException("documents must be positive: " + documents);
        }
        QueryPointGroups.Builder q = QueryPointGroups.newBuilder().setCollectionName(collection)
                .setGroupBy(GROUP_BY).setGroupSize(PASSAGES_PER_DOCUMENT).setLimit(documents)
                .setWithPayload(enable(true));
        if (hybrid(keywords)) {
            q.addAllPrefetch(prefetches(dense, keywords, prefetchLimit(documents), filter))
                    .setQuery(fusion(Fusion.RRF));
        } else {
            q.setQuery(nearest(dense));
        }
        if (filter != null) {
            q.setFilter(filter);
        }
        return q.build();
    }

    /**
     * A {@code query_groups} request on the keyword leg alone: BM25 on the sparse vector
     * {@link KeywordEncoder#VECTOR_NAME}, grouped as {@link #groups}.
     *
     * @param keywords the question's keyword vector, not empty
     * @throws IllegalArgumentException when {@code documents} ≤ 0 or {@code keywords} is empty
     */
    public static QueryPointGroups keywordGroups(String collection, KeywordVector keywords, int documents,
                                                 Filter filter) {
        if (documents <= 0 || !hybrid(keywords)) {
            throw new IllegalArgumentException("need documents > 0 and a non-empty keyword vector");
        }
        QueryPointGroups.Builder q = QueryPointGroups.newBuilder().setCollectionName(collection)
                .setGroupBy(GROUP_BY).setGroupSize(PASSAGES_PER_DOCUMENT).setLimit(documents)
                .setWithPayload(enable(true)).setQuery(nearest(keywords.toQueryInput()))
                .setUsing(KeywordEncoder.VECTOR_NAME);
        if (filter != null) {
            q.setFilter(filter);
        }
        return q.build();
    }

    /**
     * A {@code query} request for the best {@code limit} chunks, fused the same way, whole payloads.
     *
     * @throws IllegalArgumentException when {@code limit} ≤ 0
     */
    public static QueryPoints points(String collection, float[] dense, KeywordVector keywords, int limit,
                                     Filter filter) {
        if (limit <= 0) {
            throw new IllegalArgumentException("limit must be positive: " + limit);
        }
        QueryPoints.Builder q = QueryPoints.newBuilder().setCollectionName(collection).setLimit(limit)
                .setWithPayload(enable(true));
        if (hybrid(keywords)) {
            q.addAllPrefetch(prefetches(dense, keywords, Math.max(MIN_PREFETCH, limit), filter))
                    .setQuery(fusion(Fusion.RRF));
        } else {
            q.setQuery(nearest(dense));
        }
        if (filter != null) {
            q.setFilter(filter);
        }
        return q.build();
    }

    /** True when the request fuses two legs. */
    static boolean hybrid(KeywordVector keywords) {
        return keywords != null && !keywords.isEmpty();
    }

    private static List<PrefetchQuery> prefetches(float[] dense, KeywordVector keywords, int limit, Filter filter) {
        PrefetchQuery.Builder d = PrefetchQuery.newBuilder().setQuery(nearest(dense)).setLimit(limit);
        PrefetchQuery.Builder k = PrefetchQuery.newBuilder().setQuery(nearest(keywords.toQueryInput()))
                .setUsing(KeywordEncoder.VECTOR_NAME).setLimit(limit);
        if (filter != null) {
            d.setFilter(filter);
            k.setFilter(filter);
        }
        return List.of(d.build(), k.build());
    }
}
