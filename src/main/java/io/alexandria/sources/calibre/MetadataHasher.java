package io.alexandria.sources.calibre;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

/**
 * SHA-256 over an unambiguous encoding of named fields: every string is length-prefixed (null has
 * its own marker), lists and maps are counted, so {@code ["a,b"]} and {@code ["a","b"]} differ.
 */
final class MetadataHasher {
    private static final byte NULL = 0;
    private static final byte PRESENT = 1;

    private final MessageDigest digest;

    MetadataHasher(String version) {
        try {
            digest = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK lacks SHA-256", e);
        }
        string(version);
    }

    MetadataHasher field(String name, String value) {
        string(name);
        string(value);
        return this;
    }

    MetadataHasher field(String name, Double value) {
        string(name);
        string(value == null ? null : Double.toString(value));
        return this;
    }

    MetadataHasher field(String name, List<String> values) {
        string(name);
        count(values.size());
        values.forEach(this::string);
        return this;
    }

    /** Entries are hashed in the map's iteration order; pass a sorted map. */
    MetadataHasher field(String name, Map<String, String> values) {
        string(name);
        count(values.size());
        values.forEach((k, v) -> {
            string(k);
            string(v);
        });
        return this;
    }

    /** The lower-case hex SHA-256. */
    String hex() {
        return HexFormat.of().formatHex(digest.digest());
    }

    private void string(String s) {
        if (s == null) {
            digest.update(NULL);
            return;
        }
        byte[] bytes = s.getBytes(StandardCharsets.UTF_8);
        digest.update(PRESENT);
        count(bytes.length);
        digest.update(bytes);
    }

    private void count(int n) {
        digest.update((byte) (n >>> 24));
        digest.update((byte) (n >>> 16));
        digest.update((byte) (n >>> 8));
        digest.update((byte) n);
    }
}
