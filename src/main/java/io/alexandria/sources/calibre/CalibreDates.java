package io.alexandria.sources.calibre;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.DateTimeParseException;
import java.time.temporal.TemporalAccessor;
import java.util.Optional;

/**
 * Parses calibre's stored timestamps. They are text such as {@code 2026-11-21 19:29:23.111269+00:00}
 * or {@code 2021-01-01 22:22:26+00:00} ({@code src/test/corpus/README.md} section C); old
 * libraries may lack the offset (taken as UTC) or use a {@code T} separator. Calibre marks an
 * unknown date with year 101 ({@code UNDEFINED_DATE} in calibre's {@code utils/date.py}), which
 * parses to "no date".
 */
final class CalibreDates {
    /** Years up to this one are calibre's "undefined date" marker. */
    private static final int UNDEFINED_YEAR = 101;

    private static final DateTimeFormatter FORMAT = new DateTimeFormatterBuilder()
            .parseCaseInsensitive()
            .append(DateTimeFormatter.ISO_LOCAL_DATE)
            .optionalStart().appendLiteral(' ').optionalEnd()
            .optionalStart().appendLiteral('T').optionalEnd()
            .append(DateTimeFormatter.ISO_LOCAL_TIME)
            .optionalStart().appendOffset("+HH:MM:ss", "Z").optionalEnd()
            .optionalStart().appendOffset("+HHMM", "Z").optionalEnd()
            .toFormatter();

    private CalibreDates() {
    }

    /** The instant, or empty for null, blank, unparsable text or calibre's undefined date. */
    static Optional<Instant> parse(String stored) {
        if (stored == null || stored.isBlank()) {
            return Optional.empty();
        }
        try {
            TemporalAccessor parsed = FORMAT.parseBest(stored.strip(), OffsetDateTime::from, LocalDateTime::from);
            OffsetDateTime time = parsed instanceof OffsetDateTime odt ? odt
                    : ((LocalDateTime) parsed).atOffset(ZoneOffset.UTC);
            if (time.getYear() <= UNDEFINED_YEAR) {
                return Optional.empty();
            }
            return Optional.of(time.toInstant());
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }
}
