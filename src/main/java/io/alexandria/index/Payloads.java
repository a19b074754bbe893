package io.alexandria.index;

import static io.qdrant.client.ValueFactory.list;
import static io.qdrant.client.ValueFactory.nullValue;
import static io.qdrant.client.ValueFactory.value;

import io.qdrant.client.grpc.JsonWithInt.Value;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Converts between plain Java values (as Jackson reads JSON) and Qdrant payload {@link Value}s. */
public final class Payloads {
    private Payloads() {
    }

    /**
     * A Java value as a Qdrant value: String, Integer/Long (integer), Float/Double (double),
     * Boolean, List (list), Map with String keys (struct), null.
     *
     * @throws IllegalArgumentException for any other type
     */
    public static Value toValue(Object o) {
        if (o == null) {
            return nullValue();
        }
        if (o instanceof String s) {
            return value(s);
        }
        if (o instanceof Integer || o instanceof Long || o instanceof Short || o instanceof Byte) {
            return value(((Number) o).longValue());
        }
        if (o instanceof Number n) {
            return value(n.doubleValue());
        }
        if (o instanceof Boolean b) {
            return value(b);
        }
        if (o instanceof List<?> l) {
            List<Value> values = new ArrayList<>(l.size());
            for (Object x : l) {
                values.add(toValue(x));
            }
            return list(values);
        }
        if (o instanceof Map<?, ?> m) {
            Map<String, Value> values = new LinkedHashMap<>();
            for (var e : m.entrySet()) {
                values.put(String.valueOf(e.getKey()), toValue(e.getValue()));
            }
            return value(values);
        }
        throw new IllegalArgumentException("unsupported payload value type: " + o.getClass().getName());
    }

    /** A whole payload map as Qdrant values. */
    public static Map<String, Value> toPayload(Map<String, ?> map) {
        Map<String, Value> out = new LinkedHashMap<>();
        for (var e : map.entrySet()) {
            out.put(e.getKey(), toValue(e.getValue()));
        }
        return out;
    }

    /** A Qdrant value as plain Java: String, Long, Double, Boolean, List, Map, or null. */
    public static Object fromValue(Value v) {
        return switch (v.getKindCase()) {
            case STRING_VALUE -> v.getStringValue();
            case INTEGER_VALUE -> v.getIntegerValue();
            case DOUBLE_VALUE -> v.getDoubleValue();
            case BOOL_VALUE -> v.getBoolValue();
            case LIST_VALUE -> {
                List<Object> out = new ArrayList<>();
                for (Value x : v.getListValue().getValuesList()) {
                    out.add(fromValue(x));
                }
                yield out;
            }
            case STRUCT_VALUE -> fromPayload(v.getStructValue().getFieldsMap());
            case NULL_VALUE, KIND_NOT_SET -> null;
        };
    }

    /** A whole payload as plain Java, keys in Qdrant's order. */
    public static Map<String, Object> fromPayload(Map<String, Value> payload) {
        Map<String, Object> out = new LinkedHashMap<>();
        for (var e : payload.entrySet()) {
            out.put(e.getKey(), fromValue(e.getValue()));
        }
        return out;
    }
}
