package io.alexandria.chunking;

/**
 * Counts tokens the way the embedding model's own tokenizer does, without special tokens
 * ([CLS], [SEP]). Must count the whole text, never truncating at the model's input limit (the
 * {@link Chunker} relies on it to keep every chunk within its bound). Thread-safe.
 */
public interface TokenCounter {
    /** Number of model tokens in {@code text}, special tokens excluded. */
    int count(String text);
}
