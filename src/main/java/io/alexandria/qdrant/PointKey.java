package io.alexandria.qdrant;

import io.qdrant.client.grpc.Common.PointId;
import java.util.Locale;
import java.util.UUID;

/**
 * A point id: an unsigned 64-bit integer or a UUID, ordered as Qdrant orders
 * {@code ExtendedPointId}: every integer id before every UUID, integers compared unsigned, UUIDs
 * compared as unsigned 128-bit numbers (the byte order of Rust's {@code uuid::Uuid}), which is the
 * lexicographic order of their lower-case hex text.
 *
 * @param num  the integer id (unsigned), meaningful when {@code uuid} is null
 * @param uuid the UUID id, or null for an integer id
 */
public record PointKey(long num, UUID uuid) implements Comparable<PointKey> {

    /** An integer id (treated as unsigned 64-bit). */
    public static PointKey of(long num) {
        return new PointKey(num, null);
    }

    /** A UUID id. */
    public static PointKey of(UUID uuid) {
        return new PointKey(0, uuid);
    }

    /**
     * Converts a gRPC id, as Qdrant does: a missing id is {@code INVALID_ARGUMENT "Empty ID is not
     * allowed"}; a UUID string that does not parse is {@code INVALID_ARGUMENT "Unable to parse
     * UUID: X"}.
     */
    public static PointKey fromProto(PointId id) {
        return switch (id.getPointIdOptionsCase()) {
            case NUM -> of(id.getNum());
            case UUID -> of(parseUuid(id.getUuid()));
            default -> throw QdrantErrors.invalidArgument("Empty ID is not allowed");
        };
    }

    /** The gRPC form; UUIDs are written lower-case and hyphenated, as Qdrant returns them. */
    public PointId toProto() {
        return uuid == null
                ? PointId.newBuilder().setNum(num).build()
                : PointId.newBuilder().setUuid(uuid.toString()).build();
    }

    /**
     * The id as sortable bytes: {@code 0x00} + 8 bytes big-endian for an integer id, {@code 0x01} +
     * 16 bytes big-endian for a UUID, so that unsigned lexicographic byte order is
     * {@link #compareTo} order (the key of a point in the Lucene index).
     */
    public byte[] toBytes() {
        java.nio.ByteBuffer b = java.nio.ByteBuffer.allocate(uuid == null ? 9 : 17);
        if (uuid == null) {
            b.put((byte) 0).putLong(num);
        } else {
            b.put((byte) 1).putLong(uuid.getMostSignificantBits()).putLong(uuid.getLeastSignificantBits());
        }
        return b.array();
    }

    /**
     * Reads {@link #toBytes()}'s form.
     *
     * @throws IllegalArgumentException for bytes of another form
     */
    public static PointKey fromBytes(byte[] bytes, int offset, int length) {
        java.nio.ByteBuffer b = java.nio.ByteBuffer.wrap(bytes, offset, length);
        if (length == 9 && b.get() == 0) {
            return of(b.getLong());
        }
        if (length == 17 && b.get(offset) == 1) {
            b.get();
            return of(new UUID(b.getLong(), b.getLong()));
        }
        throw new IllegalArgumentException("not a point key: " + length + " bytes");
    }

    /** True for a UUID id. */
    public boolean isUuid() {
        return uuid != null;
    }

    @Override
    public int compareTo(PointKey other) {
        if (uuid == null && other.uuid == null) {
            return Long.compareUnsigned(num, other.num);
        }
        if (uuid == null) {
            return -1;
        }
        if (other.uuid == null) {
            return 1;
        }
        int high = Long.compareUnsigned(uuid.getMostSignificantBits(), other.uuid.getMostSignificantBits());
        return high != 0 ? high
                : Long.compareUnsigned(uuid.getLeastSignificantBits(), other.uuid.getLeastSignificantBits());
    }

    @Override
    public String toString() {
        return uuid == null ? Long.toUnsignedString(num) : uuid.toString();
    }

    /**
     * Parses the UUID forms Rust's {@code Uuid::parse_str} accepts: hyphenated, 32 plain hex
     * digits, braced and {@code urn:uuid:}; any letter case.
     *
     * @throws io.grpc.StatusRuntimeException INVALID_ARGUMENT when the text is not a UUID
     */
    static UUID parseUuid(String text) {
        UUID parsed = tryParseUuid(text);
        if (parsed == null) {
            throw QdrantErrors.invalidArgument("Unable to parse UUID: " + text);
        }
        return parsed;
    }

    /** Like {@link #parseUuid} but returns null for text that is not a UUID. */
    static UUID tryParseUuid(String text) {
        String s = text.toLowerCase(Locale.ROOT);
        if (s.startsWith("urn:uuid:")) {
            s = s.substring("urn:uuid:".length());
        } else if (s.startsWith("{") && s.endsWith("}")) {
            s = s.substring(1, s.length() - 1);
        }
        String hex;
        if (s.length() == 36) {
            if (s.charAt(8) != '-' || s.charAt(13) != '-' || s.charAt(18) != '-' || s.charAt(23) != '-') {
                return null;
            }
            hex = s.substring(0, 8) + s.substring(9, 13) + s.substring(14, 18) + s.substring(19, 23)
                    + s.substring(24);
        } else if (s.length() == 32) {
            hex = s;
        } else {
            return null;
        }
        for (int i = 0; i < hex.length(); i++) {
            if (Character.digit(hex.charAt(i), 16) < 0) {
                return null;
            }
        }
        return new UUID(Long.parseUnsignedLong(hex.substring(0, 16), 16),
                Long.parseUnsignedLong(hex.substring(16), 16));
    }
}
