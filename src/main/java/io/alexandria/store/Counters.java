package io.alexandria.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

/**
 * Lifetime counters ({@code counters} table), updated in the caller's transaction so they count
 * exactly what was committed — e.g. {@link #embedded(String)}: texts whose vectors a model
 * computed and the cache stored, which equals the cache's size for that model exactly when no
 * committed vector was ever computed twice.
 */
public final class Counters {
    /** The counter name of texts embedded with {@code model}. */
    public static String embedded(String model) {
        return "embedded:" + model;
    }

    /** Adds {@code delta} to a counter (creating it at 0). */
    public void add(Connection c, String name, long delta) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "MERGE INTO counters (name, total) KEY (name) VALUES (?, COALESCE((SELECT total FROM counters WHERE name = ?), 0) + ?)")) {
            ps.setString(1, name);
            ps.setString(2, name);
            ps.setLong(3, delta);
            ps.executeUpdate();
        }
    }

    /** A counter's value (0 when never set). */
    public long get(Connection c, String name) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT total FROM counters WHERE name = ?")) {
            ps.setString(1, name);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getLong(1) : 0;
            }
        }
    }
}
