package io.alexandria.events;

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
 * Event timestamps as Qdrant's datetime index reads them: RFC 3339 with {@code Z} or an offset and
 * optional fractional seconds (Alexandria writes {@code 2026-02-08T15:45:32.123Z}; the user's Python logger
 * wrote microseconds), the same with a space for {@code T}, a date-time without a zone (UTC), and a
 * bare date (midnight UTC). Qdrant keeps microseconds, so everything here is cut to microseconds.
 */
public final class EventTime {
    private static final DateTimeFormatter LOCAL = new DateTimeFormatterBuilder()
            .appendPattern("uuuu-MM-dd")
            .appendLiteral('T')
            .appendPattern("HH:mm")
            .optionalStart().appendPattern(":ss")
            .optionalStart().appendFraction(ChronoField.NANO_OF_SECOND, 0, 9, true).optionalEnd()
            .optionalEnd()
            .toFormatter();
    private static final DateTimeFormatter ZONED = new DateTimeFormatterBuilder().append(LOCAL)
            .appendOffset("+HH:MM", "Z").toFormatter();
    private static final DateTimeFormatter ZONED_COMPACT = new DateTimeFormatterBuilder().append(LOCAL)
            .appendOffset("+HHMM", "Z").toFormatter();
    private static final DateTimeFormatter MICROS = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSSSS'Z'")
            .withZone(ZoneOffset.UTC);

    private EventTime() {
    }

    /**
     * Parses a stored {@code timestamp}.
     *
     * @return the instant, cut to microseconds, or null when {@code text} is null or not a date-time
     *         Qdrant would index
     */
    public static Instant parse(String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        String s = text.strip().replace(' ', 'T');
        if (s.endsWith("z")) {
            s = s.substring(0, s.length() - 1) + "Z";
        }
        for (DateTimeFormatter f : List.of(ZONED, ZONED_COMPACT)) {
            try {
                return micros(OffsetDateTime.parse(s, f).toInstant());
            } catch (DateTimeParseException ignored) {
                // try the next form
            }
        }
        try {
            return micros(LocalDateTime.parse(s, LOCAL).toInstant(ZoneOffset.UTC));
        } catch (DateTimeParseException ignored) {
            // try a bare date
        }
        try {
            return LocalDate.parse(s).atStartOfDay().toInstant(ZoneOffset.UTC);
        } catch (DateTimeParseException ignored) {
            return null;
        }
    }

    /** {@code instant} cut to microseconds, the precision Qdrant compares date-times at. */
    public static Instant micros(Instant instant) {
        return instant.truncatedTo(ChronoUnit.MICROS);
    }

    /** RFC 3339 in UTC with six fractional digits, e.g. {@code 2026-02-08T15:45:32.123000Z}. */
    public static String rfc3339(Instant instant) {
        return MICROS.format(micros(instant));
    }

    /** The instant as a protobuf timestamp (for {@code datetime_range}), cut to microseconds. */
    static com.google.protobuf.Timestamp proto(Instant instant) {
        Instant m = micros(instant);
        return com.google.protobuf.Timestamp.newBuilder().setSeconds(m.getEpochSecond()).setNanos(m.getNano()).build();
    }
}
