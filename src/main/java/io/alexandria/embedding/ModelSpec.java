package io.alexandria.embedding;

/**
 * What a model declares about itself.
 *
 * @param id         stable identifier, lower case, used in collection names, e.g.
 *                   {@code bge-small-en-v1.5-q}
 * @param dimension  length of every vector, e.g. 384
 * @param maxTokens  longest input in tokens, special tokens included (e.g. 512)
 * @param pooling    how token states are pooled
 * @param normalize  whether vectors are L2-normalised (all built-in models: true)
 */
public record ModelSpec(String id, int dimension, int maxTokens, Pooling pooling, boolean normalize) {
    public ModelSpec {
        if (id == null || id.isBlank()) {
            throw new IllegalArgumentException("model id is blank");
        }
        if (dimension <= 0 || maxTokens <= 2) {
            throw new IllegalArgumentException("bad model dimension/maxTokens: " + dimension + "/" + maxTokens);
        }
    }
}
