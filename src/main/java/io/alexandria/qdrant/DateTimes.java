package io.alexandria.qdrant;

import com.google.protobuf.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoField;
import java.time.temporal.ChronoUnit;
import java.util.List;

/**
 * Date-time payload values as Qdrant reads them for {@code datetime_range} and datetime indexes
 * ({@code DateTimePayloadType::from_str}): RFC 3339 with {@code Z} or an offset and optional
 * fractional seconds, the same with a space instead of {@code T}, a date-time without a zone (taken
 * as UTC), with or without seconds, and a bare date (midnight UTC). Values are compared at
 * microsecond precision, which is what Qdrant stores.
 */
public final class DateTimes {
    private static final DateTimeFormatter LOCAL = new DateTimeFormatterBuilder()
            .appendPattern("uuuu-MM-dd")
            .appendLiteral('T')
            .appendPattern("HH:mm")
            .optionalStart().appendPattern(":ss")
            .optionalStart().appendFraction(ChronoField.NANO_OF_SECOND, 0, 9, true).optionalEnd()
            .optionalEnd()
            .toFormatter();
    private static final DateTimeFormatter ZONED = new DateTimeFormatterBuilder()
            .append(LOCAL)
            .appendOffset("+HH:MM", "Z")
            .toFormatter();
    private static final DateTimeFormatter ZONED_COMPACT = new DateTimeFormatterBuilder()
            .append(LOCAL)
            .appendOffset("+HHMM", "Z")
            .toFormatter();

    private DateTimes() {
    }

    /**
     * Parses a payload string to microseconds since the epoch (UTC).
     *
     * @return the instant in microseconds, or null when the string is not a date-time Qdrant reads
     */
    public static Long parseMicros(String text) {
        if (!startsWithDate(text)) {
            return null; // every form starts with yyyy-MM-dd; most payload strings are not dates
        }
        String s = text.trim().replace(' ', 'T');
        if (s.length() == 10) {
            try {
                return toMicros(LocalDate.parse(s).atStartOfDay().toInstant(ZoneOffset.UTC));
            } catch (DateTimeParseException ignored) {
                return null;
            }
        }
        if (s.endsWith("z")) {
            s = s.substring(0, s.length() - 1) + "Z";
        }
        for (DateTimeFormatter f : List.of(ZONED, ZONED_COMPACT)) {
            try {
                return toMicros(OffsetDateTime.parse(s, f).toInstant());
            } catch (DateTimeParseException ignored) {
                // try the next form
            }
        }
        try {
            return toMicros(LocalDateTime.parse(s, LOCAL).toInstant(ZoneOffset.UTC));
        } catch (DateTimeParseException ignored) {
            // try a bare date
        }
        try {
            return toMicros(LocalDate.parse(s).atStartOfDay().toInstant(ZoneOffset.UTC));
        } catch (DateTimeParseException ignored) {
            return null;
        }
    }

    /** Whether the text (leading whitespace aside) starts with {@code dddd-dd-dd}. */
    private static boolean startsWithDate(String text) {
        int i = 0;
        while (i < text.length() && Character.isWhitespace(text.charAt(i))) {
            i++;
        }
        if (text.length() - i < 10) {
            return false;
        }
        for (int k = 0; k < 10; k++) {
            char c = text.charAt(i + k);
            boolean ok = k == 4 || k == 7 ? c == '-' : c >= '0' && c <= '9';
            if (!ok) {
                return false;
            }
        }
        return true;
    }

    /** A protobuf timestamp in microseconds since the epoch (sub-microsecond digits dropped). */
    public static long micros(Timestamp t) {
        return Math.addExact(Math.multiplyExact(t.getSeconds(), 1_000_000L), t.getNanos() / 1_000);
    }

    private static long toMicros(Instant i) {
        return ChronoUnit.MICROS.between(Instant.EPOCH, i);
    }
}
