package io.alexandria.embedding;

import java.nio.file.Path;

/** Loads the embedder a model id names. */
public final class Embedders {
    private Embedders() {
    }

    /**
     * Loads a model.
     *
     * @param modelId   a model id; {@code bge-small-en-v1.5-q} is the bundled default
     * @param device    {@code auto}, {@code cpu} or {@code cuda:N}
     * @param modelsDir where models are unpacked or downloaded
     * @throws EmbeddingException when the model is unknown or cannot be loaded
     */
    public static Embedder load(String modelId, String device, Path modelsDir) throws EmbeddingException {
        if (modelId == null || modelId.equals(BundledModel.SPEC.id())) {
            return BundledModel.load(modelsDir);
        }
        throw new EmbeddingException("unknown model '" + modelId + "' (available: " + BundledModel.SPEC.id() + ")");
    }
}
