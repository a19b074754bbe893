package io.alexandria.embedding;

import io.alexandria.common.Hashes;

/**
 * What a model declares about itself.
 *
 * <p>Instructions: some models are trained to see a fixed text before a query or a passage and
 * embed worse without it. BGE English v1.5 models take the query instruction
 * {@value #BGE_QUERY_INSTRUCTION} and nothing before passages; E5 models take {@code "query: "}
 * and {@code "passage: "} (both from the models' cards on huggingface.co). {@link #queryInput} and
 * {@link #passageInput} build the exact model input.
 *
 * @param id                stable identifier, lower case, used in collection names, e.g.
 *                          {@code bge-small-en-v1.5-q}
 * @param dimension         length of every vector, e.g. 384
 * @param maxTokens         longest input in tokens, special tokens included (e.g. 512)
 * @param pooling           how token states are pooled
 * @param normalize         whether vectors are L2-normalised (all built-in models: true)
 * @param queryInstruction  text put before a search query ({@code ""}: none); never null
 * @param passagePrefix     text put before every passage (chunk) that is indexed ({@code ""}:
 *                          none); never null. It is part of what the vectors mean, so it is part
 *                          of {@link #key()}
 */
public record ModelSpec(String id, int dimension, int maxTokens, Pooling pooling, boolean normalize,
                        String queryInstruction, String passagePrefix) {
    /** BGE English v1.5's query instruction (its model card's "query_instruction_for_retrieval"). */
    public static final String BGE_QUERY_INSTRUCTION = "Represent this sentence for searching relevant passages: ";
    /** E5's query prefix. */
    public static final String E5_QUERY = "query: ";
    /** E5's passage prefix. */
    public static final String E5_PASSAGE = "passage: ";

    public ModelSpec {
        if (id == null || id.isBlank()) {
            throw new IllegalArgumentException("model id is blank");
        }
        if (dimension <= 0 || maxTokens <= 2) {
            throw new IllegalArgumentException("bad model dimension/maxTokens: " + dimension + "/" + maxTokens);
        }
        queryInstruction = queryInstruction == null ? "" : queryInstruction;
        passagePrefix = passagePrefix == null ? "" : passagePrefix;
    }

    /** A model without instructions. */
    public ModelSpec(String id, int dimension, int maxTokens, Pooling pooling, boolean normalize) {
        this(id, dimension, maxTokens, pooling, normalize, "", "");
    }

    /** A copy with these instructions ({@code null}: none). */
    public ModelSpec withInstructions(String query, String passage) {
        return new ModelSpec(id, dimension, maxTokens, pooling, normalize, query, passage);
    }

    /** The model input for a search query: the query instruction, then the query. */
    public String queryInput(String query) {
        return queryInstruction + query;
    }

    /** The model input for a passage (a chunk to index): the passage prefix, then the text. */
    public String passageInput(String text) {
        return passagePrefix + text;
    }

    /**
     * What identifies this model's vectors, for collection names and the embedding cache: the
     * {@link #id()} when the model has no passage prefix (all English BGE models, so their keys
     * are their ids), else the id, {@code "+p"} and the first 8 hex digits of the prefix's
     * SHA-256, e.g. {@code intfloat/multilingual-e5-small-q+p1a2b3c4d}. The same id with another
     * passage prefix (a local model folder whose descriptor changed) is another key, so its
     * vectors never mix with the old ones. The query instruction is not part of it: it changes
     * no stored vector.
     */
    public String key() {
        if (passagePrefix.isEmpty()) {
            return id;
        }
        return id + "+p" + Hashes.sha256(passagePrefix).substring(0, 8);
    }
}
