package io.alexandria.testsupport;

import io.alexandria.embedding.BundledModel;
import io.alexandria.embedding.EmbeddingException;
import io.alexandria.embedding.ModelTokenCounter;
import io.alexandria.embedding.OnnxEmbedder;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;

/**
 * The real bundled model for tests, unpacked once per test JVM into {@code target/test-models}
 * and shared (loading it takes about a second).
 */
public final class TestModels {
    private static final Path MODELS = Path.of("target", "test-models").toAbsolutePath();
    private static OnnxEmbedder shared;
    private static ModelTokenCounter counter;

    private TestModels() {
    }

    /** The models folder tests use as the app's {@code models/} directory. */
    public static Path modelsDir() {
        return MODELS;
    }

    /** A shared embedder of the bundled model; do not close it. */
    public static synchronized OnnxEmbedder bundled() {
        if (shared == null) {
            try {
                shared = BundledModel.load(MODELS);
            } catch (EmbeddingException e) {
                throw new IllegalStateException(e);
            }
        }
        return shared;
    }

    /** A fresh embedder of the bundled model that the caller owns (and closes). */
    public static OnnxEmbedder freshBundled() {
        try {
            return BundledModel.load(MODELS);
        } catch (EmbeddingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The bundled model's tokenizer as a counter (shared; do not close). */
    public static synchronized ModelTokenCounter tokenCounter() {
        if (counter == null) {
            try {
                counter = ModelTokenCounter.load(BundledModel.tokenizerFile(MODELS));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return counter;
    }
}
