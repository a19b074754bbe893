package io.alexandria.chunking;

/**
 * Chunk size bounds.
 *
 * @param maxTokens     most model tokens per chunk including its context line, special tokens
 *                      excluded (default 256; must leave room below the model's own limit)
 * @param overlapTokens most tokens of trailing text repeated at the start of the next chunk of the
 *                      same section (default 32)
 */
public record ChunkingOptions(int maxTokens, int overlapTokens) {
    public ChunkingOptions {
        if (maxTokens < 16) {
            throw new IllegalArgumentException("maxTokens must be at least 16, was " + maxTokens);
        }
        if (overlapTokens < 0 || overlapTokens >= maxTokens / 2) {
            throw new IllegalArgumentException("overlapTokens must be in [0, maxTokens/2), was " + overlapTokens);
        }
    }

    /** 256 tokens with 32 tokens of overlap. */
    public static ChunkingOptions defaults() {
        return new ChunkingOptions(256, 32);
    }
}
