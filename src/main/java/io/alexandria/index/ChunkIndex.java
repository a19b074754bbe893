package io.alexandria.index;

import static io.qdrant.client.ConditionFactory.matchKeyword;
import static io.qdrant.client.ConditionFactory.matchKeywords;
import static io.qdrant.client.PointIdFactory.id;
import static io.qdrant.client.QueryFactory.nearest;
import static io.qdrant.client.VectorsFactory.vectors;
import static io.qdrant.client.WithPayloadSelectorFactory.enable;

import io.alexandria.embedding.ModelSpec;
import io.grpc.Status;
import io.qdrant.client.QdrantClient;
import io.qdrant.client.grpc.Collections.CollectionInfo;
import io.qdrant.client.grpc.Collections.CollectionOperationResponse;
import io.qdrant.client.grpc.Collections.CreateCollection;
import io.qdrant.client.grpc.Collections.Distance;
import io.qdrant.client.grpc.Collections.PayloadSchemaType;
import io.qdrant.client.grpc.Collections.VectorParams;
import io.qdrant.client.grpc.Collections.VectorsConfig;
import io.qdrant.client.grpc.Common.Filter;
import io.qdrant.client.grpc.Common.PointId;
import io.qdrant.client.grpc.JsonWithInt.Value;
import io.qdrant.client.grpc.Points.FacetCounts;
import io.qdrant.client.grpc.Points.FacetHit;
import io.qdrant.client.grpc.Points.PointStruct;
import io.qdrant.client.grpc.Points.QueryPoints;
import io.qdrant.client.grpc.Points.RetrievedPoint;
import io.qdrant.client.grpc.Points.ScoredPoint;
import io.qdrant.client.grpc.Points.ScrollPoints;
import io.qdrant.client.grpc.Points.UpsertPoints;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * The chunk collection of one model in Qdrant: one point per chunk, vector {@code float[dim]}
 * (cosine), payload as {@link ChunkPayload} builds it. The collection's name carries the model and
 * dimension ({@code alexandria_<model>_<dim>}) and the stable alias {@link #ALIAS} points at the
 * collection in use, so search keeps working while another model's collection is built.
 * Payload fields and indexes: {@code docs/architecture.md}, "Chunk payload".
 *
 * <p>A write that Qdrant answers with NOT_FOUND (the collection was deleted, or Qdrant restarted
 * empty) is reported to the {@link #onMissing} listener (the engine's {@link IndexGuardian}, which
 * re-creates the collection and queues the lost points) and thrown as a transient
 * {@link QdrantException} (UNAVAILABLE), so the stage waits with its work queued instead of failing
 * documents ({@code docs/architecture.md}, "Healing the index").
 */
public final class ChunkIndex {
    /** The alias search goes through. */
    public static final String ALIAS = "alexandria_chunks";
    /** Points per upsert request (Qdrant guidance: 64–256). */
    public static final int UPSERT_BATCH = 128;

    /** Keyword-indexed payload fields (the fields the app filters on). */
    static final List<String> KEYWORD_FIELDS = List.of("doc_id", "source", "source_id", "file_path", "content_hash",
            "tags", "hostname", "model", "library_id", "vault", "vault_id", "format");
    /** Documents per filtered request when counting or tagging many documents. */
    private static final int DOCUMENTS_PER_REQUEST = 1000;
    /** Integer-indexed payload fields. */
    static final List<String> INTEGER_FIELDS = List.of("book_id", "chunk_ordinal", "file_size");

    private final QdrantClient client;
    private final String collection;
    private final ModelSpec model;
    private volatile boolean ensured;
    private volatile Runnable onMissing = () -> { };

    public ChunkIndex(QdrantClient client, ModelSpec model) {
        this.client = client;
        this.model = model;
        this.collection = collectionName(model);
    }

    /**
     * {@code alexandria_<model key, non-alphanumerics as '_'>_<dimension>}, the key being
     * {@link ModelSpec#key()}: the model id, plus a digest of the passage prefix when the model has
     * one (a model whose passage prefix changed writes another collection). For a model without a
     * passage prefix (the bundled default) this is {@code alexandria_<model id>_<dimension>}, as it
     * always was.
     */
    public static String collectionName(ModelSpec model) {
        String id = model.key().toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "_");
        return "alexandria_" + id + "_" + model.dimension();
    }

    /** The client this index talks through. */
    public QdrantClient client() {
        return client;
    }

    /** This model's collection name. */
    public String collection() {
        return collection;
    }

    /** The model whose vectors the collection holds. */
    public ModelSpec model() {
        return model;
    }

    /**
     * What {@link #check()} found missing and re-created.
     *
     * @param collectionCreated the collection did not exist and was created (empty)
     * @param aliasCreated      the search alias {@link #ALIAS} was missing and now points here
     * @param indexesCreated    payload indexes that were missing, by field
     */
    public record Check(boolean collectionCreated, boolean aliasCreated, List<String> indexesCreated) {
        public Check {
            indexesCreated = List.copyOf(indexesCreated);
        }

        /** Whether anything was missing. */
        public boolean repaired() {
            return collectionCreated || aliasCreated || !indexesCreated.isEmpty();
        }
    }

    /**
     * Creates the collection with its payload indexes when missing, and points the alias at it
     * when the alias does not exist yet.
     *
     * @return true when the collection was created by this call
     * @throws QdrantException when Qdrant rejects a request or is unreachable
     */
    public boolean ensure() {
        return check().collectionCreated();
    }

    /**
     * Checks the collection, its payload indexes and the search alias, and re-creates whatever is
     * missing (a collection deleted by hand, a Qdrant restarted empty, indexes never made). An
     * alias that points at another collection (a model switch elsewhere) is left alone.
     *
     * @throws QdrantException when Qdrant rejects a request or is unreachable
     */
    public Check check() {
        boolean created = false;
        List<String> indexes = new ArrayList<>();
        if (!QdrantCalls.await(client.collectionExistsAsync(collection))) {
            try {
                CollectionOperationResponse r = QdrantCalls.await(client.createCollectionAsync(CreateCollection.newBuilder()
                        .setCollectionName(collection)
                        .setVectorsConfig(VectorsConfig.newBuilder().setParams(VectorParams.newBuilder()
                                .setSize(model.dimension()).setDistance(Distance.Cosine)))
                        .setOnDiskPayload(true)
                        .build()));
                created = r.getResult();
            } catch (QdrantException e) {
                if (e.status().getCode() != Status.Code.ALREADY_EXISTS) {
                    throw e;
                }
            }
        }
        CollectionInfo info = QdrantCalls.await(client.getCollectionInfoAsync(collection));
        for (Map.Entry<String, PayloadSchemaType> index : payloadIndexes().entrySet()) {
            if (!info.getPayloadSchemaMap().containsKey(index.getKey())) {
                createIndex(index.getKey(), index.getValue());
                indexes.add(index.getKey());
            }
        }
        boolean aliasCreated = false;
        List<String> aliases = QdrantCalls.await(client.listAliasesAsync()).stream()
                .filter(a -> a.getAliasName().equals(ALIAS)).map(a -> a.getCollectionName()).toList();
        if (aliases.isEmpty()) {
            try {
                QdrantCalls.await(client.createAliasAsync(ALIAS, collection));
                aliasCreated = true;
            } catch (QdrantException e) {
                if (e.status().getCode() != Status.Code.ALREADY_EXISTS) {
                    throw e;
                }
            }
        }
        ensured = true;
        return new Check(created, aliasCreated, indexes);
    }

    /** The payload indexes the collection needs, by field ({@code docs/architecture.md}, "Chunk payload"). */
    public static Map<String, PayloadSchemaType> payloadIndexes() {
        Map<String, PayloadSchemaType> out = new LinkedHashMap<>();
        for (String field : KEYWORD_FIELDS) {
            out.put(field, PayloadSchemaType.Keyword);
        }
        for (String field : INTEGER_FIELDS) {
            out.put(field, PayloadSchemaType.Integer);
        }
        out.put("modified_at", PayloadSchemaType.Datetime);
        out.put("text", PayloadSchemaType.Text);
        return out;
    }

    /**
     * Sets the listener told when a write finds the collection missing (NOT_FOUND); called on the
     * writing thread, it must return quickly.
     */
    public void onMissing(Runnable listener) {
        this.onMissing = listener == null ? () -> { } : listener;
    }

    /** Forgets that the collection was ensured: the next {@link #ensureOnce()} checks again. */
    public void forgetEnsured() {
        ensured = false;
    }

    /** {@link #ensure()} once per instance (later calls return at once). */
    public void ensureOnce() {
        if (!ensured) {
            ensure();
            ensured = true;
        }
    }

    private void createIndex(String field, PayloadSchemaType type) {
        QdrantCalls.await(client.createPayloadIndexAsync(collection, field, type, null, true, null, null));
    }

    /**
     * Upserts points in batches of {@link #UPSERT_BATCH}, each with {@code wait=true}, retrying
     * transient failures ({@link QdrantRetry}).
     *
     * @throws QdrantException when a batch fails (earlier batches stay written: upserts are
     *                         idempotent, so the caller simply retries everything)
     */
    public void upsert(List<PointStruct> points) {
        for (int from = 0; from < points.size(); from += UPSERT_BATCH) {
            List<PointStruct> batch = points.subList(from, Math.min(points.size(), from + UPSERT_BATCH));
            UpsertPoints request = UpsertPoints.newBuilder().setCollectionName(collection).addAllPoints(batch)
                    .setWait(true).build();
            guarded(() -> QdrantRetry.call(() -> QdrantCalls.await(client.upsertAsync(request))));
        }
    }

    /** A point with its vector and payload. */
    public static PointStruct point(UUID id, float[] vector, Map<String, Value> payload) {
        return PointStruct.newBuilder().setId(id(id)).setVectors(vectors(vector)).putAllPayload(payload).build();
    }

    /** Deletes points by id ({@code wait=true}), in batches of 1,000. */
    public void delete(Collection<UUID> pointIds) {
        List<UUID> all = new ArrayList<>(pointIds);
        for (int from = 0; from < all.size(); from += 1000) {
            List<PointId> ids = all.subList(from, Math.min(all.size(), from + 1000)).stream().map(u -> id(u)).toList();
            guarded(() -> QdrantRetry.call(() -> QdrantCalls.await(client.deleteAsync(collection, ids))));
        }
    }

    /** Deletes every point of one document ({@code doc_id} filter, wait=true). */
    public void deleteDocument(UUID docId) {
        guarded(() -> QdrantCalls.await(client.deleteAsync(collection, byDocument(docId))));
    }

    /**
     * Deletes the points of one document that also match {@code owner} (e.g. {@link Ownership#of}):
     * a repair never removes a point of a source this host does not sync.
     */
    public void deleteDocument(UUID docId, Filter owner) {
        Filter f = byDocument(docId).toBuilder().addMust(io.qdrant.client.ConditionFactory.filter(owner)).build();
        guarded(() -> QdrantCalls.await(client.deleteAsync(collection, f)));
    }

    /** Sets (merges) payload fields on every point of one document ({@code doc_id} filter, wait=true). */
    public void setDocumentPayload(UUID docId, Map<String, Value> payload) {
        guarded(() -> QdrantCalls.await(client.setPayloadAsync(collection, payload, byDocument(docId), true, null,
                null)));
    }

    /**
     * Sets (merges) payload fields on every point of the given documents, in requests of 1,000
     * documents ({@code doc_id} filter, wait=true): e.g. the identity of their source.
     */
    public void setPayload(Collection<UUID> docIds, Map<String, Value> payload) {
        for (List<String> batch : batches(docIds)) {
            Filter f = Filter.newBuilder().addMust(matchKeywords("doc_id", batch)).build();
            guarded(() -> QdrantCalls.await(client.setPayloadAsync(collection, payload, f, true, null, null)));
        }
    }

    /** Exact number of points of one document. */
    public long countDocument(UUID docId) {
        return QdrantCalls.await(client.countAsync(collection, byDocument(docId), true));
    }

    /**
     * Exact point counts per {@code doc_id} (Facet API on the keyword-indexed {@code doc_id}),
     * for up to {@code limit} documents.
     */
    public Map<String, Long> countsByDocument(long limit) {
        Map<String, Long> out = new java.util.HashMap<>();
        for (FacetHit hit : QdrantCalls.await(client.facetAsync(FacetCounts.newBuilder().setCollectionName(collection)
                .setKey("doc_id").setLimit(limit).setExact(true).build()))) {
            out.put(hit.getValue().getStringValue(), hit.getCount());
        }
        return out;
    }

    /**
     * Exact point counts of the given documents (Facet API on {@code doc_id}, narrowed to them by a
     * filter, 1,000 documents per request), so other hosts' documents never crowd them out;
     * documents without points are absent.
     */
    public Map<UUID, Long> countsOf(Collection<UUID> docIds) {
        return countsOf(docIds, null);
    }

    /** Like {@link #countsOf(Collection)}, counting only the points that also match {@code also} (null: all). */
    public Map<UUID, Long> countsOf(Collection<UUID> docIds, Filter also) {
        Map<UUID, Long> out = new HashMap<>();
        for (List<String> batch : batches(docIds)) {
            Filter.Builder fb = Filter.newBuilder().addMust(matchKeywords("doc_id", batch));
            if (also != null) {
                fb.addMust(io.qdrant.client.ConditionFactory.filter(also));
            }
            Filter f = fb.build();
            for (FacetHit hit : QdrantCalls.await(client.facetAsync(FacetCounts.newBuilder()
                    .setCollectionName(collection).setKey("doc_id").setFilter(f).setLimit(batch.size())
                    .setExact(true).build()))) {
                out.put(UUID.fromString(hit.getValue().getStringValue()), hit.getCount());
            }
        }
        return out;
    }

    /**
     * Exact point counts per {@code doc_id} among the points matching {@code filter}, for up to
     * {@code limit} documents.
     */
    public Map<String, Long> countsByDocument(Filter filter, long limit) {
        Map<String, Long> out = new HashMap<>();
        for (FacetHit hit : QdrantCalls.await(client.facetAsync(FacetCounts.newBuilder().setCollectionName(collection)
                .setKey("doc_id").setFilter(filter).setLimit(limit).setExact(true).build()))) {
            out.put(hit.getValue().getStringValue(), hit.getCount());
        }
        return out;
    }

    /** Exact number of points in the collection. */
    public long count() {
        return QdrantCalls.await(client.countAsync(collection, Filter.getDefaultInstance(), true));
    }

    /** Exact number of points matching {@code filter}. */
    public long count(Filter filter) {
        return QdrantCalls.await(client.countAsync(collection, filter, true));
    }

    /**
     * The payload of one point of a document (the fields named), or an empty map when it has none:
     * what a repair reads before deciding about a document its ledger does not know.
     */
    public Map<String, Object> documentPayload(UUID docId, List<String> fields) {
        ScrollPoints request = ScrollPoints.newBuilder().setCollectionName(collection).setFilter(byDocument(docId))
                .setLimit(1).setWithPayload(io.qdrant.client.WithPayloadSelectorFactory.include(fields)).build();
        List<RetrievedPoint> points = QdrantCalls.await(client.scrollAsync(request)).getResultList();
        return points.isEmpty() ? Map.of() : Payloads.fromPayload(points.getFirst().getPayloadMap());
    }

    /**
     * Runs a write; a NOT_FOUND answer (the collection is gone) is reported to {@link #onMissing}
     * and thrown as a transient UNAVAILABLE failure, so the caller waits rather than fails.
     */
    private <T> T guarded(Supplier<T> write) {
        try {
            return write.get();
        } catch (QdrantException e) {
            if (e.status().getCode() != Status.Code.NOT_FOUND) {
                throw e;
            }
            ensured = false;
            try {
                onMissing.run();
            } catch (RuntimeException listenerFailure) {
                e.addSuppressed(listenerFailure);
            }
            throw new QdrantException(Status.UNAVAILABLE.withDescription("the collection " + collection
                    + " is missing — it is being re-created and its points restored"), e);
        }
    }

    private static List<List<String>> batches(Collection<UUID> ids) {
        List<String> all = ids.stream().map(UUID::toString).toList();
        List<List<String>> out = new ArrayList<>();
        for (int from = 0; from < all.size(); from += DOCUMENTS_PER_REQUEST) {
            out.add(all.subList(from, Math.min(all.size(), from + DOCUMENTS_PER_REQUEST)));
        }
        return out;
    }

    /**
     * Nearest chunks to {@code vector} by cosine similarity, best first, through the alias.
     *
     * @param vector {@code float[dimension]}, L2-normalised
     * @param filter optional payload filter ({@code null} for none)
     */
    public List<ScoredPoint> search(float[] vector, int limit, Filter filter) {
        QueryPoints.Builder q = QueryPoints.newBuilder().setCollectionName(collection).setQuery(nearest(vector))
                .setLimit(limit).setWithPayload(enable(true));
        if (filter != null) {
            q.setFilter(filter);
        }
        return QdrantCalls.await(client.queryAsync(q.build()));
    }

    /** A filter matching every point of one document. */
    public static Filter byDocument(UUID docId) {
        return Filter.newBuilder().addMust(matchKeyword("doc_id", docId.toString())).build();
    }
}
