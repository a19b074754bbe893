package io.alexandria.store;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The {@code embeddings} table: vectors keyed by (model id, SHA-256 of the model input). A text
 * already embedded with a model is never embedded again — not after an edit elsewhere in the
 * document, a rename, an upload failure, a crash or a switch back to an earlier model. Vectors are
 * stored as little-endian float32, {@code dimension * 4} bytes.
 */
public final class EmbeddingCache {
    private static final int IN_CHUNK = 500;

    /** The cached vectors among {@code hashes} for {@code model}, keyed by hash. */
    public Map<String, float[]> get(Connection c, String model, Collection<String> hashes) throws SQLException {
        Map<String, float[]> out = new HashMap<>();
        List<String> list = new ArrayList<>(hashes);
        for (int from = 0; from < list.size(); from += IN_CHUNK) {
            List<String> part = list.subList(from, Math.min(list.size(), from + IN_CHUNK));
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT text_hash, vector FROM embeddings WHERE model = ? AND text_hash IN (SELECT * FROM TABLE(h VARCHAR = ?))")) {
                ps.setString(1, model);
                ps.setArray(2, c.createArrayOf("VARCHAR", part.toArray()));
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        out.put(rs.getString(1), decode(rs.getBytes(2)));
                    }
                }
            }
        }
        return out;
    }

    /** Stores vectors (an existing entry is left as is). */
    public void put(Connection c, String model, Map<String, float[]> vectors) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "MERGE INTO embeddings (model, text_hash, vector) KEY (model, text_hash) VALUES (?,?,?)")) {
            for (var e : vectors.entrySet()) {
                ps.setString(1, model);
                ps.setString(2, e.getKey());
                ps.setBytes(3, encode(e.getValue()));
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }

    /** Number of cached vectors for {@code model}. */
    public long count(Connection c, String model) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT COUNT(*) FROM embeddings WHERE model = ?")) {
            ps.setString(1, model);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    /** float32[] → little-endian bytes. */
    public static byte[] encode(float[] v) {
        ByteBuffer b = ByteBuffer.allocate(v.length * 4).order(ByteOrder.LITTLE_ENDIAN);
        b.asFloatBuffer().put(v);
        return b.array();
    }

    /** Little-endian bytes → float32[]. */
    public static float[] decode(byte[] bytes) {
        float[] v = new float[bytes.length / 4];
        ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer().get(v);
        return v;
    }
}
