package io.alexandria.search;

import io.alexandria.embedding.Embedder;
import io.alexandria.embedding.EmbeddingException;
import io.alexandria.embedding.ModelSpec;
import io.alexandria.keywords.TextLanguage;
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

    /**
     * Whether the model was trained on text of {@code language}, so that its vectors of such a
     * question mean something. The default: yes.
     */
    default boolean covers(TextLanguage language) {
        return true;
    }

    /**
     * {@code embedder} with its model's query instruction ({@link #instructionFor}) and the
     * languages it covers ({@link #englishOnly}).
     */
    static QueryEmbedding of(Embedder embedder) {
        String prefix = instructionFor(embedder.model());
        boolean englishOnly = englishOnly(embedder.model());
        return new QueryEmbedding() {
            @Override
            public float[] embed(String question) throws EmbeddingException {
                return embedder.embed(List.of(prefix + question))[0];
            }

            @Override
            public boolean covers(TextLanguage language) {
                return !englishOnly || language == TextLanguage.ENGLISH;
            }
        };
    }

    /**
     * Whether {@code model} was trained on English alone: the English BGE models (ids containing
     * {@code -en-}, the bundled one included) and sentence-transformers' {@code all-minilm}. Their
     * vectors of Japanese questions find the right note first for 0.13–0.20 of the Japanese
     * questions of {@code src/test/resources/eval/} (keywords alone: 0.40–0.70). Other models
     * (bge-m3, local folders) are taken to cover every language.
     */
    static boolean englishOnly(ModelSpec model) {
        String id = model.id().toLowerCase(Locale.ROOT);
        return (id.contains("bge-") && id.contains("-en-")) || id.contains("all-minilm");
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
