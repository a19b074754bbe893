package io.alexandria.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.util.UUID;

/** The {@code sync_runs} table: one row per sync or watch session (each carries a {@code run_id}, as its events do). */
public final class RunLog {

    /** Records the start of a run. */
    public void start(Connection c, UUID runId, String hostname, String kind, Instant startedAt) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "INSERT INTO sync_runs (run_id, hostname, kind, started_at) VALUES (?,?,?,?)")) {
            ps.setObject(1, runId);
            ps.setString(2, hostname);
            ps.setString(3, kind);
            ps.setObject(4, Ledger.odt(startedAt));
            ps.executeUpdate();
        }
    }

    /** Records the end of a run and its totals. */
    public void end(Connection c, UUID runId, Instant endedAt, int documents, int chunks, int errors) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "UPDATE sync_runs SET ended_at=?, documents=?, chunks=?, errors=? WHERE run_id=?")) {
            ps.setObject(1, Ledger.odt(endedAt));
            ps.setInt(2, documents);
            ps.setInt(3, chunks);
            ps.setInt(4, errors);
            ps.setObject(5, runId);
            ps.executeUpdate();
        }
    }
}
