package io.alexandria.qdrant;

import io.qdrant.client.grpc.JsonWithInt.Value;
import io.qdrant.client.grpc.Points.DenseVector;
import io.qdrant.client.grpc.Points.NamedVectorsOutput;
import io.qdrant.client.grpc.Points.OrderValue;
import io.qdrant.client.grpc.Points.RetrievedPoint;
import io.qdrant.client.grpc.Points.ScoredPoint;
import io.qdrant.client.grpc.Points.VectorOutput;
import io.qdrant.client.grpc.Points.VectorsOutput;
import io.qdrant.client.grpc.Points.WithPayloadSelector;
import io.qdrant.client.grpc.Points.WithVectorsSelector;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * How points are returned: payload and vector selection, and the gRPC result messages.
 *
 * <p>Payload: {@code enable} all or nothing; {@code include} keeps the listed key paths (nested
 * keys keep the objects leading to them); {@code exclude} removes them. When the request has no
 * selector Qdrant's defaults apply: payload for scroll, none for get, search and query. Vectors are
 * returned only when asked for; a dense vector is written to {@code VectorOutput.dense} and a
 * sparse one to {@code VectorOutput.sparse}, as Qdrant 1.17+ does
 * ({@code lib/api/src/conversions/vectors.rs}; read them with {@code VectorOutputHelper}).
 */
final class PointViews {
    private PointViews() {
    }

    /** The payload as the selector asks; {@code selector} null or unset means {@code defaultAll}. */
    static Map<String, Value> payload(Map<String, Value> payload, WithPayloadSelector selector, boolean defaultAll) {
        if (selector == null) {
            return defaultAll ? payload : Map.of();
        }
        return switch (selector.getSelectorOptionsCase()) {
            case ENABLE -> selector.getEnable() ? payload : Map.of();
            case INCLUDE -> {
                Map<String, Value> out = new LinkedHashMap<>();
                selector.getInclude().getFieldsList().forEach(f -> JsonPath.parse(f).project(payload, out));
                yield out;
            }
            case EXCLUDE -> {
                Map<String, Value> out = payload;
                for (String f : selector.getExclude().getFieldsList()) {
                    out = JsonPath.parse(f).remove(out);
                }
                yield out;
            }
            default -> defaultAll ? payload : Map.of();
        };
    }

    /**
     * The vectors output, or null when no vectors are requested: the unnamed vector alone, or the
     * named dense and sparse vectors the selector asks for.
     */
    static VectorsOutput vectors(StoredPoint p, WithVectorsSelector selector, boolean unnamed) {
        if (selector == null) {
            return null;
        }
        java.util.function.Predicate<String> wanted = switch (selector.getSelectorOptionsCase()) {
            case ENABLE -> n -> selector.getEnable();
            case INCLUDE -> selector.getInclude().getNamesList()::contains;
            default -> n -> false;
        };
        if (selector.getSelectorOptionsCase() == WithVectorsSelector.SelectorOptionsCase.ENABLE && !selector.getEnable()) {
            return null;
        }
        if (selector.getSelectorOptionsCase() == WithVectorsSelector.SelectorOptionsCase.SELECTOROPTIONS_NOT_SET) {
            return null;
        }
        if (unnamed && p.sparse().isEmpty()) {
            float[] v = p.vectors().get("");
            if (v == null || !wanted.test("")) {
                return null;
            }
            return VectorsOutput.newBuilder().setVector(output(v)).build();
        }
        NamedVectorsOutput.Builder named = NamedVectorsOutput.newBuilder();
        p.vectors().forEach((n, v) -> {
            if (wanted.test(n)) {
                named.putVectors(n, output(v));
            }
        });
        p.sparse().forEach((n, v) -> {
            if (wanted.test(n)) {
                named.putVectors(n, output(v));
            }
        });
        return VectorsOutput.newBuilder().setVectors(named).build();
    }

    /** A dense vector as Qdrant 1.17+ answers it: in {@code VectorOutput.dense}. */
    private static VectorOutput output(float[] v) {
        DenseVector.Builder d = DenseVector.newBuilder();
        for (float x : v) {
            d.addData(x);
        }
        return VectorOutput.newBuilder().setDense(d).build();
    }

    /** A sparse vector as Qdrant answers it: in {@code VectorOutput.sparse}, indices ascending. */
    private static VectorOutput output(SparseVector v) {
        io.qdrant.client.grpc.Points.SparseVector.Builder s = io.qdrant.client.grpc.Points.SparseVector.newBuilder();
        for (int i = 0; i < v.indices().length; i++) {
            s.addIndices(v.indices()[i]).addValues(v.values()[i]);
        }
        return VectorOutput.newBuilder().setSparse(s).build();
    }

    /** A retrieved point (get, scroll). */
    static RetrievedPoint retrieved(StoredPoint p, WithPayloadSelector payload, boolean defaultPayload,
                                    WithVectorsSelector vectors, boolean unnamed, OrderValue orderValue) {
        RetrievedPoint.Builder b = RetrievedPoint.newBuilder()
                .setId(p.id().toProto())
                .putAllPayload(payload(p.payload(), payload, defaultPayload));
        VectorsOutput out = vectors(p, vectors, unnamed);
        if (out != null) {
            b.setVectors(out);
        }
        if (orderValue != null) {
            b.setOrderValue(orderValue);
        }
        return b.build();
    }

    /** A scored point (search, query) with the point's version. */
    static ScoredPoint scored(StoredPoint p, float score, WithPayloadSelector payload, WithVectorsSelector vectors,
                              boolean unnamed, OrderValue orderValue) {
        return scored(p, score, payload, vectors, unnamed, orderValue, p.version());
    }

    /**
     * A scored point with the given version (Qdrant reports version 0 for points a query read by
     * id or by order rather than by score).
     */
    static ScoredPoint scored(StoredPoint p, float score, WithPayloadSelector payload, WithVectorsSelector vectors,
                              boolean unnamed, OrderValue orderValue, long version) {
        ScoredPoint.Builder b = ScoredPoint.newBuilder()
                .setId(p.id().toProto())
                .setScore(score)
                .setVersion(version)
                .putAllPayload(payload(p.payload(), payload, false));
        VectorsOutput out = vectors(p, vectors, unnamed);
        if (out != null) {
            b.setVectors(out);
        }
        if (orderValue != null) {
            b.setOrderValue(orderValue);
        }
        return b.build();
    }
}
