package io.alexandria.store;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * The SQL of the {@code documents}, {@code chunks} and {@code pending_chunks} tables: what should
 * be in Qdrant (the local ledger is the source of truth) and the work in flight between stages
 * ({@code docs/architecture.md}, "Ledger tables"). Every method takes the caller's connection;
 * the pipeline's transitions ({@code io.alexandria.pipeline.PipelineStore}) combine them, with
 * their outbox events, into one transaction each.
 */
public final class Ledger {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String COLUMNS = "id, doc_uuid, source, scope, source_id, root_path, file_path, title, format, "
            + "size_bytes, mtime_ms, content_hash, metadata_hash, metadata_json, doc_payload, status, stage, chunk_count, indexed_at, "
            + "error_type, last_error, attempts, not_before, run_id, work_started_at, chunking_ms, embedding_ms, "
            + "upload_ms, updated_at";

    /** The row for {@code key}, if the ledger has one. */
    public Optional<DocumentRow> find(Connection c, DocumentKey key) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS
                + " FROM documents WHERE source = ? AND scope = ? AND source_id = ?")) {
            ps.setString(1, key.source());
            ps.setString(2, key.scope());
            ps.setString(3, key.sourceId());
            return first(ps);
        }
    }

    /** The row with primary key {@code id}. */
    public Optional<DocumentRow> get(Connection c, long id) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS + " FROM documents WHERE id = ?")) {
            ps.setLong(1, id);
            return first(ps);
        }
    }

    /** The row whose deterministic document uuid is {@code docUuid}. */
    public Optional<DocumentRow> getByUuid(Connection c, UUID docUuid) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS + " FROM documents WHERE doc_uuid = ?")) {
            ps.setObject(1, docUuid);
            return first(ps);
        }
    }

    /** All rows of one source and scope (a vault, a library), deleted ones included. */
    public List<DocumentRow> listScope(Connection c, String source, String scope) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS
                + " FROM documents WHERE source = ? AND scope = ? ORDER BY id")) {
            ps.setString(1, source);
            ps.setString(2, scope);
            return all(ps);
        }
    }

    /** The scopes (e.g. Calibre library uuids) of a source's documents under {@code rootPath}. */
    public List<String> scopesForRoot(Connection c, String source, String rootPath) throws SQLException {
        List<String> out = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT DISTINCT scope FROM documents WHERE source = ? "
                + "AND root_path = ? ORDER BY scope")) {
            ps.setString(1, source);
            ps.setString(2, rootPath);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(rs.getString(1));
                }
            }
        }
        return out;
    }

    /** Every row, ordered by id. */
    public List<DocumentRow> listAll(Connection c) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS + " FROM documents ORDER BY id")) {
            return all(ps);
        }
    }

    /** Rows with the given status, newest change first, at most {@code limit}. */
    public List<DocumentRow> listByStatus(Connection c, SyncStatus status, int limit) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS
                + " FROM documents WHERE status = ? ORDER BY updated_at DESC LIMIT ?")) {
            ps.setString(1, status.key());
            ps.setInt(2, limit);
            return all(ps);
        }
    }

    /**
     * Up to {@code limit} rows waiting in {@code stage} whose retry backoff has passed, oldest
     * first.
     */
    public List<DocumentRow> waiting(Connection c, Stage stage, int limit) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS + " FROM documents WHERE stage = ? "
                + "AND (not_before IS NULL OR not_before <= CURRENT_TIMESTAMP) ORDER BY id LIMIT ?")) {
            ps.setString(1, stage.name());
            ps.setInt(2, limit);
            return all(ps);
        }
    }

    /** Inserts a newly detected document (status pending, stage detected); returns its id. */
    public long insertDetected(Connection c, DocumentKey key, UUID docUuid, SourceFacts facts, UUID runId)
            throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO documents (doc_uuid, source, scope, source_id, "
                + "root_path, file_path, title, format, size_bytes, mtime_ms, content_hash, metadata_hash, metadata_json, "
                + "status, stage, run_id) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)", new String[] {"ID"})) {
            ps.setObject(1, docUuid);
            ps.setString(2, key.source());
            ps.setString(3, key.scope());
            ps.setString(4, key.sourceId());
            setFacts(ps, 5, facts);
            ps.setString(14, SyncStatus.PENDING.key());
            ps.setString(15, Stage.DETECTED.name());
            ps.setObject(16, runId);
            ps.executeUpdate();
            try (ResultSet rs = ps.getGeneratedKeys()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    /**
     * Queues a known document for (re-)ingest: new facts, stage detected, status pending when it
     * was never indexed or stale when an older version is in Qdrant; clears errors and metrics.
     */
    public void markDetected(Connection c, long id, SourceFacts facts, UUID runId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("UPDATE documents SET root_path=?, file_path=?, title=?, "
                + "format=?, size_bytes=?, mtime_ms=?, content_hash=?, metadata_hash=?, metadata_json=?, "
                + "status = CASE WHEN chunk_count > 0 AND status IN ('synced','stale') THEN 'stale' ELSE 'pending' END, "
                + "stage=?, error_type=NULL, last_error=NULL, attempts=0, not_before=NULL, run_id=?, "
                + "work_started_at=NULL, chunking_ms=0, embedding_ms=0, upload_ms=0, restoring=FALSE, vanished_at=NULL, "
                + "updated_at=CURRENT_TIMESTAMP WHERE id=?")) {
            setFacts(ps, 1, facts);
            ps.setString(10, Stage.DETECTED.name());
            ps.setObject(11, runId);
            ps.setLong(12, id);
            ps.executeUpdate();
        }
    }

    /** Moves a document to a new identity (a renamed note) and queues it for re-ingest. */
    public void rename(Connection c, long id, DocumentKey newKey, UUID newDocUuid, SourceFacts facts, UUID runId)
            throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "UPDATE documents SET source=?, scope=?, source_id=?, doc_uuid=? WHERE id=?")) {
            ps.setString(1, newKey.source());
            ps.setString(2, newKey.scope());
            ps.setString(3, newKey.sourceId());
            ps.setObject(4, newDocUuid);
            ps.setLong(5, id);
            ps.executeUpdate();
        }
        markDetected(c, id, facts, runId);
    }

    /** Records new size/mtime (and facts) for a document whose content did not change. */
    public void refreshFacts(Connection c, long id, SourceFacts facts) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("UPDATE documents SET root_path=?, file_path=?, title=?, "
                + "format=?, size_bytes=?, mtime_ms=?, content_hash=?, metadata_hash=?, metadata_json=? WHERE id=?")) {
            setFacts(ps, 1, facts);
            ps.setLong(10, id);
            ps.executeUpdate();
        }
    }

    /** Queues a payload-only update (metadata changed, content did not). */
    public void markPayloadUpdate(Connection c, long id, SourceFacts facts, UUID runId) throws SQLException {
        refreshFacts(c, id, facts);
        setStage(c, id, Stage.PAYLOAD, null, runId);
    }

    /** Queues removal of a document's points; the moment is kept for the mass-deletion guard's window. */
    public void markDeleting(Connection c, long id, UUID runId) throws SQLException {
        setStage(c, id, Stage.DELETING, null, runId);
        try (PreparedStatement ps = c.prepareStatement("UPDATE documents SET vanished_at=CURRENT_TIMESTAMP WHERE id=?")) {
            ps.setLong(1, id);
            ps.executeUpdate();
        }
    }

    /**
     * How many documents of one source and scope that had been indexed were queued for deletion
     * (left their source) at or after {@code since}: the mass-deletion guard's sliding window.
     * Documents never indexed have no points and are not counted.
     */
    public int recentDeletions(Connection c, String source, String scope, Instant since) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT COUNT(*) FROM documents WHERE source=? AND scope=? "
                + "AND vanished_at >= ? AND indexed_at IS NOT NULL AND (stage='DELETING' OR status='deleted')")) {
            ps.setString(1, source);
            ps.setString(2, scope);
            ps.setObject(3, odt(since));
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getInt(1);
            }
        }
    }

    /**
     * Synced, idle documents with points, as {@link IndexedDocument}s (a light read: no text or
     * payload columns), for comparing the ledger with Qdrant.
     */
    public List<IndexedDocument> indexedDocuments(Connection c) throws SQLException {
        List<IndexedDocument> out = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT id, doc_uuid, source, scope, chunk_count FROM documents "
                + "WHERE status='synced' AND stage='IDLE' AND chunk_count > 0 ORDER BY id");
             ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                out.add(new IndexedDocument(rs.getLong(1), rs.getObject(2, UUID.class), rs.getString(3),
                        rs.getString(4), rs.getInt(5)));
            }
        }
        return out;
    }

    /**
     * Queues synced documents whose points Qdrant lost for a re-upload (stage detected, status
     * pending, {@code restoring}): re-extracted from their source, vectors from the embedding
     * cache, and no new ingest events. Only documents still synced and idle move. Returns how many.
     */
    public int markRestoring(Connection c, Collection<Long> ids, UUID runId) throws SQLException {
        int n = 0;
        try (PreparedStatement ps = c.prepareStatement("UPDATE documents SET stage='DETECTED', status='pending', "
                + "restoring=TRUE, run_id=COALESCE(?, run_id), not_before=NULL, attempts=0, error_type=NULL, "
                + "last_error=NULL, work_started_at=NULL, chunking_ms=0, embedding_ms=0, upload_ms=0, "
                + "updated_at=CURRENT_TIMESTAMP WHERE id=? AND stage='IDLE' AND status='synced'")) {
            for (long id : ids) {
                ps.setObject(1, runId);
                ps.setLong(2, id);
                n += ps.executeUpdate();
            }
        }
        return n;
    }

    /** Whether a document is being restored (its events were queued by its first ingest). */
    public boolean restoring(Connection c, long id) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT restoring FROM documents WHERE id=?")) {
            ps.setLong(1, id);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() && rs.getBoolean(1);
            }
        }
    }

    /** Documents still being restored, and their points (chunk rows) in all. */
    public long[] restoringCounts(Connection c) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT COUNT(*), COALESCE(SUM(chunk_count),0) FROM documents "
                + "WHERE restoring=TRUE"); ResultSet rs = ps.executeQuery()) {
            rs.next();
            return new long[] {rs.getLong(1), rs.getLong(2)};
        }
    }

    /** Sets a document's stage and (when non-null) status. */
    public void setStage(Connection c, long id, Stage stage, SyncStatus status, UUID runId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("UPDATE documents SET stage=?, "
                + "status=COALESCE(?, status), run_id=COALESCE(?, run_id), not_before=NULL, "
                + "updated_at=CURRENT_TIMESTAMP WHERE id=?")) {
            ps.setString(1, stage.name());
            ps.setString(2, status == null ? null : status.key());
            ps.setObject(3, runId);
            ps.setLong(4, id);
            ps.executeUpdate();
        }
    }

    /**
     * Extraction and chunking succeeded: stores the pending chunks and moves the document to the
     * chunked stage.
     *
     * @param chunkingMs time spent extracting and chunking, ms
     */
    public void saveChunked(Connection c, long id, String title, String docPayloadJson, List<PendingChunk> chunks,
                            Instant workStartedAt, long chunkingMs) throws SQLException {
        deletePending(c, id);
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO pending_chunks (document_id, ordinal, text_hash, "
                + "point_id, tokens, text, input, heading_path, chapter, page) VALUES (?,?,?,?,?,?,?,?,?,?)")) {
            for (PendingChunk ch : chunks) {
                ps.setLong(1, id);
                ps.setInt(2, ch.ordinal());
                ps.setString(3, ch.textHash());
                ps.setObject(4, ch.pointId());
                ps.setInt(5, ch.tokens());
                ps.setString(6, ch.text());
                ps.setString(7, ch.input());
                ps.setString(8, toJson(ch.headingPath()));
                ps.setString(9, ch.chapter());
                if (ch.page() == null) {
                    ps.setNull(10, Types.INTEGER);
                } else {
                    ps.setInt(10, ch.page());
                }
                ps.addBatch();
            }
            ps.executeBatch();
        }
        try (PreparedStatement ps = c.prepareStatement("UPDATE documents SET stage=?, title=COALESCE(?, title), "
                + "doc_payload=?, work_started_at=?, chunking_ms=?, embedding_ms=0, upload_ms=0, not_before=NULL, "
                + "updated_at=CURRENT_TIMESTAMP WHERE id=?")) {
            ps.setString(1, Stage.CHUNKED.name());
            ps.setString(2, title);
            ps.setString(3, docPayloadJson);
            ps.setObject(4, odt(workStartedAt));
            ps.setLong(5, chunkingMs);
            ps.setLong(6, id);
            ps.executeUpdate();
        }
    }

    /**
     * The document cannot be ingested (bad input): status failed, stage idle, reason kept; its
     * previously indexed version (if any) stays in Qdrant untouched.
     */
    public void saveFailed(Connection c, long id, String errorType, String message) throws SQLException {
        deletePending(c, id);
        try (PreparedStatement ps = c.prepareStatement("UPDATE documents SET status='failed', stage='IDLE', "
                + "error_type=?, last_error=?, not_before=NULL, restoring=FALSE, updated_at=CURRENT_TIMESTAMP WHERE id=?")) {
            ps.setString(1, errorType);
            ps.setString(2, message);
            ps.setLong(3, id);
            ps.executeUpdate();
        }
    }

    /**
     * A transient failure (Qdrant down, model out of memory): the document keeps its stage and is
     * not picked again before {@code notBefore}.
     */
    public void deferRetry(Connection c, long id, Instant notBefore, String message) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("UPDATE documents SET attempts=attempts+1, not_before=?, "
                + "last_error=? WHERE id=?")) {
            ps.setObject(1, odt(notBefore));
            ps.setString(2, message);
            ps.setLong(3, id);
            ps.executeUpdate();
        }
    }

    /** Adds {@code ms} of embedding time to a document's current ingest. */
    public void addEmbeddingMs(Connection c, Map<Long, Long> msByDocument) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "UPDATE documents SET embedding_ms = embedding_ms + ? WHERE id = ?")) {
            for (var e : msByDocument.entrySet()) {
                ps.setLong(1, e.getValue());
                ps.setLong(2, e.getKey());
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }

    /** Moves chunked documents whose every pending chunk has a vector for {@code model} to embedded. */
    public int promoteEmbedded(Connection c, String model) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("UPDATE documents d SET stage='EMBEDDED' WHERE stage='CHUNKED' "
                + "AND NOT EXISTS (SELECT 1 FROM pending_chunks p WHERE p.document_id = d.id AND NOT EXISTS "
                + "(SELECT 1 FROM embeddings e WHERE e.model = ? AND e.text_hash = p.text_hash))")) {
            ps.setString(1, model);
            return ps.executeUpdate();
        }
    }

    /**
     * Pending chunks of chunked documents that have no vector for {@code model} yet, one per
     * distinct text hash, at most {@code limit}, oldest document first.
     */
    public List<PendingChunk> chunksToEmbed(Connection c, String model, int limit) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT p.document_id, p.ordinal, p.text_hash, p.point_id, "
                + "p.tokens, p.text, p.input, p.heading_path, p.chapter, p.page FROM pending_chunks p "
                + "JOIN documents d ON d.id = p.document_id WHERE d.stage = 'CHUNKED' "
                + "AND (d.not_before IS NULL OR d.not_before <= CURRENT_TIMESTAMP) AND NOT EXISTS "
                + "(SELECT 1 FROM embeddings e WHERE e.model = ? AND e.text_hash = p.text_hash) "
                + "ORDER BY p.document_id, p.ordinal LIMIT ?")) {
            ps.setString(1, model);
            ps.setInt(2, limit);
            Set<String> seen = new HashSet<>();
            List<PendingChunk> out = new ArrayList<>();
            for (PendingChunk p : pendingRows(ps)) {
                if (seen.add(p.textHash())) { // a text shared by chunks is embedded once
                    out.add(p);
                }
            }
            return out;
        }
    }

    /** A document's pending chunks in ordinal order. */
    public List<PendingChunk> pending(Connection c, long documentId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT document_id, ordinal, text_hash, point_id, tokens, text, "
                + "input, heading_path, chapter, page FROM pending_chunks WHERE document_id = ? ORDER BY ordinal")) {
            ps.setLong(1, documentId);
            return pendingRows(ps);
        }
    }

    /** Removes a document's pending chunks. */
    public void deletePending(Connection c, long documentId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("DELETE FROM pending_chunks WHERE document_id = ?")) {
            ps.setLong(1, documentId);
            ps.executeUpdate();
        }
    }

    /** The chunks the ledger records as in Qdrant for a document, in ordinal order. */
    public List<ChunkRow> chunks(Connection c, long documentId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT document_id, ordinal, text_hash, point_id, tokens "
                + "FROM chunks WHERE document_id = ? ORDER BY ordinal")) {
            ps.setLong(1, documentId);
            List<ChunkRow> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new ChunkRow(rs.getLong(1), rs.getInt(2), rs.getString(3), rs.getObject(4, UUID.class),
                            rs.getInt(5)));
                }
            }
            return out;
        }
    }

    /**
     * The upload stage finished: the pending chunks become the document's chunks, the document is
     * synced and idle.
     */
    public void commitUploaded(Connection c, long id, List<PendingChunk> chunks, long uploadMs) throws SQLException {
        try (PreparedStatement del = c.prepareStatement("DELETE FROM chunks WHERE document_id = ?")) {
            del.setLong(1, id);
            del.executeUpdate();
        }
        try (PreparedStatement ps = c.prepareStatement(
                "INSERT INTO chunks (document_id, ordinal, text_hash, point_id, tokens) VALUES (?,?,?,?,?)")) {
            for (PendingChunk ch : chunks) {
                ps.setLong(1, id);
                ps.setInt(2, ch.ordinal());
                ps.setString(3, ch.textHash());
                ps.setObject(4, ch.pointId());
                ps.setInt(5, ch.tokens());
                ps.addBatch();
            }
            ps.executeBatch();
        }
        deletePending(c, id);
        try (PreparedStatement ps = c.prepareStatement("UPDATE documents SET status='synced', stage='IDLE', "
                + "chunk_count=?, indexed_at=CURRENT_TIMESTAMP, upload_ms=upload_ms+?, error_type=NULL, "
                + "last_error=NULL, attempts=0, not_before=NULL, restoring=FALSE, updated_at=CURRENT_TIMESTAMP WHERE id=?")) {
            ps.setInt(1, chunks.size());
            ps.setLong(2, uploadMs);
            ps.setLong(3, id);
            ps.executeUpdate();
        }
    }

    /** The document's points are gone from Qdrant: status deleted, no chunks, stage idle. */
    public void commitDeleted(Connection c, long id) throws SQLException {
        try (PreparedStatement del = c.prepareStatement("DELETE FROM chunks WHERE document_id = ?")) {
            del.setLong(1, id);
            del.executeUpdate();
        }
        deletePending(c, id);
        try (PreparedStatement ps = c.prepareStatement("UPDATE documents SET status='deleted', stage='IDLE', "
                + "chunk_count=0, not_before=NULL, restoring=FALSE, updated_at=CURRENT_TIMESTAMP WHERE id=?")) {
            ps.setLong(1, id);
            ps.executeUpdate();
        }
    }

    /** Payload update done: the new document payload is recorded; back to idle, synced. */
    public void commitPayloadUpdated(Connection c, long id, String docPayloadJson) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("UPDATE documents SET status='synced', stage='IDLE', "
                + "doc_payload=?, indexed_at=CURRENT_TIMESTAMP, not_before=NULL, updated_at=CURRENT_TIMESTAMP "
                + "WHERE id=?")) {
            ps.setString(1, docPayloadJson);
            ps.setLong(2, id);
            ps.executeUpdate();
        }
    }

    /** Number of documents in each stage (IDLE included). */
    public Map<Stage, Integer> stageCounts(Connection c) throws SQLException {
        return countBy(c, "stage", Stage.class, Stage::valueOf);
    }

    /** Number of documents in each status. */
    public Map<SyncStatus, Integer> statusCounts(Connection c) throws SQLException {
        return countBy(c, "status", SyncStatus.class, SyncStatus::of);
    }

    /** Documents per value of an enum-valued column, every constant present (0 when none). */
    private static <E extends Enum<E>> Map<E, Integer> countBy(Connection c, String column, Class<E> type,
                                                               java.util.function.Function<String, E> parse)
            throws SQLException {
        Map<E, Integer> out = new EnumMap<>(type);
        for (E e : type.getEnumConstants()) {
            out.put(e, 0);
        }
        try (PreparedStatement ps = c.prepareStatement("SELECT " + column + ", COUNT(*) FROM documents GROUP BY "
                + column); ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                out.put(parse.apply(rs.getString(1)), rs.getInt(2));
            }
        }
        return out;
    }

    /** Pending chunks still waiting for a vector of {@code model}. */
    public int chunksAwaitingEmbedding(Connection c, String model) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT COUNT(*) FROM pending_chunks p JOIN documents d "
                + "ON d.id = p.document_id WHERE d.stage = 'CHUNKED' AND NOT EXISTS "
                + "(SELECT 1 FROM embeddings e WHERE e.model = ? AND e.text_hash = p.text_hash)")) {
            ps.setString(1, model);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getInt(1);
            }
        }
    }

    /** The oldest {@code updated_at} among documents with work in flight, if any. */
    public Optional<Instant> oldestWaiting(Connection c) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT MIN(updated_at) FROM documents WHERE stage <> 'IDLE'");
             ResultSet rs = ps.executeQuery()) {
            rs.next();
            OffsetDateTime t = rs.getObject(1, OffsetDateTime.class);
            return Optional.ofNullable(t).map(OffsetDateTime::toInstant);
        }
    }

    /** Sum of chunk counts over synced documents (what Qdrant should hold). */
    public long syncedChunkTotal(Connection c) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT COALESCE(SUM(chunk_count),0) FROM documents "
                + "WHERE status IN ('synced','stale') OR (status='failed' AND chunk_count > 0)");
             ResultSet rs = ps.executeQuery()) {
            rs.next();
            return rs.getLong(1);
        }
    }

    /** Number of rows in {@code chunks}. */
    public long chunkRowCount(Connection c) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT COUNT(*) FROM chunks"); ResultSet rs = ps.executeQuery()) {
            rs.next();
            return rs.getLong(1);
        }
    }

    /** Documents (any status) whose content hash equals {@code contentHash}. */
    public List<DocumentRow> findByContentHash(Connection c, String contentHash) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS
                + " FROM documents WHERE content_hash = ? ORDER BY id")) {
            ps.setString(1, contentHash);
            return all(ps);
        }
    }

    /** Forgets which points a document has (before a full re-upload, e.g. a repair). */
    public void clearChunks(Connection c, long documentId) throws SQLException {
        try (PreparedStatement del = c.prepareStatement("DELETE FROM chunks WHERE document_id = ?")) {
            del.setLong(1, documentId);
            del.executeUpdate();
        }
        try (PreparedStatement ps = c.prepareStatement("UPDATE documents SET chunk_count = 0 WHERE id = ?")) {
            ps.setLong(1, documentId);
            ps.executeUpdate();
        }
    }

    /**
     * Documents, bytes and chunks of one file format, summed over some documents.
     *
     * @param documents how many documents
     * @param bytes     their summed {@code size_bytes}
     * @param chunks    their summed {@code chunk_count}
     */
    public record FormatTotals(long documents, long bytes, long chunks) {
    }

    /**
     * Per format ({@code ""} when unknown), the documents waiting in {@code stage} with their
     * summed size (bytes); chunks are 0 (not known before chunking).
     */
    public Map<String, FormatTotals> sizesInStage(Connection c, Stage stage) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT COALESCE(format, ''), COUNT(*), "
                + "COALESCE(SUM(size_bytes), 0) FROM documents WHERE stage = ? GROUP BY COALESCE(format, '')")) {
            ps.setString(1, stage.name());
            Map<String, FormatTotals> out = new java.util.LinkedHashMap<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.put(rs.getString(1), new FormatTotals(rs.getLong(2), rs.getLong(3), 0));
                }
            }
            return out;
        }
    }

    /**
     * Per format ({@code ""} when unknown), the synced documents that have chunks and a size:
     * their count, summed size (bytes) and summed chunk count — how many chunks a byte of that
     * format yields.
     */
    public Map<String, FormatTotals> chunkYield(Connection c) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT COALESCE(format, ''), COUNT(*), SUM(size_bytes), "
                + "SUM(chunk_count) FROM documents WHERE status = 'synced' AND chunk_count > 0 AND size_bytes > 0 "
                + "GROUP BY COALESCE(format, '')"); ResultSet rs = ps.executeQuery()) {
            Map<String, FormatTotals> out = new java.util.LinkedHashMap<>();
            while (rs.next()) {
                out.put(rs.getString(1), new FormatTotals(rs.getLong(2), rs.getLong(3), rs.getLong(4)));
            }
            return out;
        }
    }

    /** Requeues failed documents (a repair or an explicit retry). Returns how many. */
    public int requeueFailed(Connection c, Collection<Long> ids, UUID runId) throws SQLException {
        int n = 0;
        try (PreparedStatement ps = c.prepareStatement("UPDATE documents SET stage='DETECTED', run_id=?, "
                + "not_before=NULL, attempts=0 WHERE id=? AND status='failed'")) {
            for (long id : ids) {
                ps.setObject(1, runId);
                ps.setLong(2, id);
                n += ps.executeUpdate();
            }
        }
        return n;
    }

    private static void setFacts(PreparedStatement ps, int start, SourceFacts f) throws SQLException {
        ps.setString(start, f.rootPath());
        ps.setString(start + 1, f.filePath());
        ps.setString(start + 2, f.title());
        ps.setString(start + 3, f.format());
        ps.setLong(start + 4, f.sizeBytes());
        ps.setLong(start + 5, f.mtimeMs());
        ps.setString(start + 6, f.contentHash());
        ps.setString(start + 7, f.metadataHash());
        ps.setString(start + 8, f.metadataJson());
    }

    private static Optional<DocumentRow> first(PreparedStatement ps) throws SQLException {
        List<DocumentRow> rows = all(ps);
        return rows.isEmpty() ? Optional.empty() : Optional.of(rows.getFirst());
    }

    private static List<DocumentRow> all(PreparedStatement ps) throws SQLException {
        List<DocumentRow> out = new ArrayList<>();
        try (ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                out.add(new DocumentRow(rs.getLong(1), rs.getObject(2, UUID.class),
                        new DocumentKey(rs.getString(3), rs.getString(4), rs.getString(5)), rs.getString(6),
                        rs.getString(7), rs.getString(8), rs.getString(9), rs.getLong(10), rs.getLong(11),
                        rs.getString(12), rs.getString(13), rs.getString(14), rs.getString(15),
                        SyncStatus.of(rs.getString(16)), Stage.valueOf(rs.getString(17)), rs.getInt(18),
                        instant(rs, 19), rs.getString(20), rs.getString(21), rs.getInt(22), instant(rs, 23),
                        rs.getObject(24, UUID.class), instant(rs, 25), rs.getLong(26), rs.getLong(27),
                        rs.getLong(28), instant(rs, 29)));
            }
        }
        return out;
    }

    private static List<PendingChunk> pendingRows(PreparedStatement ps) throws SQLException {
        List<PendingChunk> out = new ArrayList<>();
        try (ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                int page = rs.getInt(10);
                Integer pageValue = rs.wasNull() ? null : page;
                out.add(new PendingChunk(rs.getLong(1), rs.getInt(2), rs.getString(3), rs.getObject(4, UUID.class),
                        rs.getInt(5), rs.getString(6), rs.getString(7), fromJson(rs.getString(8)), rs.getString(9),
                        pageValue));
            }
        }
        return out;
    }

    private static Instant instant(ResultSet rs, int column) throws SQLException {
        OffsetDateTime t = rs.getObject(column, OffsetDateTime.class);
        return t == null ? null : t.toInstant();
    }

    static OffsetDateTime odt(Instant instant) {
        return instant == null ? null : instant.atOffset(ZoneOffset.UTC);
    }

    static Timestamp ts(Instant instant) {
        return instant == null ? null : Timestamp.from(instant);
    }

    private static String toJson(List<String> list) {
        try {
            return JSON.writeValueAsString(list);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static List<String> fromJson(String json) {
        if (json == null || json.isEmpty()) {
            return List.of();
        }
        try {
            return JSON.readValue(json, new TypeReference<List<String>>() { });
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("corrupt heading_path JSON in ledger: " + json, e);
        }
    }
}
