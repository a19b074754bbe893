package io.alexandria.embedding;

import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import io.alexandria.chunking.TokenCounter;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * A {@link TokenCounter} backed by a model's own HuggingFace {@code tokenizer.json}, through DJL's
 * Rust tokenizer binding: no padding, no truncation, special tokens excluded.
 */
public final class ModelTokenCounter implements TokenCounter, AutoCloseable {
    private final HuggingFaceTokenizer tokenizer;

    private ModelTokenCounter(HuggingFaceTokenizer tokenizer) {
        this.tokenizer = tokenizer;
    }

    /**
     * Loads the counter from a {@code tokenizer.json} file.
     *
     * @throws IOException when the file is missing or not a tokenizer definition
     */
    public static ModelTokenCounter load(Path tokenizerJson) throws IOException {
        try (InputStream in = Files.newInputStream(tokenizerJson)) {
            return new ModelTokenCounter(HuggingFaceTokenizer.newInstance(in, Map.of(
                    "addSpecialTokens", "false", "padding", "false", "truncation", "false")));
        }
    }

    @Override
    public int count(String text) {
        if (text.isEmpty()) {
            return 0;
        }
        return tokenizer.encode(text, false, false).getIds().length;
    }

    @Override
    public void close() {
        tokenizer.close();
    }
}
