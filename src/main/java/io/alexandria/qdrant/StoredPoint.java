package io.alexandria.qdrant;

import io.qdrant.client.grpc.JsonWithInt.Value;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One stored point: immutable, so readers can hold it without a lock.
 *
 * @param id      the point id
 * @param payload the payload exactly as received (protobuf {@link Value}s keep integers, doubles,
 *                nulls, lists and nested structs apart)
 * @param vectors the dense vectors by name ({@code ""} is the unnamed default vector), already
 *                normalised for Cosine; a point read without its vectors maps each name to
 *                {@link #NOT_LOADED}
 * @param sparse  the sparse vectors by name
 * @param version the number of the collection operation that last changed the point
 */
public record StoredPoint(PointKey id, Map<String, Value> payload, Map<String, float[]> vectors,
                          Map<String, SparseVector> sparse, long version) {

    /** Marks a dense vector that exists but was not read from storage. */
    public static final float[] NOT_LOADED = new float[0];

    /** Wraps the maps read-only. */
    public StoredPoint {
        payload = Collections.unmodifiableMap(new LinkedHashMap<>(payload));
        vectors = Collections.unmodifiableMap(new LinkedHashMap<>(vectors));
        sparse = Collections.unmodifiableMap(new LinkedHashMap<>(sparse));
    }

    /** The same point with another payload, written by operation {@code op}. */
    StoredPoint withPayload(Map<String, Value> newPayload, long op) {
        return new StoredPoint(id, newPayload, vectors, sparse, op);
    }

    /** Whether the point has a vector (dense or sparse) of this name. */
    boolean hasVector(String name) {
        return vectors.containsKey(name) || sparse.containsKey(name);
    }
}
