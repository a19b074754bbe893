package io.alexandria.keywords;

import static io.qdrant.client.PointIdFactory.id;
import static io.qdrant.client.VectorFactory.vector;
import static io.qdrant.client.VectorsFactory.namedVectors;

import io.qdrant.client.grpc.Collections.CollectionInfo;
import io.qdrant.client.grpc.Collections.Modifier;
import io.qdrant.client.grpc.Collections.SparseVectorConfig;
import io.qdrant.client.grpc.Collections.SparseVectorParams;
import io.qdrant.client.grpc.Points.CreateVectorNameRequest;
import io.qdrant.client.grpc.Points.PointVectors;
import io.qdrant.client.grpc.Points.SparseVectorCreationConfig;
import io.qdrant.client.grpc.Points.Vector;
import io.qdrant.client.grpc.Points.Vectors;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/**
 * How keyword vectors sit in a chunk collection: beside the collection's unnamed dense vector
 * (cosine), the named sparse vector {@link KeywordEncoder#VECTOR_NAME} with
 * {@code modifier: idf}, so that Qdrant computes each term's IDF over every point of the
 * collection (all hosts). Builders for the requests the engine sends; nothing here talks to Qdrant.
 */
public final class KeywordSchema {
    /** The name Qdrant gives a collection's unnamed (default) vector in a named-vector map. */
    public static final String DENSE_VECTOR_NAME = "";

    private KeywordSchema() {
    }

    /** The {@code sparse_vectors_config} of a new chunk collection: {@code {"text": {modifier: idf}}}. */
    public static SparseVectorConfig sparseVectorsConfig() {
        return SparseVectorConfig.newBuilder().putMap(KeywordEncoder.VECTOR_NAME,
                SparseVectorParams.newBuilder().setModifier(Modifier.Idf).build()).build();
    }

    /**
     * The request that adds the keyword vector to an existing collection without touching its
     * points (Qdrant ≥ 1.18, {@code Points/CreateVectorName}, {@code wait=true}); points then get
     * their keyword vectors by {@link #keywordUpdate} (no re-embedding).
     */
    public static CreateVectorNameRequest addToCollection(String collection) {
        return CreateVectorNameRequest.newBuilder().setCollectionName(collection).setWait(true)
                .setVectorName(KeywordEncoder.VECTOR_NAME)
                .setSparseConfig(SparseVectorCreationConfig.newBuilder().setModifier(Modifier.Idf)).build();
    }

    /** Whether a collection (its {@code get collection} answer) declares the keyword vector with the IDF modifier. */
    public static boolean declaredIn(CollectionInfo info) {
        SparseVectorParams p = info.getConfig().getParams().getSparseVectorsConfig().getMapMap()
                .get(KeywordEncoder.VECTOR_NAME);
        return p != null && p.getModifier() == Modifier.Idf;
    }

    /**
     * A chunk point's vectors: the dense vector under the unnamed name {@value #DENSE_VECTOR_NAME}
     * and the keyword vector under {@link KeywordEncoder#VECTOR_NAME}, left out when empty (a
     * chunk of stop words only; Qdrant refuses an empty sparse vector in some versions).
     *
     * @param dense {@code float[dimension]} of the collection's model
     */
    public static Vectors pointVectors(float[] dense, KeywordVector keywords) {
        Map<String, Vector> named = new LinkedHashMap<>();
        named.put(DENSE_VECTOR_NAME, vector(dense));
        if (keywords != null && !keywords.isEmpty()) {
            named.put(KeywordEncoder.VECTOR_NAME, keywords.toVector());
        }
        return namedVectors(named);
    }

    /**
     * The vector update that sets only the keyword vector of one point ({@code Points/UpdateVectors}
     * leaves its dense vector and payload as they are): the backfill of an index synced before
     * keyword vectors existed.
     *
     * @throws IllegalArgumentException when {@code keywords} is empty (there is nothing to set)
     */
    public static PointVectors keywordUpdate(UUID pointId, KeywordVector keywords) {
        if (keywords.isEmpty()) {
            throw new IllegalArgumentException("an empty keyword vector is not stored");
        }
        return PointVectors.newBuilder().setId(id(pointId))
                .setVectors(namedVectors(Map.of(KeywordEncoder.VECTOR_NAME, keywords.toVector()))).build();
    }
}
