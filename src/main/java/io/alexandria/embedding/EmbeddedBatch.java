package io.alexandria.embedding;

/**
 * One finished model call of {@link Embedder#embedAll(java.util.List, int[], Embedder.BatchSink)}:
 * which of the caller's texts it held and their vectors, or why it failed.
 *
 * @param indexes positions in the caller's list, each once across all batches of a call
 * @param vectors {@code float[indexes.length][dimension]}, in the order of {@code indexes}; null when
 *                the call failed
 * @param error   why the call failed (out of memory, a native error, a text the model rejects);
 *                null when it succeeded
 * @param nanos   wall time of the model call on its worker, tokenising included, ns
 */
public record EmbeddedBatch(int[] indexes, float[][] vectors, EmbeddingException error, long nanos) {
    /** Whether the call succeeded. */
    public boolean ok() {
        return error == null;
    }
}
