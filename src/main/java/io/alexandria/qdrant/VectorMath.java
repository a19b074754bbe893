package io.alexandria.qdrant;

import io.qdrant.client.grpc.Collections.Distance;
import org.apache.lucene.util.VectorUtil;

/**
 * Exact (brute-force) similarity as Qdrant scores it, with Lucene's SIMD kernels
 * ({@link VectorUtil}, Panama vectors when {@code --add-modules jdk.incubator.vector} is given). Cosine vectors are normalised on upload and
 * at query time, so a cosine score is the dot product of unit vectors (and stored vectors come back
 * normalised). Dot is the raw dot product. Euclid and Manhattan return the distance itself, where a
 * smaller score is better.
 */
final class VectorMath {
    private VectorMath() {
    }

    /** The vector as Qdrant stores it for the distance: unit length for Cosine, else unchanged. */
    static float[] prepare(float[] v, Distance distance) {
        if (distance != Distance.Cosine) {
            return v;
        }
        double norm = 0;
        for (float x : v) {
            norm += (double) x * x;
        }
        norm = Math.sqrt(norm);
        if (norm < Float.MIN_NORMAL) {
            return v;
        }
        float[] out = new float[v.length];
        for (int i = 0; i < v.length; i++) {
            out[i] = (float) (v[i] / norm);
        }
        return out;
    }

    /** The score of a stored vector against a prepared query vector. */
    static float score(float[] stored, float[] query, Distance distance) {
        double acc = 0;
        switch (distance) {
            case Cosine, Dot -> acc = VectorUtil.dotProduct(stored, query);
            case Euclid -> acc = Math.sqrt(VectorUtil.squareDistance(stored, query));
            case Manhattan -> {
                for (int i = 0; i < stored.length; i++) {
                    acc += Math.abs(stored[i] - query[i]);
                }
            }
            default -> throw QdrantErrors.badInput("Unknown distance");
        }
        return (float) acc;
    }

    /** True when a larger score is better (Cosine, Dot); false for distances (Euclid, Manhattan). */
    static boolean higherIsBetter(Distance distance) {
        return distance == Distance.Cosine || distance == Distance.Dot;
    }

    /** Whether {@code score} passes {@code threshold}: at least it for similarities, at most it for distances. */
    static boolean passes(float score, float threshold, Distance distance) {
        return higherIsBetter(distance) ? score >= threshold : score <= threshold;
    }
}
