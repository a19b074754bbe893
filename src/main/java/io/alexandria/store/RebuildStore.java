package io.alexandria.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The {@code rebuild_docs} / {@code rebuild_chunks} tables: what a collection being rebuilt for
 * another model already holds, so a rebuild interrupted by a crash resumes where it stopped, and
 * the switch can make those chunks the ledger's in one transaction.
 */
public final class RebuildStore {

    /** Content hash per document already rebuilt into {@code collection}. */
    public Map<Long, String> done(Connection c, String collection) throws SQLException {
        Map<Long, String> out = new HashMap<>();
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT document_id, content_hash FROM rebuild_docs WHERE collection = ?")) {
            ps.setString(1, collection);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.put(rs.getLong(1), rs.getString(2));
                }
            }
        }
        return out;
    }

    /** Records one document as rebuilt with these chunks (replacing an earlier record). */
    public void record(Connection c, String collection, long documentId, String contentHash, List<PendingChunk> chunks)
            throws SQLException {
        forget(c, collection, documentId);
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO rebuild_chunks (collection, document_id, ordinal, "
                + "text_hash, point_id, tokens) VALUES (?,?,?,?,?,?)")) {
            for (PendingChunk ch : chunks) {
                ps.setString(1, collection);
                ps.setLong(2, documentId);
                ps.setInt(3, ch.ordinal());
                ps.setString(4, ch.textHash());
                ps.setObject(5, ch.pointId());
                ps.setInt(6, ch.tokens());
                ps.addBatch();
            }
            ps.executeBatch();
        }
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO rebuild_docs (collection, document_id, content_hash, "
                + "chunk_count) VALUES (?,?,?,?)")) {
            ps.setString(1, collection);
            ps.setLong(2, documentId);
            ps.setString(3, contentHash);
            ps.setInt(4, chunks.size());
            ps.executeUpdate();
        }
    }

    /** Forgets one document's rebuild record. */
    public void forget(Connection c, String collection, long documentId) throws SQLException {
        for (String table : new String[] {"rebuild_chunks", "rebuild_docs"}) {
            try (PreparedStatement ps = c.prepareStatement("DELETE FROM " + table
                    + " WHERE collection = ? AND document_id = ?")) {
                ps.setString(1, collection);
                ps.setLong(2, documentId);
                ps.executeUpdate();
            }
        }
    }

    /**
     * The switch: every rebuilt document's chunks become its ledger chunks (they are what the
     * new collection holds), and the rebuild records go.
     */
    public void promote(Connection c, String collection) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("DELETE FROM chunks WHERE document_id IN "
                + "(SELECT document_id FROM rebuild_docs WHERE collection = ?)")) {
            ps.setString(1, collection);
            ps.executeUpdate();
        }
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO chunks (document_id, ordinal, text_hash, point_id, "
                + "tokens) SELECT document_id, ordinal, text_hash, point_id, tokens FROM rebuild_chunks WHERE collection = ?")) {
            ps.setString(1, collection);
            ps.executeUpdate();
        }
        try (PreparedStatement ps = c.prepareStatement("UPDATE documents d SET chunk_count = (SELECT r.chunk_count FROM "
                + "rebuild_docs r WHERE r.collection = ? AND r.document_id = d.id) WHERE d.id IN "
                + "(SELECT document_id FROM rebuild_docs WHERE collection = ?)")) {
            ps.setString(1, collection);
            ps.setString(2, collection);
            ps.executeUpdate();
        }
        for (String table : new String[] {"rebuild_chunks", "rebuild_docs"}) {
            try (PreparedStatement ps = c.prepareStatement("DELETE FROM " + table + " WHERE collection = ?")) {
                ps.setString(1, collection);
                ps.executeUpdate();
            }
        }
    }
}
