package io.alexandria.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Optional;

/** Small durable key/value facts ({@code app_state}): last successful sync, alarms, active model, engine state. */
public final class AppState {
    /** ISO-8601 instant of the last sync that completed without failures. */
    public static final String LAST_SYNC = "last_sync";
    /** Id of the model whose collection the search alias points at (see the model switch). */
    public static final String ACTIVE_MODEL = "active_model";
    /** Key prefix of mass-deletion alarms, one per source ({@code delete_alarm:<source>:<scope>}), JSON. */
    public static final String DELETE_ALARM = "delete_alarm:";
    /**
     * The running engine's state as it last changed, JSON: {@code state}, {@code reason},
     * {@code since}, {@code hostname}, {@code version} (see {@code docs/architecture.md}, "Engine
     * states"); "stopped" once the engine closed.
     */
    public static final String ENGINE_STATE = "engine_state";
    /**
     * Key prefix of the identity of each source this host syncs ({@code source_identity:<source>:<scope>}),
     * JSON of {@link SourceIdentity}: {@code source}, {@code scope}, {@code field}, {@code value},
     * recorded at every scan; health and verify tell this host's points from other hosts' data by it.
     */
    public static final String SOURCE_IDENTITY = "source_identity:";
    /**
     * Key prefix of the last scan's problems per source ({@code scan_problems:<source>:<scope>}),
     * JSON: {@code source} (the source's description), {@code at}, {@code problems} (list of
     * {@code path: reason} lines); absent when the last scan had none.
     */
    public static final String SCAN_PROBLEMS = "scan_problems:";
    /**
     * The last time the index was found missing or emptied and restored, JSON: {@code at},
     * {@code message}, {@code collection}, {@code documents}, {@code points}.
     */
    public static final String INDEX_RESTORED = "index_restored";
    /**
     * Key prefix of when the user last confirmed held deletions of a source
     * ({@code deletes_confirmed:<source>:<scope>}, ISO-8601): the guard's window starts again there.
     */
    public static final String DELETES_CONFIRMED = "deletes_confirmed:";

    /** The value for {@code key}. */
    public Optional<String> get(Connection c, String key) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT v FROM app_state WHERE k = ?")) {
            ps.setString(1, key);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.ofNullable(rs.getString(1)) : Optional.empty();
            }
        }
    }

    /** All entries whose key starts with {@code prefix}, in key order. */
    public java.util.Map<String, String> withPrefix(Connection c, String prefix) throws SQLException {
        java.util.Map<String, String> out = new java.util.TreeMap<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT k, v FROM app_state WHERE k LIKE ? ORDER BY k")) {
            ps.setString(1, prefix.replace("%", "\\%").replace("_", "\\_") + "%");
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.put(rs.getString(1), rs.getString(2));
                }
            }
        }
        return out;
    }

    /** Sets {@code key} to {@code value}; {@code null} removes it. */
    public void put(Connection c, String key, String value) throws SQLException {
        if (value == null) {
            try (PreparedStatement ps = c.prepareStatement("DELETE FROM app_state WHERE k = ?")) {
                ps.setString(1, key);
                ps.executeUpdate();
            }
            return;
        }
        try (PreparedStatement ps = c.prepareStatement("MERGE INTO app_state (k, v) KEY (k) VALUES (?, ?)")) {
            ps.setString(1, key);
            ps.setString(2, value);
            ps.executeUpdate();
        }
    }
}
