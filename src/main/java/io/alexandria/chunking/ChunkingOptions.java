package io.alexandria.chunking;

/**
 * Chunk size bounds. Every chunk the {@link Chunker} makes, whatever the input, has at most
 * {@code maxTokens} model tokens and at most {@code maxChars} characters in its embedded text
 * ({@link Chunk#embeddingInput()}: context line and text).
 *
 * <table>
 *   <caption>Options, their units and defaults</caption>
 *   <tr><th>component</th><th>unit</th><th>default</th></tr>
 *   <tr><td>maxTokens</td><td>model tokens, special tokens excluded</td><td>256</td></tr>
 *   <tr><td>overlapTokens</td><td>model tokens</td><td>32</td></tr>
 *   <tr><td>minTokens</td><td>model tokens</td><td>48 ({@code maxTokens × 3 / 16})</td></tr>
 *   <tr><td>maxChars</td><td>UTF-16 characters</td><td>2,048 ({@code maxTokens × 8})</td></tr>
 * </table>
 *
 * @param maxTokens     most model tokens per chunk including its context line, special tokens
 *                      excluded (must leave room below the model's own limit, 512 for the bundled
 *                      model)
 * @param overlapTokens most tokens of trailing text repeated at the start of the next chunk of the
 *                      same section
 * @param minTokens     a section whose text makes a chunk of fewer tokens than this (a heading and a
 *                      line) is merged with a neighbouring section when the two fit in one chunk;
 *                      0 turns merging off
 * @param maxChars      most characters of embedded text per chunk. The tokenizer turns a word of
 *                      more than 100 characters into one unknown token, so a 5 MB "word" counts as 1
 *                      token; this bound keeps such text split too (real text averages 4–5
 *                      characters per token, so it never binds for prose)
 */
public record ChunkingOptions(int maxTokens, int overlapTokens, int minTokens, int maxChars) {
    /** Default {@link #maxTokens()}. */
    public static final int DEFAULT_MAX_TOKENS = 256;
    /** Default {@link #overlapTokens()}. */
    public static final int DEFAULT_OVERLAP_TOKENS = 32;

    public ChunkingOptions {
        if (maxTokens < 16) {
            throw new IllegalArgumentException("maxTokens must be at least 16, was " + maxTokens);
        }
        if (overlapTokens < 0 || overlapTokens >= maxTokens / 2) {
            throw new IllegalArgumentException("overlapTokens must be in [0, maxTokens/2), was " + overlapTokens);
        }
        if (minTokens < 0 || minTokens > maxTokens / 2) {
            throw new IllegalArgumentException("minTokens must be in [0, maxTokens/2], was " + minTokens);
        }
        if (maxChars < 4 * maxTokens / 2 || maxChars < 64) {
            throw new IllegalArgumentException("maxChars must be at least 2 x maxTokens and 64, was " + maxChars);
        }
    }

    /**
     * Options with the given token bounds; {@code minTokens} is {@code maxTokens × 3 / 16} and
     * {@code maxChars} is {@code maxTokens × 8}.
     */
    public ChunkingOptions(int maxTokens, int overlapTokens) {
        this(maxTokens, overlapTokens, maxTokens * 3 / 16, maxTokens * 8);
    }

    /** 256 tokens with 32 tokens of overlap, sections under 48 tokens merged, at most 2,048 characters. */
    public static ChunkingOptions defaults() {
        return new ChunkingOptions(DEFAULT_MAX_TOKENS, DEFAULT_OVERLAP_TOKENS);
    }

    /** These options with another {@link #minTokens()} (0: no merging). */
    public ChunkingOptions withMinTokens(int tokens) {
        return new ChunkingOptions(maxTokens, overlapTokens, tokens, maxChars);
    }

    /** These options with another {@link #maxChars()}. */
    public ChunkingOptions withMaxChars(int chars) {
        return new ChunkingOptions(maxTokens, overlapTokens, minTokens, chars);
    }

    /**
     * Most tokens of the context line (heading path or chapter): half of {@link #maxTokens()}, so the
     * text always has at least the other half.
     */
    public int maxContextTokens() {
        return maxTokens / 2;
    }

    /** Most characters of the context line: a quarter of {@link #maxChars()}. */
    public int maxContextChars() {
        return maxChars / 4;
    }
}
