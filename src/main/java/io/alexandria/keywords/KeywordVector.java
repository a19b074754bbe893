package io.alexandria.keywords;

import io.qdrant.client.VectorFactory;
import io.qdrant.client.VectorInputFactory;
import io.qdrant.client.grpc.Points.Vector;
import io.qdrant.client.grpc.Points.VectorInput;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A sparse vector: term dimensions ({@link TermIndex}) and their weights, in ascending unsigned
 * order of dimension, each dimension at most once, every weight &gt; 0.
 *
 * @param indices dimensions as Java {@code int} bits of Qdrant's {@code uint32}
 * @param values  the weight of each dimension, same length
 */
public record KeywordVector(int[] indices, float[] values) {
    /** The vector with no terms. */
    public static final KeywordVector EMPTY = new KeywordVector(new int[0], new float[0]);

    /**
     * @throws IllegalArgumentException when the lengths differ, a dimension repeats or is out of
     *                                  order, or a weight is not positive and finite
     */
    public KeywordVector {
        if (indices.length != values.length) {
            throw new IllegalArgumentException("indices and values differ in length");
        }
        for (int i = 0; i < indices.length; i++) {
            if (i > 0 && Integer.compareUnsigned(indices[i - 1], indices[i]) >= 0) {
                throw new IllegalArgumentException("dimensions must be strictly ascending (unsigned)");
            }
            if (!(values[i] > 0) || Float.isInfinite(values[i])) {
                throw new IllegalArgumentException("weights must be positive and finite");
            }
        }
        indices = indices.clone();
        values = values.clone();
    }

    @Override
    public int[] indices() {
        return indices.clone();
    }

    @Override
    public float[] values() {
        return values.clone();
    }

    /** Number of terms (non-zero dimensions). */
    public int size() {
        return indices.length;
    }

    /** True when no term survived analysis (e.g. a text of stop words only). */
    public boolean isEmpty() {
        return indices.length == 0;
    }

    /** The weight of dimension {@code index}, 0 when absent. */
    public float weight(int index) {
        for (int i = 0; i < indices.length; i++) {
            if (indices[i] == index) {
                return values[i];
            }
        }
        return 0;
    }

    /** The weight of {@code term}'s dimension, 0 when absent. */
    public float weight(String term) {
        return weight(TermIndex.of(term));
    }

    /** Dimension (unsigned) → weight, in ascending order. */
    public Map<Long, Float> asMap() {
        Map<Long, Float> m = new LinkedHashMap<>();
        for (int i = 0; i < indices.length; i++) {
            m.put(Integer.toUnsignedLong(indices[i]), values[i]);
        }
        return m;
    }

    /** As a point's named vector for an upsert or vector update. */
    public Vector toVector() {
        return VectorFactory.vector(valueList(), indexList());
    }

    /** As the input of a {@code nearest} query on the sparse vector. */
    public VectorInput toQueryInput() {
        return VectorInputFactory.vectorInput(valueList(), indexList());
    }

    private List<Float> valueList() {
        List<Float> v = new ArrayList<>(values.length);
        for (float f : values) {
            v.add(f);
        }
        return v;
    }

    private List<Integer> indexList() {
        List<Integer> v = new ArrayList<>(indices.length);
        for (int i : indices) {
            v.add(i);
        }
        return v;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof KeywordVector k && Arrays.equals(indices, k.indices) && Arrays.equals(values, k.values);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(indices) + Arrays.hashCode(values);
    }

    @Override
    public String toString() {
        return "KeywordVector" + asMap();
    }
}
