package io.alexandria.qdrant;

import io.qdrant.client.grpc.Collections.PayloadSchemaType;
import io.qdrant.client.grpc.Collections.TextIndexParams;
import io.qdrant.client.grpc.Common.Condition;
import io.qdrant.client.grpc.Common.DatetimeRange;
import io.qdrant.client.grpc.Common.FieldCondition;
import io.qdrant.client.grpc.Common.Filter;
import io.qdrant.client.grpc.Common.Match;
import io.qdrant.client.grpc.Common.Range;
import io.qdrant.client.grpc.Common.ValuesCount;
import io.qdrant.client.grpc.JsonWithInt.Value;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Evaluates a Qdrant {@link Filter} against a stored point, following Qdrant 1.18's
 * {@code query_checker.rs} and {@code condition_checker.rs}:
 * <ul>
 *   <li>{@code must}: all; {@code should}: at least one (when non-empty); {@code must_not}: none;
 *       {@code min_should}: at least {@code min_count}.</li>
 *   <li>A field condition reads every value at its key path ({@link JsonPath}); it holds when any
 *       value holds, and a value that is an array holds when any element holds. A missing field
 *       fails every condition except {@code is_empty}/{@code is_null} flags.</li>
 *   <li>{@code match keyword/integer/bool} compare exactly (an integer never matches a double, as
 *       serde_json's {@code as_i64}); {@code any} is membership; {@code except} is non-membership,
 *       where null never and non-comparable values always match.</li>
 *   <li>{@code match text}/{@code phrase}: with a text index on the field, a token match (all query
 *       tokens, consecutive for phrase, case-insensitive by default); without one, a case-sensitive
 *       substring test. {@code text_any}: any token, resp. any whitespace-separated word as a
 *       substring.</li>
 *   <li>{@code range} on numbers (integers and doubles), {@code datetime_range} on strings that
 *       parse as date-times ({@link DateTimes}); {@code values_count} counts array elements (null
 *       is 0, a scalar 1).</li>
 *   <li>{@code is_empty}: every value is null or an empty array (true when the field is missing);
 *       {@code is_null}: some value is null.</li>
 *   <li>{@code nested}: some object in the array at the key satisfies the whole inner filter, whose
 *       keys are relative to that object ({@code has_id} never holds inside).</li>
 * </ul>
 * Geo conditions are not supported: {@link #validate} answers UNIMPLEMENTED for them.
 */
final class FilterEvaluator {
    private final Map<String, PayloadIndex> indexes;
    /** has_id sets by condition (identity: a condition's id list is hashed once, not per point). */
    private final Map<io.qdrant.client.grpc.Common.HasIdCondition, Set<PointKey>> idSets =
            new java.util.IdentityHashMap<>();

    FilterEvaluator(Map<String, PayloadIndex> indexes) {
        this.indexes = indexes;
    }

    /**
     * Rejects filters the server cannot evaluate: UNIMPLEMENTED for geo conditions, INVALID_ARGUMENT
     * for empty conditions and malformed keys.
     */
    static void validate(Filter filter) {
        List<Condition> all = new ArrayList<>();
        all.addAll(filter.getMustList());
        all.addAll(filter.getShouldList());
        all.addAll(filter.getMustNotList());
        all.addAll(filter.getMinShould().getConditionsList());
        for (Condition c : all) {
            switch (c.getConditionOneOfCase()) {
                case FIELD -> validateField(c.getField());
                case IS_EMPTY -> JsonPath.parse(c.getIsEmpty().getKey());
                case IS_NULL -> JsonPath.parse(c.getIsNull().getKey());
                case NESTED -> {
                    JsonPath.parse(c.getNested().getKey());
                    validate(c.getNested().getFilter());
                }
                case FILTER -> validate(c.getFilter());
                case HAS_ID, HAS_VECTOR -> {
                }
                default -> throw QdrantErrors.invalidArgument("Condition is empty");
            }
        }
    }

    private static void validateField(FieldCondition f) {
        JsonPath.parse(f.getKey());
        if (f.hasGeoBoundingBox() || f.hasGeoRadius() || f.hasGeoPolygon()) {
            throw QdrantErrors.unimplemented("Geo filtering (geo_bounding_box/geo_radius/geo_polygon)");
        }
        if (f.hasMatch() && f.getMatch().getMatchValueCase() == Match.MatchValueCase.MATCHVALUE_NOT_SET) {
            throw QdrantErrors.invalidArgument("Malformed Match condition");
        }
        if (!f.hasMatch() && !f.hasRange() && !f.hasDatetimeRange() && !f.hasValuesCount() && !f.hasIsEmpty()
                && !f.hasIsNull()) {
            throw QdrantErrors.invalidArgument("At least one field condition must be specified");
        }
    }

    /** Whether the point satisfies the filter. */
    boolean matches(StoredPoint point, Filter filter) {
        return check(filter, new Ctx(point.id(), point.payload(), vectorNames(point), indexes));
    }

    private static Set<String> vectorNames(StoredPoint p) {
        if (p.sparse().isEmpty()) {
            return p.vectors().keySet();
        }
        Set<String> names = new HashSet<>(p.vectors().keySet());
        names.addAll(p.sparse().keySet());
        return names;
    }

    private record Ctx(PointKey id, Map<String, Value> payload, Set<String> vectorNames,
                       Map<String, PayloadIndex> indexes) {
    }

    private boolean check(Filter f, Ctx ctx) {
        if (f.getShouldCount() > 0 && f.getShouldList().stream().noneMatch(c -> check(c, ctx))) {
            return false;
        }
        if (f.hasMinShould()) {
            long matched = f.getMinShould().getConditionsList().stream().filter(c -> check(c, ctx)).count();
            if (matched < f.getMinShould().getMinCount()) {
                return false;
            }
        }
        return f.getMustList().stream().allMatch(c -> check(c, ctx))
                && f.getMustNotList().stream().noneMatch(c -> check(c, ctx));
    }

    private boolean check(Condition c, Ctx ctx) {
        return switch (c.getConditionOneOfCase()) {
            case FIELD -> checkField(c.getField(), ctx);
            case IS_EMPTY -> isEmpty(ctx.payload(), c.getIsEmpty().getKey());
            case IS_NULL -> JsonPath.parse(c.getIsNull().getKey()).values(ctx.payload()).stream()
                    .anyMatch(Value::hasNullValue);
            case HAS_ID -> ctx.id() != null && ids(c.getHasId()).contains(ctx.id());
            case HAS_VECTOR -> ctx.vectorNames().contains(c.getHasVector().getHasVector());
            case FILTER -> check(c.getFilter(), ctx);
            case NESTED -> checkNested(c, ctx);
            default -> throw QdrantErrors.invalidArgument("Condition is empty");
        };
    }

    private boolean checkNested(Condition c, Ctx ctx) {
        String key = c.getNested().getKey();
        String prefix = JsonPath.parse(key).withWildcard().text() + ".";
        Map<String, PayloadIndex> nestedIndexes = new HashMap<>();
        ctx.indexes().forEach((k, v) -> {
            if (k.startsWith(prefix)) {
                nestedIndexes.put(k.substring(prefix.length()), v);
            }
        });
        for (Value v : JsonPath.parse(key).withWildcard().values(ctx.payload())) {
            if (v.hasStructValue()) {
                Ctx inner = new Ctx(null, v.getStructValue().getFieldsMap(), Set.of(), nestedIndexes);
                if (check(c.getNested().getFilter(), inner)) {
                    return true;
                }
            }
        }
        return false;
    }

    private boolean checkField(FieldCondition f, Ctx ctx) {
        List<Value> values = JsonPath.parse(f.getKey()).values(ctx.payload());
        if (values.isEmpty()) {
            if (f.hasIsEmpty()) {
                return f.getIsEmpty();
            }
            if (f.hasIsNull()) {
                return !f.getIsNull();
            }
            return false;
        }
        PayloadIndex index = ctx.indexes().get(f.getKey());
        if (index != null && index.type() == PayloadSchemaType.Text && f.hasMatch() && isTextMatch(f.getMatch())
                && !f.hasValuesCount() && !f.hasIsEmpty() && !f.hasIsNull()) {
            TextIndexParams params = index.params() != null && index.params().hasTextIndexParams()
                    ? index.params().getTextIndexParams() : null;
            return values.stream().anyMatch(v -> textIndexMatch(f.getMatch(), v, params));
        }
        return values.stream().anyMatch(v -> checkValue(f, v));
    }

    private static boolean isTextMatch(Match m) {
        return switch (m.getMatchValueCase()) {
            case TEXT, TEXT_ANY, PHRASE -> true;
            default -> false;
        };
    }

    /** Qdrant's {@code FieldCondition::check}: a values_count, is_empty or is_null flag decides alone. */
    private static boolean checkValue(FieldCondition f, Value v) {
        if (f.hasValuesCount()) {
            return countMatches(f.getValuesCount(), count(v));
        }
        if (f.hasIsEmpty()) {
            return isEmptyValue(v) == f.getIsEmpty();
        }
        if (f.hasIsNull()) {
            boolean isNull = v.hasListValue()
                    ? v.getListValue().getValuesList().stream().anyMatch(Value::hasNullValue) : v.hasNullValue();
            return isNull == f.getIsNull();
        }
        if (v.hasListValue()) {
            return v.getListValue().getValuesList().stream().anyMatch(e -> checkScalar(f, e));
        }
        return checkScalar(f, v);
    }

    /**
     * Qdrant's {@code is_empty}: every value at the key path is null or an empty array (so also
     * when there is none).
     */
    static boolean isEmpty(Map<String, Value> payload, String key) {
        for (Value v : JsonPath.parse(key).values(payload)) {
            if (!isEmptyValue(v)) {
                return false;
            }
        }
        return true;
    }

    /** The ids of a has_id condition, as a set built once per condition. */
    private Set<PointKey> ids(io.qdrant.client.grpc.Common.HasIdCondition has) {
        return idSets.computeIfAbsent(has, h -> {
            Set<PointKey> out = new java.util.HashSet<>();
            h.getHasIdList().forEach(id -> out.add(PointKey.fromProto(id)));
            return out;
        });
    }

    private static boolean isEmptyValue(Value v) {
        return v.hasNullValue() || (v.hasListValue() && v.getListValue().getValuesCount() == 0);
    }

    private static long count(Value v) {
        if (v.hasNullValue()) {
            return 0;
        }
        return v.hasListValue() ? v.getListValue().getValuesCount() : 1;
    }

    private static boolean countMatches(ValuesCount c, long n) {
        return (!c.hasLt() || n < c.getLt()) && (!c.hasGt() || n > c.getGt())
                && (!c.hasLte() || n <= c.getLte()) && (!c.hasGte() || n >= c.getGte());
    }

    private static boolean checkScalar(FieldCondition f, Value v) {
        return (f.hasMatch() && match(f.getMatch(), v))
                || (f.hasRange() && range(f.getRange(), v))
                || (f.hasDatetimeRange() && datetimeRange(f.getDatetimeRange(), v));
    }

    private static boolean match(Match m, Value v) {
        return switch (m.getMatchValueCase()) {
            case KEYWORD -> v.hasStringValue() && v.getStringValue().equals(m.getKeyword());
            case INTEGER -> v.hasIntegerValue() && v.getIntegerValue() == m.getInteger();
            case BOOLEAN -> v.hasBoolValue() && v.getBoolValue() == m.getBoolean();
            case TEXT -> v.hasStringValue() && v.getStringValue().contains(m.getText());
            case PHRASE -> v.hasStringValue() && v.getStringValue().contains(m.getPhrase());
            case TEXT_ANY -> v.hasStringValue()
                    && List.of(m.getTextAny().trim().split("\\s+")).stream()
                    .anyMatch(w -> !w.isEmpty() && v.getStringValue().contains(w));
            case KEYWORDS -> v.hasStringValue() && m.getKeywords().getStringsList().contains(v.getStringValue());
            case INTEGERS -> v.hasIntegerValue() && m.getIntegers().getIntegersList().contains(v.getIntegerValue());
            case EXCEPT_KEYWORDS -> except(v, m.getExceptKeywords().getStringsList(), null);
            case EXCEPT_INTEGERS -> except(v, null, m.getExceptIntegers().getIntegersList());
            default -> throw QdrantErrors.invalidArgument("Malformed Match condition");
        };
    }

    /** Qdrant's {@code Match::Except}: null never matches, values of another kind always do. */
    private static boolean except(Value v, List<String> strings, List<Long> integers) {
        if (v.hasNullValue()) {
            return false;
        }
        if (strings != null && v.hasStringValue()) {
            return !strings.contains(v.getStringValue());
        }
        if (integers != null && v.hasIntegerValue()) {
            return !integers.contains(v.getIntegerValue());
        }
        return true;
    }

    private static boolean range(Range r, Value v) {
        double x;
        if (v.hasIntegerValue()) {
            x = v.getIntegerValue();
        } else if (v.hasDoubleValue()) {
            x = v.getDoubleValue();
        } else {
            return false;
        }
        return (!r.hasLt() || x < r.getLt()) && (!r.hasGt() || x > r.getGt())
                && (!r.hasLte() || x <= r.getLte()) && (!r.hasGte() || x >= r.getGte());
    }

    private static boolean datetimeRange(DatetimeRange r, Value v) {
        if (!v.hasStringValue()) {
            return false;
        }
        Long x = DateTimes.parseMicros(v.getStringValue());
        if (x == null) {
            return false;
        }
        return (!r.hasLt() || x < DateTimes.micros(r.getLt())) && (!r.hasGt() || x > DateTimes.micros(r.getGt()))
                && (!r.hasLte() || x <= DateTimes.micros(r.getLte()))
                && (!r.hasGte() || x >= DateTimes.micros(r.getGte()));
    }

    /** A full-text index match: the document's tokens are those of every string in the value. */
    private static boolean textIndexMatch(Match m, Value v, TextIndexParams params) {
        List<List<String>> docs = new ArrayList<>();
        if (v.hasStringValue()) {
            docs.add(TextTokens.tokens(v.getStringValue(), params));
        } else if (v.hasListValue()) {
            for (Value e : v.getListValue().getValuesList()) {
                if (e.hasStringValue()) {
                    docs.add(TextTokens.tokens(e.getStringValue(), params));
                }
            }
        }
        Set<String> all = new HashSet<>();
        docs.forEach(all::addAll);
        return switch (m.getMatchValueCase()) {
            case TEXT -> {
                List<String> q = TextTokens.tokens(m.getText(), params);
                yield !q.isEmpty() && all.containsAll(q);
            }
            case TEXT_ANY -> TextTokens.tokens(m.getTextAny(), params).stream().anyMatch(all::contains);
            case PHRASE -> {
                List<String> q = TextTokens.tokens(m.getPhrase(), params);
                yield !q.isEmpty() && docs.stream().anyMatch(d -> java.util.Collections.indexOfSubList(d, q) >= 0);
            }
            default -> false;
        };
    }
}
