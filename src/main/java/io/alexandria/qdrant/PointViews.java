package io.alexandria.qdrant;

import io.qdrant.client.grpc.JsonWithInt.Value;
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
 * returned only when asked for; a dense vector is written to the {@code data} field of
 * {@code VectorOutput}, as Qdrant 1.18 does (read it with {@code VectorOutputHelper}).
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

    /** The vectors output, or null when no vectors are requested. */
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
        if (unnamed) {
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
        return VectorsOutput.newBuilder().setVectors(named).build();
    }

    @SuppressWarnings("deprecation") // Qdrant 1.18 answers dense vectors in the deprecated data field
    private static VectorOutput output(float[] v) {
        VectorOutput.Builder b = VectorOutput.newBuilder();
        for (float x : v) {
            b.addData(x);
        }
        return b.build();
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

    /** A scored point (search, query). */
    static ScoredPoint scored(StoredPoint p, float score, WithPayloadSelector payload, WithVectorsSelector vectors,
                              boolean unnamed, OrderValue orderValue) {
        ScoredPoint.Builder b = ScoredPoint.newBuilder()
                .setId(p.id().toProto())
                .setScore(score)
                .setVersion(p.version())
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
