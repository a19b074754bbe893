package io.alexandria.qdrant;

import io.qdrant.client.grpc.JsonWithInt.ListValue;
import io.qdrant.client.grpc.JsonWithInt.Struct;
import io.qdrant.client.grpc.JsonWithInt.Value;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A payload key path as Qdrant parses it ({@code lib/segment/src/json_path}): a first key, then
 * any of {@code .key}, {@code [N]} (array element) and {@code []} (every element); keys may be
 * double-quoted to contain dots. Reading follows Qdrant's {@code get_value_from_json_map}: a key
 * step only enters objects and is never applied through an array implicitly ({@code a.b} on
 * {@code {"a": [{"b": 1}]}} finds nothing; {@code a[].b} finds {@code 1}); a leaf array is returned
 * as one value.
 */
public final class JsonPath {

    /** One step after the first key. */
    sealed interface Step permits Key, Index, Wildcard {
    }

    /** {@code .name}: enter an object field. */
    record Key(String name) implements Step {
    }

    /** {@code [n]}: enter one array element. */
    record Index(int index) implements Step {
    }

    /** {@code []}: enter every array element. */
    record Wildcard() implements Step {
    }

    private final String text;
    private final String first;
    private final List<Step> steps;

    private JsonPath(String text, String first, List<Step> steps) {
        this.text = text;
        this.first = first;
        this.steps = List.copyOf(steps);
    }

    /**
     * Parses a key path.
     *
     * @throws io.grpc.StatusRuntimeException INVALID_ARGUMENT for an empty or malformed path
     */
    public static JsonPath parse(String text) {
        JsonPath cached = CACHE.get(text);
        if (cached != null) {
            return cached;
        }
        JsonPath parsed = parseUncached(text);
        if (CACHE.size() < CACHE_SIZE) {
            CACHE.put(text, parsed);
        }
        return parsed;
    }

    /** Parsed paths by text (payload index keys are parsed for every point written). */
    private static final java.util.concurrent.ConcurrentHashMap<String, JsonPath> CACHE =
            new java.util.concurrent.ConcurrentHashMap<>();
    private static final int CACHE_SIZE = 1024;

    private static JsonPath parseUncached(String text) {
        List<Step> steps = new ArrayList<>();
        int[] pos = {0};
        String first = readKey(text, pos);
        while (pos[0] < text.length()) {
            char c = text.charAt(pos[0]);
            if (c == '.') {
                pos[0]++;
                steps.add(new Key(readKey(text, pos)));
            } else if (c == '[') {
                int close = text.indexOf(']', pos[0]);
                if (close < 0) {
                    throw invalid(text);
                }
                String inside = text.substring(pos[0] + 1, close);
                if (inside.isEmpty()) {
                    steps.add(new Wildcard());
                } else {
                    try {
                        steps.add(new Index(Integer.parseInt(inside)));
                    } catch (NumberFormatException e) {
                        throw invalid(text);
                    }
                }
                pos[0] = close + 1;
            } else {
                throw invalid(text);
            }
        }
        return new JsonPath(text, first, steps);
    }

    private static String readKey(String text, int[] pos) {
        int start = pos[0];
        if (start < text.length() && text.charAt(start) == '"') {
            int close = text.indexOf('"', start + 1);
            if (close < 0 || close == start + 1) {
                throw invalid(text);
            }
            pos[0] = close + 1;
            return text.substring(start + 1, close);
        }
        int end = start;
        while (end < text.length() && text.charAt(end) != '.' && text.charAt(end) != '[') {
            end++;
        }
        if (end == start) {
            throw invalid(text);
        }
        pos[0] = end;
        return text.substring(start, end);
    }

    private static RuntimeException invalid(String text) {
        return QdrantErrors.badInput("Invalid JSON path: `" + text + "`");
    }

    /** The path as written. */
    public String text() {
        return text;
    }

    /** The first key. */
    public String first() {
        return first;
    }

    /** True when the path is a single top-level key. */
    public boolean isTopLevel() {
        return steps.isEmpty();
    }

    /** True when the path has only key steps (no array steps). */
    boolean keysOnly() {
        return steps.stream().allMatch(s -> s instanceof Key);
    }

    List<Step> steps() {
        return steps;
    }

    /** This path followed by {@code []}, as Qdrant's {@code NestedCondition::array_key}. */
    JsonPath withWildcard() {
        List<Step> more = new ArrayList<>(steps);
        more.add(new Wildcard());
        return new JsonPath(text + "[]", first, more);
    }

    /** Every value at this path in a payload, in document order (see the class comment). */
    public List<Value> values(Map<String, Value> payload) {
        List<Value> out = new ArrayList<>();
        Value root = payload.get(first);
        if (root != null) {
            collect(root, 0, out);
        }
        return out;
    }

    private void collect(Value v, int i, List<Value> out) {
        if (i == steps.size()) {
            out.add(v);
            return;
        }
        switch (steps.get(i)) {
            case Key k -> {
                if (v.hasStructValue()) {
                    Value child = v.getStructValue().getFieldsMap().get(k.name());
                    if (child != null) {
                        collect(child, i + 1, out);
                    }
                }
            }
            case Index ix -> {
                if (v.hasListValue() && ix.index() >= 0 && ix.index() < v.getListValue().getValuesCount()) {
                    collect(v.getListValue().getValues(ix.index()), i + 1, out);
                }
            }
            case Wildcard w -> {
                if (v.hasListValue()) {
                    for (Value e : v.getListValue().getValuesList()) {
                        collect(e, i + 1, out);
                    }
                }
            }
        }
    }

    /** A copy of the payload with the value at this path removed (a no-op where there is none). */
    public Map<String, Value> remove(Map<String, Value> payload) {
        Map<String, Value> copy = new LinkedHashMap<>(payload);
        if (steps.isEmpty()) {
            copy.remove(first);
        } else if (copy.containsKey(first)) {
            copy.put(first, removeIn(copy.get(first), 0));
        }
        return copy;
    }

    private Value removeIn(Value v, int i) {
        boolean last = i == steps.size() - 1;
        switch (steps.get(i)) {
            case Key k -> {
                if (!v.hasStructValue() || !v.getStructValue().containsFields(k.name())) {
                    return v;
                }
                Struct.Builder b = v.getStructValue().toBuilder();
                if (last) {
                    b.removeFields(k.name());
                } else {
                    b.putFields(k.name(), removeIn(v.getStructValue().getFieldsOrThrow(k.name()), i + 1));
                }
                return Value.newBuilder().setStructValue(b).build();
            }
            case Index ix -> {
                if (!v.hasListValue() || ix.index() < 0 || ix.index() >= v.getListValue().getValuesCount()) {
                    return v;
                }
                List<Value> items = new ArrayList<>(v.getListValue().getValuesList());
                if (last) {
                    items.remove(ix.index());
                } else {
                    items.set(ix.index(), removeIn(items.get(ix.index()), i + 1));
                }
                return list(items);
            }
            case Wildcard w -> {
                if (!v.hasListValue()) {
                    return v;
                }
                if (last) {
                    return list(List.of());
                }
                List<Value> items = new ArrayList<>();
                for (Value e : v.getListValue().getValuesList()) {
                    items.add(removeIn(e, i + 1));
                }
                return list(items);
            }
        }
    }

    /**
     * A copy of the payload where the object at this path receives {@code fields}: merged into an
     * existing object ({@code replace=false}, Qdrant's set-payload with {@code key}) or replacing
     * whatever is there ({@code replace=true}, overwrite-payload with {@code key}). Missing objects
     * along key steps are created; array steps only enter existing elements.
     */
    public Map<String, Value> putObject(Map<String, Value> payload, Map<String, Value> fields, boolean replace) {
        Map<String, Value> copy = new LinkedHashMap<>(payload);
        Value updated = putIn(copy.get(first), -1, fields, replace);
        if (updated != null) {
            copy.put(first, updated);
        }
        return copy;
    }

    private Value putIn(Value v, int i, Map<String, Value> fields, boolean replace) {
        if (i == steps.size() - 1) {
            Map<String, Value> merged = new LinkedHashMap<>();
            if (!replace && v != null && v.hasStructValue()) {
                merged.putAll(v.getStructValue().getFieldsMap());
            }
            merged.putAll(fields);
            return Value.newBuilder().setStructValue(Struct.newBuilder().putAllFields(merged)).build();
        }
        switch (steps.get(i + 1)) {
            case Key k -> {
                Struct base = v != null && v.hasStructValue() ? v.getStructValue() : Struct.getDefaultInstance();
                Value child = putIn(base.getFieldsMap().get(k.name()), i + 1, fields, replace);
                return Value.newBuilder().setStructValue(base.toBuilder().putFields(k.name(), child)).build();
            }
            case Index ix -> {
                if (v == null || !v.hasListValue() || ix.index() < 0
                        || ix.index() >= v.getListValue().getValuesCount()) {
                    return v;
                }
                List<Value> items = new ArrayList<>(v.getListValue().getValuesList());
                items.set(ix.index(), putIn(items.get(ix.index()), i + 1, fields, replace));
                return list(items);
            }
            case Wildcard w -> {
                if (v == null || !v.hasListValue()) {
                    return v;
                }
                List<Value> items = new ArrayList<>();
                for (Value e : v.getListValue().getValuesList()) {
                    items.add(putIn(e, i + 1, fields, replace));
                }
                return list(items);
            }
        }
    }

    /**
     * The payload reduced to this path (Qdrant's include selector): the value and the objects
     * leading to it. Only key steps are projected; a path with array steps keeps its whole
     * top-level key.
     */
    Map<String, Value> project(Map<String, Value> payload, Map<String, Value> into) {
        Value root = payload.get(first);
        if (root == null) {
            return into;
        }
        if (steps.isEmpty() || !keysOnly()) {
            into.put(first, root);
            return into;
        }
        List<Value> found = values(payload);
        if (found.isEmpty()) {
            return into;
        }
        Value leaf = found.getFirst();
        for (int i = steps.size() - 1; i >= 0; i--) {
            String name = ((Key) steps.get(i)).name();
            Map<String, Value> existing = new LinkedHashMap<>();
            leaf = Value.newBuilder().setStructValue(Struct.newBuilder().putAllFields(existing).putFields(name, leaf))
                    .build();
        }
        Value previous = into.get(first);
        into.put(first, previous == null ? leaf : deepMerge(previous, leaf));
        return into;
    }

    private static Value deepMerge(Value a, Value b) {
        if (!a.hasStructValue() || !b.hasStructValue()) {
            return b;
        }
        Map<String, Value> merged = new LinkedHashMap<>(a.getStructValue().getFieldsMap());
        for (Map.Entry<String, Value> e : b.getStructValue().getFieldsMap().entrySet()) {
            Value old = merged.get(e.getKey());
            merged.put(e.getKey(), old == null ? e.getValue() : deepMerge(old, e.getValue()));
        }
        return Value.newBuilder().setStructValue(Struct.newBuilder().putAllFields(merged)).build();
    }

    private static Value list(List<Value> items) {
        return Value.newBuilder().setListValue(ListValue.newBuilder().addAllValues(items)).build();
    }

    @Override
    public String toString() {
        return text;
    }
}
