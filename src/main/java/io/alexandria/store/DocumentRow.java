package io.alexandria.store;

import java.time.Instant;
import java.util.UUID;

/**
 * One row of the {@code documents} table: what the ledger knows about a note or book.
 *
 * @param sizeBytes   file size in bytes at the last scan
 * @param mtimeMs     file modification time, ms since the epoch, at the last scan
 * @param metadataJson   the source's metadata at the last scan (JSON object) or null
 * @param docPayloadJson document-level payload fields last written to Qdrant (JSON object) or null
 * @param chunkCount  chunks (= points) the indexed version has in Qdrant
 * @param chunkingMs  ms spent extracting and chunking the current ingest
 * @param embeddingMs ms of embedding batches attributed to the current ingest
 * @param uploadMs    ms spent upserting the current ingest
 */
public record DocumentRow(long id, UUID docUuid, DocumentKey key, String rootPath, String filePath, String title,
                          String format, long sizeBytes, long mtimeMs, String contentHash, String metadataHash,
                          String metadataJson, String docPayloadJson, SyncStatus status, Stage stage, int chunkCount, Instant indexedAt,
                          String errorType, String lastError, int attempts, Instant notBefore, UUID runId,
                          Instant workStartedAt, long chunkingMs, long embeddingMs, long uploadMs,
                          Instant updatedAt) {

    /** This row with another title (the one extraction found). */
    public DocumentRow withTitle(String newTitle) {
        return new DocumentRow(id, docUuid, key, rootPath, filePath, newTitle, format, sizeBytes, mtimeMs, contentHash,
                metadataHash, metadataJson, docPayloadJson, status, stage, chunkCount, indexedAt, errorType, lastError,
                attempts, notBefore, runId, workStartedAt, chunkingMs, embeddingMs, uploadMs, updatedAt);
    }
}
