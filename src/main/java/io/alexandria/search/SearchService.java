package io.alexandria.search;

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
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Semantic search: embeds the question with the model in use and asks Qdrant for the nearest
 * chunks (cosine, exact ranking by score) through the stable alias {@link ChunkIndex#ALIAS}, so a
 * collection being rebuilt for another model never interrupts search.
 */
public final class SearchService {
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
        float[] vector = embedder.embed(List.of(question))[0];
        QueryPoints.Builder q = QueryPoints.newBuilder().setCollectionName(ChunkIndex.ALIAS).setQuery(nearest(vector))
                .setLimit(limit).setWithPayload(enable(true));
        if (filter != null) {
            q.setFilter(filter);
        }
        List<SearchHit> hits = new ArrayList<>();
        for (ScoredPoint p : QdrantCalls.await(client.queryAsync(q.build()))) {
            hits.add(hit(p.getScore(), Payloads.fromPayload(p.getPayloadMap())));
        }
        return hits;
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
