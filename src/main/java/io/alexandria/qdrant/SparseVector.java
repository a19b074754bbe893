package io.alexandria.qdrant;

import java.util.Arrays;

/**
 * A sparse vector as Qdrant stores it: distinct indices in ascending order with their values.
 *
 * @param indices dimension indices, ascending, distinct (unsigned 32-bit in Qdrant; stored as int)
 * @param values  the value at each index
 */
public record SparseVector(int[] indices, float[] values) {

    /**
     * Validates and sorts, as Qdrant: indices and values must have the same length and indices
     * must be distinct, else INVALID_ARGUMENT.
     */
    static SparseVector of(java.util.List<Integer> indices, java.util.List<Float> values) {
        if (indices.size() != values.size()) {
            throw QdrantErrors.badInput("Sparse vector indices and values must have the same length");
        }
        Integer[] order = new Integer[indices.size()];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        Arrays.sort(order, (a, b) -> Integer.compareUnsigned(indices.get(a), indices.get(b)));
        int[] idx = new int[order.length];
        float[] val = new float[order.length];
        for (int i = 0; i < order.length; i++) {
            idx[i] = indices.get(order[i]);
            val[i] = values.get(order[i]);
            if (i > 0 && idx[i] == idx[i - 1]) {
                throw QdrantErrors.badInput("Sparse vector indices must be unique");
            }
        }
        return new SparseVector(idx, val);
    }

    /** The dot product over shared indices (both sorted ascending), with optional weights per query index. */
    double dot(SparseVector query, float[] queryWeights) {
        double acc = 0;
        int i = 0;
        int j = 0;
        while (i < indices.length && j < query.indices.length) {
            int c = Integer.compareUnsigned(indices[i], query.indices[j]);
            if (c == 0) {
                acc += (double) values[i] * query.values[j] * (queryWeights == null ? 1f : queryWeights[j]);
                i++;
                j++;
            } else if (c < 0) {
                i++;
            } else {
                j++;
            }
        }
        return acc;
    }

    /** Whether the two vectors share at least one index. */
    boolean overlaps(SparseVector other) {
        int i = 0;
        int j = 0;
        while (i < indices.length && j < other.indices.length) {
            int c = Integer.compareUnsigned(indices[i], other.indices[j]);
            if (c == 0) {
                return true;
            } else if (c < 0) {
                i++;
            } else {
                j++;
            }
        }
        return false;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SparseVector s && Arrays.equals(indices, s.indices) && Arrays.equals(values, s.values);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(indices) + Arrays.hashCode(values);
    }

    @Override
    public String toString() {
        return "SparseVector" + Arrays.toString(indices) + Arrays.toString(values);
    }
}
