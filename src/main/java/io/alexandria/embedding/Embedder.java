package io.alexandria.embedding;

import io.alexandria.chunking.TokenCounter;
import java.util.ArrayList;
import java.util.List;

/**
 * Turns texts into vectors with one loaded model on one device. Every method is safe to call
 * from several threads at once; an embedder that uses several cores ({@link #parallelism()} &gt; 1)
 * spreads {@link #embedAll} over its own workers.
 *
 * <p>Texts are model inputs, used exactly as given. A model's instructions (see
 * {@link ModelSpec#queryInstruction()}, {@link ModelSpec#passagePrefix()}) are applied by
 * {@link #embedQuery(String)} and {@link #embedPassages(List)}, or by the caller with
 * {@link ModelSpec#passageInput(String)} before {@link #embedAll}, so that what is cached and
 * hashed is the exact input.
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

    /**
     * How many model calls run at once in {@link #embedAll}: the worker count (1 for an embedder
     * that runs one call at a time). Callers that feed the embedder should hand it at least this
     * many batches' worth of texts per call, and preferably many more.
     */
    default int parallelism() {
        return 1;
    }

    /** How {@link #embedAll} groups texts into model calls on this embedder's device. */
    default BatchPlan batchPlan() {
        return new BatchPlan(32, 8192);
    }

    /**
     * Embeds many texts, grouped by {@link #batchPlan()} and spread over the embedder's workers.
     *
     * @param texts model inputs, any number (an empty list gives an empty array)
     * @return {@code float[texts.size()][dimension]} in input order, as {@link #embed(List)} gives
     * @throws EmbeddingException when any call fails (the first failure; the rest is abandoned)
     */
    default float[][] embedAll(List<String> texts) throws EmbeddingException {
        float[][] out = new float[texts.size()][];
        EmbeddingException[] first = new EmbeddingException[1];
        embedAll(texts, null, batch -> {
            if (!batch.ok()) {
                if (first[0] == null) {
                    first[0] = batch.error();
                }
                return;
            }
            for (int i = 0; i < batch.indexes().length; i++) {
                out[batch.indexes()[i]] = batch.vectors()[i];
            }
        });
        if (first[0] != null) {
            throw first[0];
        }
        return out;
    }

    /**
     * Embeds many texts, handing each finished model call to {@code sink} on the calling thread,
     * in the order calls finish (not input order), while the workers go on with the next ones; a
     * failed call is handed over with its error and does not stop the others. Returns when every
     * text has been handed over.
     *
     * @param texts  model inputs
     * @param tokens each text's length in model tokens (for grouping), or null to estimate from
     *               characters
     * @param sink   receives every batch once; what it throws ends the call (remaining calls are
     *               abandoned) and propagates
     * @throws EmbeddingException when the embedder is closed or interrupted while waiting
     */
    default void embedAll(List<String> texts, int[] tokens, BatchSink sink) throws EmbeddingException {
        BatchPlan plan = batchPlan();
        for (int[] group : plan.plan(tokens != null ? tokens : BatchPlan.characterLengths(texts))) {
            List<String> batch = new ArrayList<>(group.length);
            for (int i : group) {
                batch.add(texts.get(i));
            }
            long t0 = System.nanoTime();
            EmbeddedBatch done;
            try {
                done = new EmbeddedBatch(group, embed(batch), null, System.nanoTime() - t0);
            } catch (EmbeddingException e) {
                done = new EmbeddedBatch(group, null, e, System.nanoTime() - t0);
            }
            sink.accept(done);
        }
    }

    /**
     * Embeds passages (chunks to index): {@link ModelSpec#passageInput(String)} of each, then
     * {@link #embedAll(List)}.
     *
     * @throws EmbeddingException as {@link #embedAll(List)}
     */
    default float[][] embedPassages(List<String> texts) throws EmbeddingException {
        return embedAll(texts.stream().map(model()::passageInput).toList());
    }

    /**
     * Embeds a search query with the model's query instruction ({@link ModelSpec#queryInput(String)}).
     *
     * @return {@code float[dimension]}
     * @throws EmbeddingException when the model fails
     */
    default float[] embedQuery(String query) throws EmbeddingException {
        return embed(List.of(model().queryInput(query)))[0];
    }

    /** Receives the finished calls of {@link #embedAll(List, int[], BatchSink)}. */
    @FunctionalInterface
    interface BatchSink {
        void accept(EmbeddedBatch batch);
    }

    /** The model's tokenizer as a counter, for token-bounded chunking. */
    TokenCounter tokenCounter();

    @Override
    void close();
}
