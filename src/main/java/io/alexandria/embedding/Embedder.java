package io.alexandria.embedding;

import io.alexandria.chunking.TokenCounter;
import java.util.List;

/**
 * Turns texts into vectors with one loaded model on one device. Implementations batch
 * internally and are safe to call from one thread at a time per instance.
 */
public interface Embedder extends AutoCloseable {
    /** What the model declares: id, dimension, max tokens, pooling, normalisation. */
    ModelSpec model();

    /** Where it runs, as events report it: {@code cpu} or {@code cuda:N}. */
    String device();

    /**
     * Where it runs, what was asked for, and why it runs on the CPU when a GPU was wanted (for the
     * status bar and the log). The default: it runs where {@link #device()} says, as asked.
     */
    default DeviceChoice deviceChoice() {
        return DeviceChoice.asRequested(device(), device());
    }

    /**
     * Embeds a batch.
     *
     * @param texts one or more texts; each is truncated to {@link ModelSpec#maxTokens()} tokens
     * @return {@code float[texts.size()][model().dimension()]}, L2-normalised when
     *         {@link ModelSpec#normalize()}, in input order
     * @throws EmbeddingException when the model fails (out of memory, native error)
     */
    float[][] embed(List<String> texts) throws EmbeddingException;

    /**
     * Makes a batch ready for {@link #embed(PreparedBatch)} — for the DJL embedders, tokenises it.
     * Thread-safe and independent of a running {@code embed}, so callers can prepare the next
     * batch while the model runs (the default does nothing ahead).
     */
    default PreparedBatch prepare(List<String> texts) {
        return new PreparedBatch(texts, null);
    }

    /**
     * Embeds a batch made by {@link #prepare(List)}; same result as {@link #embed(List)}.
     *
     * @throws EmbeddingException when the model fails
     */
    default float[][] embed(PreparedBatch batch) throws EmbeddingException {
        return embed(batch.texts());
    }

    /** The model's tokenizer as a counter, for token-bounded chunking. */
    TokenCounter tokenCounter();

    @Override
    void close();
}
