package io.alexandria.chunking;

/**
 * Counts tokens the way the embedding model's own tokenizer does, without special tokens
 * ([CLS], [SEP]). Thread-safe.
 */
public interface TokenCounter {
    /** Number of model tokens in {@code text}, special tokens excluded. */
    int count(String text);
}
