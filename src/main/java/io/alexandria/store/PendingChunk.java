package io.alexandria.store;

import java.util.List;
import java.util.UUID;

/**
 * A chunk of the next version of a document, between the chunked and uploaded stages.
 *
 * @param textHash SHA-256 (hex) of {@code input}, the embedding-cache key
 * @param tokens   model tokens of {@code input}
 * @param text     chunk text (payload field {@code text})
 * @param input    the exact model input: context line + text
 */
public record PendingChunk(long documentId, int ordinal, String textHash, UUID pointId, int tokens, String text,
                           String input, List<String> headingPath, String chapter, Integer page) {
    public PendingChunk {
        headingPath = List.copyOf(headingPath);
    }
}
