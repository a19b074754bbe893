package io.alexandria.search;

import io.alexandria.embedding.Embedder;
import io.alexandria.embedding.EmbeddingException;
import io.alexandria.index.ChunkIndex;
import io.alexandria.index.Payloads;
import io.alexandria.index.QdrantCalls;
import io.alexandria.index.QdrantException;
import io.alexandria.keywords.KeywordEncoder;
import io.alexandria.keywords.KeywordVector;
import io.alexandria.keywords.TextLanguage;
import io.grpc.Status;
import io.qdrant.client.QdrantClient;
import io.qdrant.client.grpc.Common.Filter;
import io.qdrant.client.grpc.Points.GroupId;
import io.qdrant.client.grpc.Points.PointGroup;
import io.qdrant.client.grpc.Points.QueryPointGroups;
import io.qdrant.client.grpc.Points.ScoredPoint;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Hybrid search, answered per document: one Qdrant Query API call ({@link HybridQuery#groups})
 * fuses the dense leg (the question embedded with the model's query instruction,
 * {@link QueryEmbedding}) and the keyword leg (the question's {@link KeywordEncoder} sparse
 * vector against the chunks' {@link KeywordEncoder#VECTOR_NAME} vector, BM25 with Qdrant's IDF)
 * by Reciprocal Rank Fusion, and groups the fused chunks by {@code doc_id}: each document comes
 * with its best {@value HybridQuery#PASSAGES_PER_DOCUMENT} passages and their heading / chapter /
 * page. A question in a language the model does not cover ({@link QueryEmbedding#covers}: a
 * Japanese question with an English-only model) is answered by the keyword leg alone
 * ({@link HybridQuery#keywordGroups}), since fusing in its meaningless dense ranking only pushes
 * the right documents down.
 * <p>
 * Falls back to the dense leg alone, still grouped, when Qdrant answers the hybrid request with
 * UNIMPLEMENTED or INVALID_ARGUMENT (a collection synced before keyword vectors existed has no
 * sparse vector named {@code text}; a server that cannot fuse); it then retries the hybrid request
 * only after {@link #RECHECK}, so an index being upgraded starts answering hybrid on its own.
 * When the server cannot group either (UNIMPLEMENTED), the nearest chunks are grouped here.
 * Thread-safe.
 */
public final class DocumentSearch implements AutoCloseable {
    /** How long the dense leg answers alone after the hybrid request was refused. */
    public static final Duration RECHECK = Duration.ofMinutes(5);
    private static final Logger LOG = LoggerFactory.getLogger(DocumentSearch.class);

    private final QueryEmbedding embedding;
    private final KeywordEncoder encoder;
    private final boolean ownsEncoder;
    private final QdrantClient client;
    private final String collection;
    private volatile long denseOnlyUntilNanos;
    private volatile boolean refused;

    /**
     * Searches the chunk collection in use (alias {@link ChunkIndex#ALIAS}) with {@code embedder}'s
     * model and a keyword encoder of its own (closed by {@link #close()}).
     */
    public DocumentSearch(Embedder embedder, QdrantClient client) {
        this(QueryEmbedding.of(embedder), new KeywordEncoder(), true, client, ChunkIndex.ALIAS);
    }

    /**
     * Searches {@code collection} (a collection or alias); {@code encoder} stays the caller's.
     */
    public DocumentSearch(QueryEmbedding embedding, KeywordEncoder encoder, QdrantClient client, String collection) {
        this(embedding, encoder, false, client, collection);
    }

    private DocumentSearch(QueryEmbedding embedding, KeywordEncoder encoder, boolean ownsEncoder, QdrantClient client,
                           String collection) {
        this.embedding = embedding;
        this.encoder = encoder;
        this.ownsEncoder = ownsEncoder;
        this.client = client;
        this.collection = collection;
    }

    /**
     * The best {@code documents} documents for {@code question}, best first. A question the model
     * does not cover whose words appear in no chunk gets the dense leg's answer (better than none).
     *
     * @param documents documents wanted, &gt; 0
     * @param filter    payload filter, or null
     * @throws EmbeddingException       when the question cannot be embedded
     * @throws QdrantException          when Qdrant fails (NOT_FOUND: nothing indexed yet)
     * @throws IllegalArgumentException when {@code documents} ≤ 0
     */
    public DocumentResults search(String question, int documents, Filter filter) throws EmbeddingException {
        if (documents <= 0) {
            throw new IllegalArgumentException("documents must be positive: " + documents);
        }
        KeywordVector keywords = encoder.query(question);
        boolean keywordLeg = HybridQuery.hybrid(keywords) && System.nanoTime() - denseOnlyUntilNanos >= 0;
        if (keywordLeg && !embedding.covers(TextLanguage.detect(question))) {
            List<DocumentHit> hits = keywordLeg(HybridQuery.keywordGroups(collection, keywords, documents, filter));
            if (hits != null && !hits.isEmpty()) {
                return new DocumentResults(hits, SearchMode.KEYWORDS);
            }
            keywordLeg = false;
        }
        float[] dense = embedding.embed(question);
        if (keywordLeg) {
            List<DocumentHit> hits = keywordLeg(HybridQuery.groups(collection, dense, keywords, documents, filter));
            if (hits != null) {
                return new DocumentResults(hits, SearchMode.HYBRID);
            }
        }
        return new DocumentResults(dense(dense, documents, filter), SearchMode.DENSE);
    }

    /**
     * Sends a request that uses the keyword vector; null when Qdrant refuses it (the dense leg
     * then answers alone until {@link #RECHECK} has passed).
     */
    private List<DocumentHit> keywordLeg(QueryPointGroups request) {
        try {
            List<PointGroup> groups = QdrantCalls.await(client.queryGroupsAsync(request));
            if (refused) {
                refused = false;
                LOG.info("keyword search answers again on {}", collection);
            }
            return fromGroups(groups);
        } catch (QdrantException e) {
            if (!keywordLegRefused(e)) {
                throw e;
            }
            if (!refused) {
                LOG.info("keyword search refused by Qdrant on {} ({}); dense search alone until the index has "
                        + "keyword vectors", collection, e.getMessage());
            }
            refused = true;
            denseOnlyUntilNanos = System.nanoTime() + RECHECK.toNanos();
            return null;
        }
    }

    private List<DocumentHit> dense(float[] dense, int documents, Filter filter) {
        try {
            return fromGroups(QdrantCalls.await(client.queryGroupsAsync(
                    HybridQuery.groups(collection, dense, null, documents, filter))));
        } catch (QdrantException e) {
            if (e.status().getCode() != Status.Code.UNIMPLEMENTED) {
                throw e;
            }
            List<ScoredPoint> points = QdrantCalls.await(client.queryAsync(
                    HybridQuery.points(collection, dense, null, HybridQuery.prefetchLimit(documents), filter)));
            return groupHere(points, documents);
        }
    }

    /**
     * Whether Qdrant's answer means "no keyword leg here": UNIMPLEMENTED (a server without sparse
     * vectors, prefetch or fusion) or INVALID_ARGUMENT (Qdrant's "Not existing vector name" for a
     * collection without the sparse vector).
     */
    static boolean keywordLegRefused(QdrantException e) {
        Status.Code code = e.status().getCode();
        return code == Status.Code.UNIMPLEMENTED || code == Status.Code.INVALID_ARGUMENT;
    }

    /** Documents from Qdrant's groups, in Qdrant's order (best group first). */
    static List<DocumentHit> fromGroups(List<PointGroup> groups) {
        List<DocumentHit> out = new ArrayList<>(groups.size());
        for (PointGroup g : groups) {
            if (g.getHitsCount() == 0) {
                continue;
            }
            List<SearchHit> passages = new ArrayList<>(g.getHitsCount());
            for (ScoredPoint p : g.getHitsList()) {
                passages.add(SearchService.hit(p.getScore(), Payloads.fromPayload(p.getPayloadMap())));
            }
            out.add(document(out.size() + 1, groupId(g.getId()), passages));
        }
        return out;
    }

    /** Groups chunk hits (best first) by {@code doc_id} here: the first {@code documents} documents. */
    static List<DocumentHit> groupHere(List<ScoredPoint> points, int documents) {
        Map<String, List<SearchHit>> groups = new LinkedHashMap<>();
        for (ScoredPoint p : points) {
            Map<String, Object> payload = Payloads.fromPayload(p.getPayloadMap());
            String docId = String.valueOf(payload.get(HybridQuery.GROUP_BY));
            List<SearchHit> passages = groups.get(docId);
            if (passages == null) {
                if (groups.size() == documents) {
                    continue;
                }
                passages = new ArrayList<>();
                groups.put(docId, passages);
            }
            if (passages.size() < HybridQuery.PASSAGES_PER_DOCUMENT) {
                passages.add(SearchService.hit(p.getScore(), payload));
            }
        }
        List<DocumentHit> out = new ArrayList<>(groups.size());
        for (var e : groups.entrySet()) {
            out.add(document(out.size() + 1, e.getKey(), e.getValue()));
        }
        return out;
    }

    private static DocumentHit document(int rank, String docId, List<SearchHit> passages) {
        SearchHit best = passages.getFirst();
        Object author = best.payload().get("author");
        return new DocumentHit(rank, docId, best.score(), best.title(), best.source(), best.sourceId(),
                best.filePath(), author == null ? null : author.toString(), passages);
    }

    private static String groupId(GroupId id) {
        return switch (id.getKindCase()) {
            case STRING_VALUE -> id.getStringValue();
            case INTEGER_VALUE -> Long.toString(id.getIntegerValue());
            case UNSIGNED_VALUE -> Long.toUnsignedString(id.getUnsignedValue());
            case KIND_NOT_SET -> "";
        };
    }

    /** Closes the keyword encoder when this search made it. */
    @Override
    public void close() {
        if (ownsEncoder) {
            encoder.close();
        }
    }
}
