package io.alexandria.embedding;

/**
 * Pools a flat last-hidden-state tensor into sentence vectors, in plain Java so it works with any
 * engine (no NDArray operations the ONNX engine lacks).
 */
public final class Pooler {
    private Pooler() {
    }

    /**
     * Pools and (when the spec says so) L2-normalises.
     *
     * @param hidden flat {@code float[batch * tokens * dim]}, row-major {@code [batch, tokens, dim]}
     * @param mask   flat {@code long[batch * tokens]} attention mask (1 = real token), used by MEAN
     * @return {@code float[batch][dim]}
     */
    public static float[][] pool(float[] hidden, int batch, int tokens, int dim, long[] mask, ModelSpec spec) {
        float[][] out = new float[batch][dim];
        for (int b = 0; b < batch; b++) {
            float[] v = out[b];
            int base = b * tokens * dim;
            if (spec.pooling() == Pooling.CLS) {
                System.arraycopy(hidden, base, v, 0, dim);
            } else {
                int n = 0;
                for (int t = 0; t < tokens; t++) {
                    if (mask[b * tokens + t] == 0) {
                        continue;
                    }
                    n++;
                    int off = base + t * dim;
                    for (int d = 0; d < dim; d++) {
                        v[d] += hidden[off + d];
                    }
                }
                if (n > 0) {
                    for (int d = 0; d < dim; d++) {
                        v[d] /= n;
                    }
                }
            }
            if (spec.normalize()) {
                normalize(v);
            }
        }
        return out;
    }

    /** Scales {@code v} in place to unit L2 norm (a zero vector stays zero). */
    public static void normalize(float[] v) {
        double sum = 0;
        for (float x : v) {
            sum += x * x;
        }
        if (sum == 0) {
            return;
        }
        float inv = (float) (1.0 / Math.sqrt(sum));
        for (int i = 0; i < v.length; i++) {
            v[i] *= inv;
        }
    }
}
