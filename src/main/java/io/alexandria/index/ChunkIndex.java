package io.alexandria.index;

import static io.qdrant.client.ConditionFactory.matchKeyword;
import static io.qdrant.client.PointIdFactory.id;
import static io.qdrant.client.QueryFactory.nearest;
import static io.qdrant.client.VectorsFactory.vectors;
import static io.qdrant.client.WithPayloadSelectorFactory.enable;

import io.alexandria.embedding.ModelSpec;
import io.grpc.Status;
import io.qdrant.client.QdrantClient;
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
import io.qdrant.client.grpc.Points.ScoredPoint;
import io.qdrant.client.grpc.Points.UpsertPoints;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

/**
 * The chunk collection of one model in Qdrant: one point per chunk, vector {@code float[dim]}
 * (cosine), payload as {@link ChunkPayload} builds it. The collection's name carries the model and
 * dimension ({@code alexandria_<model>_<dim>}) and the stable alias {@link #ALIAS} points at the
 * collection in use, so search keeps working while another model's collection is built.
 * Payload fields and indexes: {@code docs/architecture.md}, "Chunk payload".
 */
public final class ChunkIndex {
    /** The alias search goes through. */
    public static final String ALIAS = "alexandria_chunks";
    /** Points per upsert request (Qdrant guidance: 64–256). */
    public static final int UPSERT_BATCH = 128;

    /** Keyword-indexed payload fields (the fields the app filters on). */
    static final List<String> KEYWORD_FIELDS = List.of("doc_id", "source", "source_id", "file_path", "content_hash",
            "tags", "hostname", "model", "library_id", "vault", "format");
    /** Integer-indexed payload fields. */
    static final List<String> INTEGER_FIELDS = List.of("book_id", "chunk_ordinal", "file_size");

    private final QdrantClient client;
    private final String collection;
    private final ModelSpec model;
    private volatile boolean ensured;

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
     * Creates the collection with its payload indexes when missing, and points the alias at it
     * when the alias does not exist yet.
     *
     * @return true when the collection was created by this call
     * @throws QdrantException when Qdrant rejects a request or is unreachable
     */
    public boolean ensure() {
        boolean created = false;
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
            for (String field : KEYWORD_FIELDS) {
                createIndex(field, PayloadSchemaType.Keyword);
            }
            for (String field : INTEGER_FIELDS) {
                createIndex(field, PayloadSchemaType.Integer);
            }
            createIndex("modified_at", PayloadSchemaType.Datetime);
            createIndex("text", PayloadSchemaType.Text);
        }
        List<String> aliases = QdrantCalls.await(client.listAliasesAsync()).stream()
                .filter(a -> a.getAliasName().equals(ALIAS)).map(a -> a.getCollectionName()).toList();
        if (aliases.isEmpty()) {
            try {
                QdrantCalls.await(client.createAliasAsync(ALIAS, collection));
            } catch (QdrantException e) {
                if (e.status().getCode() != Status.Code.ALREADY_EXISTS) {
                    throw e;
                }
            }
        }
        return created;
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
            QdrantRetry.run(() -> QdrantCalls.await(client.upsertAsync(request)));
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
            QdrantRetry.run(() -> QdrantCalls.await(client.deleteAsync(collection, ids)));
        }
    }

    /** Deletes every point of one document ({@code doc_id} filter, wait=true). */
    public void deleteDocument(UUID docId) {
        QdrantCalls.await(client.deleteAsync(collection, byDocument(docId)));
    }

    /** Sets (merges) payload fields on every point of one document ({@code doc_id} filter, wait=true). */
    public void setDocumentPayload(UUID docId, Map<String, Value> payload) {
        QdrantCalls.await(client.setPayloadAsync(collection, payload, byDocument(docId), true, null, null));
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

    /** Exact number of points in the collection. */
    public long count() {
        return QdrantCalls.await(client.countAsync(collection, Filter.getDefaultInstance(), true));
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
