package io.alexandria.testserver;

import io.qdrant.client.grpc.Collections.CreateCollection;
import io.qdrant.client.grpc.Collections.Distance;
import io.qdrant.client.grpc.Collections.PayloadIndexParams;
import io.qdrant.client.grpc.Collections.PayloadSchemaType;
import io.qdrant.client.grpc.Collections.ShardingMethod;
import io.qdrant.client.grpc.Collections.TextIndexParams;
import io.qdrant.client.grpc.Collections.TokenizerType;
import io.qdrant.client.grpc.Collections.VectorParams;
import io.qdrant.client.grpc.Common.Filter;
import io.qdrant.client.grpc.JsonWithInt.Value;
import io.qdrant.client.grpc.Points.FieldType;
import io.qdrant.client.grpc.Points.PointStruct;
import io.qdrant.client.grpc.Points.PointsSelector;
import io.qdrant.client.grpc.Points.UpdateMode;
import io.qdrant.client.grpc.Points.Vector;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.TreeMap;

/**
 * One collection's data and schema: points in id order, vector layout, payload indexes. Not
 * thread-safe by itself: {@link QdrantStore} serialises access. Write methods validate a whole
 * request before changing anything.
 */
public final class StoredCollection {

    /**
     * One dense vector space.
     *
     * @param size     dimension
     * @param distance distance function
     */
    record VectorSpec(int size, Distance distance) {
    }

    private final String name;
    private final CreateCollection createRequest;
    private final boolean unnamedVector;
    private final Map<String, VectorSpec> vectorSpecs;
    private final NavigableMap<PointKey, StoredPoint> points = new TreeMap<>();
    private final Map<String, PayloadIndex> indexes = new LinkedHashMap<>();
    private final ServerStats stats;
    private long operations;

    private StoredCollection(String name, CreateCollection createRequest, boolean unnamedVector,
                             Map<String, VectorSpec> vectorSpecs, ServerStats stats) {
        this.name = name;
        this.createRequest = createRequest;
        this.unnamedVector = unnamedVector;
        this.vectorSpecs = vectorSpecs;
        this.stats = stats;
    }

    /**
     * Validates a create request: a single unnamed {@code VectorParams}, a named map, or no vectors
     * at all (payload-only). UNIMPLEMENTED for sparse vectors, multivectors and custom sharding.
     */
    static StoredCollection create(CreateCollection req, ServerStats stats) {
        if (req.hasSparseVectorsConfig() && req.getSparseVectorsConfig().getMapCount() > 0) {
            throw QdrantErrors.unimplemented("Sparse vectors");
        }
        if (req.hasShardingMethod() && req.getShardingMethod() == ShardingMethod.Custom) {
            throw QdrantErrors.unimplemented("Custom sharding");
        }
        Map<String, VectorSpec> specs = new LinkedHashMap<>();
        boolean unnamed = false;
        if (req.hasVectorsConfig()) {
            switch (req.getVectorsConfig().getConfigCase()) {
                case PARAMS -> {
                    specs.put("", spec("", req.getVectorsConfig().getParams()));
                    unnamed = true;
                }
                case PARAMS_MAP -> new TreeMap<>(req.getVectorsConfig().getParamsMap().getMapMap())
                        .forEach((n, p) -> specs.put(n, spec(n, p)));
                default -> {
                }
            }
        }
        return new StoredCollection(req.getCollectionName(), req, unnamed, specs, stats);
    }

    private static VectorSpec spec(String vectorName, VectorParams p) {
        String field = vectorName.isEmpty() ? "vectors_config.params" : "vectors_config.params_map." + vectorName;
        if (p.getSize() < 1 || p.getSize() > 65536) {
            throw QdrantErrors.invalidArgument(
                    "Validation error in body: [" + field + ".size: value " + p.getSize()
                            + " invalid, must be from 1 to 65536]");
        }
        if (p.hasMultivectorConfig()) {
            throw QdrantErrors.unimplemented("Multivectors");
        }
        if (p.getDistance() == Distance.UnknownDistance || p.getDistance() == Distance.UNRECOGNIZED) {
            throw QdrantErrors.invalidArgument("Malformed distance parameter");
        }
        return new VectorSpec((int) p.getSize(), p.getDistance());
    }

    /** The collection's own name. */
    public String name() {
        return name;
    }

    /** The request that created the collection (echoed by collection info). */
    public CreateCollection createRequest() {
        return createRequest;
    }

    /** True when the collection has one unnamed vector; false for named vectors or none. */
    public boolean hasUnnamedVector() {
        return unnamedVector;
    }

    /** Number of points. */
    public int size() {
        return points.size();
    }

    /** Payload indexes by field, in creation order. */
    public Map<String, PayloadIndex> indexes() {
        return Collections.unmodifiableMap(indexes);
    }

    /** Points in id order. */
    public Collection<StoredPoint> points() {
        return Collections.unmodifiableCollection(points.values());
    }

    /** The point with this id, or null. */
    public StoredPoint point(PointKey id) {
        return points.get(id);
    }

    /** Points matching the filter (null: all), in id order. */
    public List<StoredPoint> select(Filter filter) {
        if (filter == null) {
            return new ArrayList<>(points.values());
        }
        FilterEvaluator.validate(filter);
        FilterEvaluator evaluator = new FilterEvaluator(indexes);
        List<StoredPoint> out = new ArrayList<>();
        for (StoredPoint p : points.values()) {
            if (evaluator.matches(p, filter)) {
                out.add(p);
            }
        }
        return out;
    }

    /**
     * The vector space a search uses; {@code ""} is the unnamed vector.
     *
     * @throws io.grpc.StatusRuntimeException INVALID_ARGUMENT "Wrong input: Not existing vector name
     *                                        error: NAME" as Qdrant
     */
    VectorSpec vectorSpec(String vectorName) {
        VectorSpec spec = vectorSpecs.get(vectorName);
        if (spec == null) {
            throw QdrantErrors.badInput("Not existing vector name error: " + vectorName);
        }
        return spec;
    }

    /** Checks a query vector's dimension and prepares it for the distance. */
    float[] prepareQuery(String vectorName, List<Float> data) {
        VectorSpec spec = vectorSpec(vectorName);
        return VectorMath.prepare(checkedDim(spec, toArray(data)), spec.distance());
    }

    private static float[] checkedDim(VectorSpec spec, float[] v) {
        if (v.length != spec.size()) {
            throw QdrantErrors.badInput("Vector dimension error: expected dim: " + spec.size() + ", got " + v.length);
        }
        return v;
    }

    private static float[] toArray(List<Float> data) {
        float[] out = new float[data.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = data.get(i);
        }
        return out;
    }

    /**
     * Upserts points, as Qdrant 1.18: a point without {@code vectors} is INVALID_ARGUMENT "Expected
     * some vectors"; unknown vector names and wrong dimensions are INVALID_ARGUMENT; the whole batch
     * is validated first. With {@code updateFilter} (conditional upsert, Qdrant 1.16+) an existing
     * point is overwritten only if it matches the filter, while new points are always inserted;
     * {@code mode} restricts to inserts or updates. The last occurrence of a repeated id wins.
     *
     * @return the operation number
     */
    long upsert(List<PointStruct> incoming, Filter updateFilter, UpdateMode mode) {
        if (updateFilter != null) {
            FilterEvaluator.validate(updateFilter);
        }
        List<StoredPoint> prepared = new ArrayList<>();
        for (PointStruct p : incoming) {
            PointKey id = PointKey.fromProto(p.getId());
            prepared.add(new StoredPoint(id, p.getPayloadMap(), vectorsOf(p), 0));
        }
        long op = ++operations;
        FilterEvaluator evaluator = new FilterEvaluator(indexes);
        long written = 0;
        for (StoredPoint p : prepared) {
            StoredPoint existing = points.get(p.id());
            if (existing != null) {
                if (mode == UpdateMode.InsertOnly
                        || (updateFilter != null && !evaluator.matches(existing, updateFilter))) {
                    continue;
                }
            } else if (mode == UpdateMode.UpdateOnly) {
                continue;
            }
            points.put(p.id(), new StoredPoint(p.id(), p.payload(), p.vectors(), op));
            written++;
        }
        stats.addUpserted(name, written);
        return op;
    }

    private Map<String, float[]> vectorsOf(PointStruct p) {
        if (!p.hasVectors()) {
            throw QdrantErrors.invalidArgument("Expected some vectors");
        }
        Map<String, float[]> raw = new LinkedHashMap<>();
        switch (p.getVectors().getVectorsOptionsCase()) {
            case VECTOR -> raw.put("", dense(p.getVectors().getVector()));
            case VECTORS -> p.getVectors().getVectors().getVectorsMap().forEach((n, v) -> raw.put(n, dense(v)));
            default -> throw QdrantErrors.invalidArgument("No Vector Provided");
        }
        Map<String, float[]> out = new LinkedHashMap<>();
        raw.forEach((n, v) -> {
            VectorSpec spec = vectorSpec(n);
            out.put(n, VectorMath.prepare(checkedDim(spec, v), spec.distance()));
        });
        return out;
    }

    @SuppressWarnings("deprecation") // Qdrant still accepts the deprecated data/indices/vectors_count fields
    private static float[] dense(Vector v) {
        return switch (v.getVectorCase()) {
            case DENSE -> toArray(v.getDense().getDataList());
            case SPARSE -> throw QdrantErrors.unimplemented("Sparse vectors");
            case MULTI_DENSE -> throw QdrantErrors.unimplemented("Multivectors");
            case DOCUMENT, IMAGE, OBJECT -> throw QdrantErrors.unimplemented("Inference (document/image/object vectors)");
            default -> {
                if (v.hasIndices()) {
                    throw QdrantErrors.unimplemented("Sparse vectors");
                }
                if (v.hasVectorsCount()) {
                    throw QdrantErrors.unimplemented("Multivectors");
                }
                yield toArray(v.getDataList());
            }
        };
    }

    /**
     * The ids a selector addresses: listed ids (deduplicated, in request order) or every point
     * matching the filter.
     */
    List<PointKey> targets(PointsSelector selector) {
        return switch (selector.getPointsSelectorOneOfCase()) {
            case POINTS -> {
                LinkedHashSet<PointKey> ids = new LinkedHashSet<>();
                selector.getPoints().getIdsList().forEach(id -> ids.add(PointKey.fromProto(id)));
                yield new ArrayList<>(ids);
            }
            case FILTER -> select(selector.getFilter()).stream().map(StoredPoint::id).toList();
            default -> throw QdrantErrors.invalidArgument("No PointsSelector provided");
        };
    }

    /** Deletes the selected points (missing ids are ignored, as Qdrant). @return the operation number */
    long delete(PointsSelector selector) {
        List<PointKey> ids = targets(selector);
        long op = ++operations;
        long removed = 0;
        for (PointKey id : ids) {
            if (points.remove(id) != null) {
                removed++;
            }
        }
        stats.addDeleted(name, removed);
        return op;
    }

    /**
     * Outcome of a payload update.
     *
     * @param operation    the operation number
     * @param firstMissing the first selected id that has no point (Qdrant then answers NOT_FOUND
     *                     after updating the others)
     */
    record PayloadUpdate(long operation, Optional<PointKey> firstMissing) {
    }

    /**
     * Set-payload (merge top-level keys; a null value removes the key, as Qdrant's
     * {@code merge_map}) or overwrite-payload (replace all), optionally at a nested
     * {@code key} path, as Qdrant's {@code set_payload}/{@code overwrite_payload}.
     */
    PayloadUpdate setPayload(Map<String, Value> payload, PointsSelector selector, String key, boolean overwrite) {
        JsonPath path = key == null ? null : JsonPath.parse(key);
        return updatePayloads(selector, old -> {
            if (path != null) {
                return path.putObject(old, payload, overwrite);
            }
            Map<String, Value> next = new LinkedHashMap<>(overwrite ? Map.of() : old);
            payload.forEach((k, v) -> {
                if (!overwrite && v.hasNullValue()) {
                    next.remove(k); // Qdrant's merge_map: a null in set-payload removes the key
                } else {
                    next.put(k, v);
                }
            });
            return next;
        });
    }

    /** Removes the given key paths from the selected points' payloads. */
    PayloadUpdate deletePayload(List<String> keys, PointsSelector selector) {
        List<JsonPath> paths = keys.stream().map(JsonPath::parse).toList();
        return updatePayloads(selector, old -> {
            Map<String, Value> next = old;
            for (JsonPath p : paths) {
                next = p.remove(next);
            }
            return next;
        });
    }

    /** Removes the whole payload of the selected points. */
    PayloadUpdate clearPayload(PointsSelector selector) {
        return updatePayloads(selector, old -> Map.of());
    }

    private PayloadUpdate updatePayloads(PointsSelector selector,
                                         java.util.function.UnaryOperator<Map<String, Value>> change) {
        List<PointKey> ids = targets(selector);
        long op = ++operations;
        PointKey missing = null;
        long written = 0;
        for (PointKey id : ids) {
            StoredPoint p = points.get(id);
            if (p == null) {
                missing = missing == null ? id : missing;
                continue;
            }
            points.put(id, p.withPayload(change.apply(p.payload()), op));
            written++;
        }
        stats.addPayloadsWritten(name, written);
        return new PayloadUpdate(op, Optional.ofNullable(missing));
    }

    /**
     * Declares a payload index. The type comes from {@code fieldType} or else the params' kind.
     * UNIMPLEMENTED for text-index options the server does not model (other tokenizers, stemming,
     * stop words, ASCII folding).
     */
    long createIndex(String field, FieldType fieldType, PayloadIndexParams params) {
        JsonPath.parse(field);
        PayloadSchemaType type;
        if (fieldType != null) {
            type = switch (fieldType) {
                case FieldTypeKeyword -> PayloadSchemaType.Keyword;
                case FieldTypeInteger -> PayloadSchemaType.Integer;
                case FieldTypeFloat -> PayloadSchemaType.Float;
                case FieldTypeGeo -> PayloadSchemaType.Geo;
                case FieldTypeText -> PayloadSchemaType.Text;
                case FieldTypeBool -> PayloadSchemaType.Bool;
                case FieldTypeDatetime -> PayloadSchemaType.Datetime;
                case FieldTypeUuid -> PayloadSchemaType.Uuid;
                default -> throw QdrantErrors.invalidArgument("Unknown field type");
            };
        } else if (params != null) {
            type = switch (params.getIndexParamsCase()) {
                case KEYWORD_INDEX_PARAMS -> PayloadSchemaType.Keyword;
                case INTEGER_INDEX_PARAMS -> PayloadSchemaType.Integer;
                case FLOAT_INDEX_PARAMS -> PayloadSchemaType.Float;
                case GEO_INDEX_PARAMS -> PayloadSchemaType.Geo;
                case TEXT_INDEX_PARAMS -> PayloadSchemaType.Text;
                case BOOL_INDEX_PARAMS -> PayloadSchemaType.Bool;
                case DATETIME_INDEX_PARAMS -> PayloadSchemaType.Datetime;
                case UUID_INDEX_PARAMS -> PayloadSchemaType.Uuid;
                default -> throw QdrantErrors.invalidArgument("Field type or index params must be provided");
            };
        } else {
            throw QdrantErrors.invalidArgument("Field type or index params must be provided");
        }
        if (params != null && params.hasTextIndexParams()) {
            TextIndexParams t = params.getTextIndexParams();
            if (t.getTokenizer() != TokenizerType.Word && t.getTokenizer() != TokenizerType.Unknown) {
                throw QdrantErrors.unimplemented("Text index tokenizer " + t.getTokenizer());
            }
            if (t.hasStemmer() || t.hasStopwords() || (t.hasAsciiFolding() && t.getAsciiFolding())) {
                throw QdrantErrors.unimplemented("Text index stemming, stop words and ASCII folding");
            }
        }
        indexes.put(field, new PayloadIndex(type, params));
        return ++operations;
    }

    /** Drops a payload index (a no-op when there is none). */
    long deleteIndex(String field) {
        indexes.remove(field);
        return ++operations;
    }

    /**
     * The scalar payload values an index of this type would hold for a point: strings for keyword
     * and text, integers for integer, numbers for float, booleans for bool, date-time strings for
     * datetime, UUID strings for uuid, {@code lat}/{@code lon} objects for geo; arrays are
     * flattened.
     */
    static List<Value> indexedValues(StoredPoint p, String field, PayloadSchemaType type) {
        List<Value> out = new ArrayList<>();
        for (Value v : JsonPath.parse(field).values(p.payload())) {
            List<Value> items = v.hasListValue() ? v.getListValue().getValuesList() : List.of(v);
            for (Value item : items) {
                if (fits(item, type)) {
                    out.add(item);
                }
            }
        }
        return out;
    }

    private static boolean fits(Value v, PayloadSchemaType type) {
        return switch (type) {
            case Keyword, Text -> v.hasStringValue();
            case Integer -> v.hasIntegerValue();
            case Float -> v.hasIntegerValue() || v.hasDoubleValue();
            case Bool -> v.hasBoolValue();
            case Datetime -> v.hasStringValue() && DateTimes.parseMicros(v.getStringValue()) != null;
            case Uuid -> v.hasStringValue() && PointKey.tryParseUuid(v.getStringValue()) != null;
            case Geo -> v.hasStructValue() && v.getStructValue().containsFields("lat")
                    && v.getStructValue().containsFields("lon");
            default -> false;
        };
    }

    /** Points that have at least one value the index holds (the {@code points} of payload_schema). */
    long indexedPointCount(String field, PayloadIndex index) {
        return points.values().stream().filter(p -> !indexedValues(p, field, index.type()).isEmpty()).count();
    }
}
