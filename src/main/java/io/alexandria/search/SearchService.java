package io.alexandria.search;

import static io.qdrant.client.ConditionFactory.matchText;
import static io.qdrant.client.QueryFactory.nearest;
import static io.qdrant.client.WithPayloadSelectorFactory.enable;

import io.alexandria.embedding.Embedder;
import io.alexandria.embedding.EmbeddingException;
import io.alexandria.index.ChunkIndex;
import io.alexandria.index.Payloads;
import io.alexandria.index.QdrantCalls;
import io.qdrant.client.QdrantClient;
import io.qdrant.client.grpc.Common.Filter;
import io.qdrant.client.grpc.Points.QueryPoints;
import io.qdrant.client.grpc.Points.ScoredPoint;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Search: embeds the question with the model in use and asks Qdrant for the nearest chunks
 * (cosine) through the stable alias {@link ChunkIndex#ALIAS}, so a collection being rebuilt for
 * another model never interrupts search. It is a small hybrid: chunks that contain every word of
 * the question (Qdrant full-text {@code match text} on the {@code text} payload index) come first,
 * ranked by similarity, then the purely semantic hits. A pasted sentence thus finds the note it
 * came from even when shorter chunks elsewhere are semantically closer; a natural question, whose
 * words rarely all appear in one chunk, gets plain semantic search.
 */
public final class SearchService {
    /** Questions with at least this many words also try an exact all-words text match. */
    static final int MIN_WORDS_FOR_TEXT_MATCH = 4;
    private final Embedder embedder;
    private final QdrantClient client;

    public SearchService(Embedder embedder, QdrantClient client) {
        this.embedder = embedder;
        this.client = client;
    }

    /**
     * The {@code limit} best chunks for {@code question}, best first.
     *
     * @param filter optional payload filter, or null
     * @throws EmbeddingException when the question cannot be embedded
     * @throws io.alexandria.index.QdrantException when Qdrant fails (NOT_FOUND: nothing indexed)
     */
    public List<SearchHit> search(String question, int limit, Filter filter) throws EmbeddingException {
        float[] vector = embedder.embedQuery(question);
        Map<String, SearchHit> hits = new LinkedHashMap<>();
        if (question.strip().split("\\s+").length >= MIN_WORDS_FOR_TEXT_MATCH) {
            Filter.Builder exact = filter == null ? Filter.newBuilder() : filter.toBuilder();
            exact.addMust(matchText("text", question.strip()));
            collect(query(vector, limit, exact.build()), hits);
        }
        collect(query(vector, limit, filter), hits);
        return hits.values().stream().limit(limit).toList();
    }

    private List<ScoredPoint> query(float[] vector, int limit, Filter filter) {
        QueryPoints.Builder q = QueryPoints.newBuilder().setCollectionName(ChunkIndex.ALIAS).setQuery(nearest(vector))
                .setLimit(limit).setWithPayload(enable(true));
        if (filter != null) {
            q.setFilter(filter);
        }
        return QdrantCalls.await(client.queryAsync(q.build()));
    }

    private static void collect(List<ScoredPoint> points, Map<String, SearchHit> into) {
        for (ScoredPoint p : points) {
            String id = p.getId().hasUuid() ? p.getId().getUuid() : Long.toString(p.getId().getNum());
            into.putIfAbsent(id, hit(p.getScore(), Payloads.fromPayload(p.getPayloadMap())));
        }
    }

    static SearchHit hit(double score, Map<String, Object> payload) {
        Object page = payload.get("page");
        return new SearchHit(score, str(payload.get("title")), str(payload.get("source")),
                str(payload.get("source_id")), str(payload.get("file_path")), str(payload.get("text")),
                str(payload.get("heading")), str(payload.get("chapter")),
                page instanceof Number n ? n.intValue() : null, payload);
    }

    private static String str(Object o) {
        return o == null ? null : o.toString();
    }
}
