package io.alexandria.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * The transactional outbox for events ({@code docs/architecture.md}, "Data flow" and "Event
 * copies"): an event is committed here in the same transaction as the ledger change it describes,
 * and a publisher later upserts it into Qdrant under its fixed id, so an outage delays events and
 * loses none, and a retry never duplicates one.
 *
 * <p>A published event stays here as this host's copy ({@code published_at} set) until the event
 * retention prunes it, so a lost {@code alexandria_events} collection can be re-filled. An event
 * Qdrant rejects waits out its own backoff ({@code not_before}) and is skipped meanwhile: it never
 * blocks the events behind it. Schema: {@code db/migration/V1__ledger.sql} and
 * {@code V2_5__ownership_restore_event_copies.sql}.
 */
public final class EventOutbox {

    /** One queued event. */
    public record Item(long seq, UUID eventId, String payloadJson, int attempts) {
    }

    /** A published event: its outbox sequence number and point id. */
    public record Published(long seq, UUID eventId) {
    }

    /** Queues an event payload (a JSON object) under its point id. */
    public void add(Connection c, UUID eventId, String payloadJson) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO event_outbox (event_id, payload_json) VALUES (?,?)")) {
            ps.setObject(1, eventId);
            ps.setString(2, payloadJson);
            ps.executeUpdate();
        }
    }

    /**
     * The oldest {@code limit} events waiting to be published whose backoff has passed; events in
     * backoff are skipped, so they never hold back the ones behind them.
     */
    public List<Item> peek(Connection c, int limit) throws SQLException {
        List<Item> out = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT seq, event_id, payload_json, attempts FROM event_outbox "
                + "WHERE published_at IS NULL AND (not_before IS NULL OR not_before <= ?) ORDER BY seq LIMIT ?")) {
            ps.setObject(1, OffsetDateTime.now(ZoneOffset.UTC));
            ps.setInt(2, limit);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new Item(rs.getLong(1), rs.getObject(2, UUID.class), rs.getString(3), rs.getInt(4)));
                }
            }
        }
        return out;
    }

    /**
     * Qdrant holds these events: they stay as this host's copies (for the retention period) and
     * leave the queue.
     */
    public void markPublished(Connection c, Collection<Long> seqs) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("UPDATE event_outbox SET published_at = CURRENT_TIMESTAMP, "
                + "not_before = NULL, last_error = NULL WHERE seq = ?")) {
            for (long s : seqs) {
                ps.setLong(1, s);
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }

    /** Removes events outright (published or not). */
    public void remove(Connection c, Collection<Long> seqs) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("DELETE FROM event_outbox WHERE seq = ?")) {
            for (long s : seqs) {
                ps.setLong(1, s);
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }

    /** Records a failed publish attempt for events that stay queued, retried at once when due. */
    public void markFailed(Connection c, Collection<Long> seqs, String error) throws SQLException {
        markFailed(c, seqs, error, null);
    }

    /**
     * Records a failed publish attempt for events that stay queued; they are not offered by
     * {@link #peek} before {@code notBefore} (null: at once).
     */
    public void markFailed(Connection c, Collection<Long> seqs, String error, Instant notBefore) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "UPDATE event_outbox SET attempts = attempts + 1, last_error = ?, not_before = ? WHERE seq = ?")) {
            for (long s : seqs) {
                ps.setString(1, error);
                ps.setObject(2, notBefore == null ? null : notBefore.atOffset(ZoneOffset.UTC));
                ps.setLong(3, s);
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }

    /** Every waiting event may be tried at once (Qdrant is back): backoffs are cleared. Returns how many. */
    public int resetBackoff(Connection c) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "UPDATE event_outbox SET not_before = NULL WHERE published_at IS NULL AND not_before IS NOT NULL")) {
            return ps.executeUpdate();
        }
    }

    /** Number of events waiting to be published (in backoff or not). */
    public int depth(Connection c) throws SQLException {
        return count(c, "SELECT COUNT(*) FROM event_outbox WHERE published_at IS NULL", -1);
    }

    /**
     * Waiting events due now with fewer than {@code maxAttempts} rejections: those a sync waits for
     * (an event in its backoff does not hold a sync back; it stays queued for the next).
     */
    public int publishable(Connection c, int maxAttempts) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT COUNT(*) FROM event_outbox WHERE published_at IS NULL "
                + "AND attempts < ? AND (not_before IS NULL OR not_before <= ?)")) {
            ps.setInt(1, maxAttempts);
            ps.setObject(2, OffsetDateTime.now(ZoneOffset.UTC));
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getInt(1);
            }
        }
    }

    /** Waiting events rejected at least {@code maxAttempts} times (still retried, rarely). */
    public int parked(Connection c, int maxAttempts) throws SQLException {
        return count(c, "SELECT COUNT(*) FROM event_outbox WHERE published_at IS NULL AND attempts >= ?", maxAttempts);
    }

    /** Number of published events this host keeps a copy of. */
    public int publishedCount(Connection c) throws SQLException {
        return count(c, "SELECT COUNT(*) FROM event_outbox WHERE published_at IS NOT NULL", -1);
    }

    /** Up to {@code limit} published copies with a sequence number above {@code afterSeq}, in order. */
    public List<Published> published(Connection c, long afterSeq, int limit) throws SQLException {
        List<Published> out = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT seq, event_id FROM event_outbox "
                + "WHERE published_at IS NOT NULL AND seq > ? ORDER BY seq LIMIT ?")) {
            ps.setLong(1, afterSeq);
            ps.setInt(2, limit);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new Published(rs.getLong(1), rs.getObject(2, UUID.class)));
                }
            }
        }
        return out;
    }

    /** The {@code limit} most recently queued published copies, newest first. */
    public List<Published> newestPublished(Connection c, int limit) throws SQLException {
        List<Published> out = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT seq, event_id FROM event_outbox "
                + "WHERE published_at IS NOT NULL ORDER BY seq DESC LIMIT ?")) {
            ps.setInt(1, limit);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new Published(rs.getLong(1), rs.getObject(2, UUID.class)));
                }
            }
        }
        return out;
    }

    /** Published copies go back to the queue (Qdrant lost them): published again under the same ids. */
    public int requeue(Connection c, Collection<Long> seqs) throws SQLException {
        int n = 0;
        try (PreparedStatement ps = c.prepareStatement("UPDATE event_outbox SET published_at = NULL, attempts = 0, "
                + "not_before = NULL, last_error = NULL WHERE seq = ? AND published_at IS NOT NULL")) {
            for (long s : seqs) {
                ps.setLong(1, s);
                n += ps.executeUpdate();
            }
        }
        return n;
    }

    /** Every published copy goes back to the queue (the events collection was lost). Returns how many. */
    public int requeueAllPublished(Connection c) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("UPDATE event_outbox SET published_at = NULL, attempts = 0, "
                + "not_before = NULL, last_error = NULL WHERE published_at IS NOT NULL")) {
            return ps.executeUpdate();
        }
    }

    /** Drops published copies queued before {@code cutoff} (the event retention). Returns how many. */
    public int prunePublished(Connection c, Instant cutoff) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "DELETE FROM event_outbox WHERE published_at IS NOT NULL AND created_at < ?")) {
            ps.setObject(1, cutoff.atOffset(ZoneOffset.UTC));
            return ps.executeUpdate();
        }
    }

    /** When the oldest waiting event was queued, if any. */
    public Optional<Instant> oldest(Connection c) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT MIN(created_at) FROM event_outbox WHERE published_at IS NULL");
             ResultSet rs = ps.executeQuery()) {
            rs.next();
            OffsetDateTime t = rs.getObject(1, OffsetDateTime.class);
            return Optional.ofNullable(t).map(OffsetDateTime::toInstant);
        }
    }

    private static int count(Connection c, String sql, int param) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            if (param >= 0) {
                ps.setInt(1, param);
            }
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getInt(1);
            }
        }
    }
}
