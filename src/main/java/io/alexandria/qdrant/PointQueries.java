package io.alexandria.qdrant;

import io.qdrant.client.grpc.Collections.PayloadSchemaType;
import io.qdrant.client.grpc.Common.Filter;
import io.qdrant.client.grpc.JsonWithInt.Value;
import io.qdrant.client.grpc.Points.Direction;
import io.qdrant.client.grpc.Points.FacetHit;
import io.qdrant.client.grpc.Points.FacetValue;
import io.qdrant.client.grpc.Points.OrderBy;
import io.qdrant.client.grpc.Points.OrderValue;
import io.qdrant.client.grpc.Points.StartFrom;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Read-side algorithms over one collection: exact nearest-neighbour search, {@code order_by},
 * and facets. Callers hold the store's read lock.
 */
final class PointQueries {
    private PointQueries() {
    }

    /**
     * A point with its score.
     *
     * @param point the point
     * @param score its similarity or distance
     */
    record Scored(StoredPoint point, float score) {
    }

    /**
     * Exact search as Qdrant: the query is checked against the vector space ({@code vectorName}
     * {@code ""} is the unnamed vector), points without that vector are skipped, results come best
     * first (highest score for Cosine/Dot, smallest distance for Euclid/Manhattan; ties by id),
     * then {@code score_threshold}, {@code offset} and {@code limit} apply.
     */
    static List<Scored> search(StoredCollection c, String vectorName, List<Float> vector, Filter filter,
                               Float scoreThreshold, long offset, long limit) {
        StoredCollection.VectorSpec spec = c.vectorSpec(vectorName);
        float[] query = c.prepareQuery(vectorName, vector);
        List<Scored> hits = new ArrayList<>();
        for (StoredPoint p : c.select(filter)) {
            float[] stored = p.vectors().get(vectorName);
            if (stored == null) {
                continue;
            }
            float score = VectorMath.score(stored, query, spec.distance());
            if (scoreThreshold == null || VectorMath.passes(score, scoreThreshold, spec.distance())) {
                hits.add(new Scored(p, score));
            }
        }
        Comparator<Scored> byScore = Comparator.comparingDouble(Scored::score);
        if (VectorMath.higherIsBetter(spec.distance())) {
            byScore = byScore.reversed();
        }
        hits.sort(byScore.thenComparing(s -> s.point().id()));
        return page(hits, offset, limit);
    }

    /** {@code items[offset .. offset+limit)}. */
    static <T> List<T> page(List<T> items, long offset, long limit) {
        int from = (int) Math.min(items.size(), offset);
        int to = (int) Math.min(items.size(), from + Math.min(limit, Integer.MAX_VALUE));
        return new ArrayList<>(items.subList(from, to));
    }

    /**
     * A point with its order value.
     *
     * @param point the point
     * @param value the value it is ordered by (an int or a float, as Qdrant's {@code OrderValue})
     */
    record Ordered(StoredPoint point, OrderValue value) {
        double numeric() {
            return value.hasInt() ? value.getInt() : value.getFloat();
        }
    }

    /**
     * {@code order_by} as Qdrant: the key needs a payload index that supports ranges (integer,
     * float, datetime), else INVALID_ARGUMENT "No range index for `order_by` key ...". Points are
     * ordered by value, then id, both ascending or both descending; {@code start_from} is
     * inclusive; a point with several values appears once, at its first value in the direction;
     * points without a value are left out.
     */
    static List<Ordered> orderBy(StoredCollection c, OrderBy orderBy, Filter filter) {
        PayloadIndex index = c.indexes().get(orderBy.getKey());
        if (index == null || !index.supportsOrderBy()) {
            throw QdrantErrors.badInput("No range index for `order_by` key: `" + orderBy.getKey()
                    + "`. Please create one to use `order_by`. Check https://qdrant.tech/documentation/"
                    + "concepts/indexing/#payload-index to see which payload schemas support Range conditions");
        }
        boolean desc = orderBy.hasDirection() && orderBy.getDirection() == Direction.Desc;
        Double start = orderBy.hasStartFrom() ? startValue(orderBy.getStartFrom()) : null;
        List<Ordered> out = new ArrayList<>();
        for (StoredPoint p : c.select(filter)) {
            OrderValue best = null;
            for (Value v : StoredCollection.indexedValues(p, orderBy.getKey(), index.type())) {
                OrderValue ov = orderValue(v, index.type());
                double x = ov.hasInt() ? ov.getInt() : ov.getFloat();
                if (start != null && (desc ? x > start : x < start)) {
                    continue;
                }
                double bx = best == null ? 0 : (best.hasInt() ? best.getInt() : best.getFloat());
                if (best == null || (desc ? x > bx : x < bx)) {
                    best = ov;
                }
            }
            if (best != null) {
                out.add(new Ordered(p, best));
            }
        }
        Comparator<Ordered> cmp = Comparator.comparingDouble(Ordered::numeric)
                .thenComparing(o -> o.point().id());
        out.sort(desc ? cmp.reversed() : cmp);
        return out;
    }

    private static OrderValue orderValue(Value v, PayloadSchemaType type) {
        return switch (type) {
            case Integer -> OrderValue.newBuilder().setInt(v.getIntegerValue()).build();
            case Datetime -> OrderValue.newBuilder().setInt(DateTimes.parseMicros(v.getStringValue())).build();
            default -> OrderValue.newBuilder()
                    .setFloat(v.hasIntegerValue() ? v.getIntegerValue() : v.getDoubleValue()).build();
        };
    }

    private static double startValue(StartFrom s) {
        return switch (s.getValueCase()) {
            case FLOAT -> s.getFloat();
            case INTEGER -> s.getInteger();
            case TIMESTAMP -> DateTimes.micros(s.getTimestamp());
            case DATETIME -> {
                Long micros = DateTimes.parseMicros(s.getDatetime());
                if (micros == null) {
                    throw QdrantErrors.invalidArgument("Unable to parse datetime: " + s.getDatetime());
                }
                yield micros;
            }
            default -> throw QdrantErrors.invalidArgument("Malformed start_from");
        };
    }

    /**
     * Facet counts as Qdrant: the key needs a keyword, integer, bool or uuid index (INVALID_ARGUMENT
     * "No appropriate index for faceting ..." otherwise, except on an empty collection, which
     * answers no hits as Qdrant's segments do); each point counts once per distinct value; hits are
     * ordered by count descending, then value ascending, and cut to {@code limit}.
     */
    static List<FacetHit> facet(StoredCollection c, String key, Filter filter, long limit) {
        if (c.size() == 0 || limit == 0) {
            return List.of();
        }
        PayloadIndex index = c.indexes().get(key);
        if (index == null || !index.supportsFacet()) {
            throw QdrantErrors.badInput("No appropriate index for faceting: `" + key + "`. Please create one to "
                    + "facet on this field. Check https://qdrant.tech/documentation/concepts/indexing/"
                    + "#payload-index to see which payload schemas support Match conditions");
        }
        Map<Object, Long> counts = new HashMap<>();
        for (StoredPoint p : c.select(filter)) {
            Set<Object> distinct = new LinkedHashSet<>();
            for (Value v : StoredCollection.indexedValues(p, key, index.type())) {
                distinct.add(switch (index.type()) {
                    case Integer -> v.getIntegerValue();
                    case Bool -> v.getBoolValue();
                    case Uuid -> PointKey.tryParseUuid(v.getStringValue()).toString();
                    default -> v.getStringValue();
                });
            }
            distinct.forEach(d -> counts.merge(d, 1L, Long::sum));
        }
        List<Map.Entry<Object, Long>> entries = new ArrayList<>(counts.entrySet());
        entries.sort((a, b) -> {
            int byCount = Long.compare(b.getValue(), a.getValue());
            return byCount != 0 ? byCount : compareValues(a.getKey(), b.getKey());
        });
        List<FacetHit> hits = new ArrayList<>();
        for (Map.Entry<Object, Long> e : page(entries, 0, limit)) {
            FacetValue.Builder value = FacetValue.newBuilder();
            switch (e.getKey()) {
                case Long l -> value.setIntegerValue(l);
                case Boolean b -> value.setBoolValue(b);
                default -> value.setStringValue((String) e.getKey());
            }
            hits.add(FacetHit.newBuilder().setValue(value).setCount(e.getValue()).build());
        }
        return hits;
    }

    @SuppressWarnings("unchecked")
    private static int compareValues(Object a, Object b) {
        return ((Comparable<Object>) a).compareTo(b);
    }
}
