package io.alexandria.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.UUID;

/**
 * Point ids that must leave the chunk collection (stale chunks of an edited document, points of a
 * deleted one), kept durably until Qdrant confirms the delete, so an outage or crash between
 * "decided" and "done" never leaves orphans behind.
 */
public final class PointDeleteQueue {

    /** A queued delete. */
    public record Item(long seq, UUID pointId) {
    }

    /** Queues point ids for deletion. */
    public void add(Connection c, Collection<UUID> pointIds) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO point_deletes (point_id) VALUES (?)")) {
            for (UUID id : pointIds) {
                ps.setObject(1, id);
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }

    /** The oldest {@code limit} queued deletes. */
    public List<Item> peek(Connection c, int limit) throws SQLException {
        List<Item> out = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT seq, point_id FROM point_deletes ORDER BY seq LIMIT ?")) {
            ps.setInt(1, limit);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new Item(rs.getLong(1), rs.getObject(2, UUID.class)));
                }
            }
        }
        return out;
    }

    /** Removes confirmed deletes. */
    public void remove(Connection c, Collection<Long> seqs) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("DELETE FROM point_deletes WHERE seq = ?")) {
            for (long s : seqs) {
                ps.setLong(1, s);
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }

    /** Number of queued deletes. */
    public int depth(Connection c) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT COUNT(*) FROM point_deletes"); ResultSet rs = ps.executeQuery()) {
            rs.next();
            return rs.getInt(1);
        }
    }
}
