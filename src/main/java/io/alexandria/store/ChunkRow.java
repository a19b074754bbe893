package io.alexandria.store;

import java.util.UUID;

/** One row of {@code chunks}: a point the ledger says is in Qdrant. */
public record ChunkRow(long documentId, int ordinal, String textHash, UUID pointId, int tokens) {
}
