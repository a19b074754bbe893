package io.alexandria.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * The transactional outbox for events ({@code docs/architecture.md}, "Data flow"): an event is committed
 * here in the same transaction as the ledger change it describes, and a publisher later upserts it
 * into Qdrant under its fixed id, so an outage delays events and loses none, and a retry never
 * duplicates one.
 */
public final class EventOutbox {

    /** One queued event. */
    public record Item(long seq, UUID eventId, String payloadJson, int attempts) {
    }

    /** Queues an event payload (a JSON object) under its point id. */
    public void add(Connection c, UUID eventId, String payloadJson) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO event_outbox (event_id, payload_json) VALUES (?,?)")) {
            ps.setObject(1, eventId);
            ps.setString(2, payloadJson);
            ps.executeUpdate();
        }
    }

    /** The oldest {@code limit} queued events. */
    public List<Item> peek(Connection c, int limit) throws SQLException {
        List<Item> out = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT seq, event_id, payload_json, attempts FROM event_outbox ORDER BY seq LIMIT ?")) {
            ps.setInt(1, limit);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new Item(rs.getLong(1), rs.getObject(2, UUID.class), rs.getString(3), rs.getInt(4)));
                }
            }
        }
        return out;
    }

    /** Removes published events. */
    public void remove(Connection c, Collection<Long> seqs) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("DELETE FROM event_outbox WHERE seq = ?")) {
            for (long s : seqs) {
                ps.setLong(1, s);
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }

    /** Records a failed publish attempt for events that stay queued. */
    public void markFailed(Connection c, Collection<Long> seqs, String error) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "UPDATE event_outbox SET attempts = attempts + 1, last_error = ? WHERE seq = ?")) {
            for (long s : seqs) {
                ps.setString(1, error);
                ps.setLong(2, s);
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }

    /** Number of queued events. */
    public int depth(Connection c) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT COUNT(*) FROM event_outbox"); ResultSet rs = ps.executeQuery()) {
            rs.next();
            return rs.getInt(1);
        }
    }

    /** When the oldest queued event was queued, if any. */
    public Optional<Instant> oldest(Connection c) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT MIN(created_at) FROM event_outbox");
             ResultSet rs = ps.executeQuery()) {
            rs.next();
            OffsetDateTime t = rs.getObject(1, OffsetDateTime.class);
            return Optional.ofNullable(t).map(OffsetDateTime::toInstant);
        }
    }
}
