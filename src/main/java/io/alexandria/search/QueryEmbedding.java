package io.alexandria.search;

import io.alexandria.embedding.Embedder;
import io.alexandria.embedding.EmbeddingException;
import io.alexandria.embedding.ModelSpec;
import java.util.List;
import java.util.Locale;

/**
 * Embeds a search question the way its model wants questions embedded: with the model's query
 * instruction when it has one. A seam: once the model catalogue declares query instructions
 * ({@code Embedder.embedQuery}), {@link #of(Embedder)} becomes {@code embedder::embedQuery}.
 */
@FunctionalInterface
public interface QueryEmbedding {
    /**
     * BGE's instruction for short queries searching passages (model card of BAAI/bge-small-en-v1.5,
     * "Using FlagEmbedding"; the same for bge-base-en-v1.5). Passages are embedded without it.
     */
    String BGE_QUERY_INSTRUCTION = "Represent this sentence for searching relevant passages: ";

    /**
     * The question's dense vector.
     *
     * @return {@code float[dimension]} of the model, L2-normalised when the model normalises
     * @throws EmbeddingException when the model fails
     */
    float[] embed(String question) throws EmbeddingException;

    /** {@code embedder} with its model's query instruction ({@link #instructionFor}). */
    static QueryEmbedding of(Embedder embedder) {
        String prefix = instructionFor(embedder.model());
        return question -> embedder.embed(List.of(prefix + question))[0];
    }

    /**
     * The text put before a question for {@code model}: {@link #BGE_QUERY_INSTRUCTION} for the
     * English BGE v1.5 models (ids containing {@code bge-} and {@code -en-}: the bundled
     * {@code bge-small-en-v1.5-q}, {@code baai/bge-small-en-v1.5}, {@code baai/bge-base-en-v1.5}),
     * else nothing (bge-m3 and MiniLM take questions as they are).
     */
    static String instructionFor(ModelSpec model) {
        String id = model.id().toLowerCase(Locale.ROOT);
        return id.contains("bge-") && id.contains("-en-") ? BGE_QUERY_INSTRUCTION : "";
    }
}
