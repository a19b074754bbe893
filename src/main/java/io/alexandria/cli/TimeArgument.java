package io.alexandria.cli;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads {@code --since}/{@code --until}: an ISO-8601 instant ({@code 2026-02-08T15:45:32Z}, or with
 * an offset), a date-time without a zone (taken as UTC), a date ({@code 2026-02-08}, UTC), a
 * relative age before now ({@code 90s}, {@code 30m}, {@code 24h}, {@code 7d}, {@code 2w}) or
 * {@code now}. A date means the start of that day for {@code --since} and the end of it for
 * {@code --until} (so {@code --since 2026-02-01 --until 2026-02-07} covers both days whole).
 * {@code --since} is inclusive, {@code --until} exclusive.
 */
final class TimeArgument {
    private static final Pattern RELATIVE = Pattern.compile("(\\d{1,9})\\s*([smhdw])");

    private TimeArgument() {
    }

    /** The instant {@code --since} names. @throws CliException when unreadable */
    static Instant since(String text, Instant now) {
        return parse("--since", text, now, false);
    }

    /** The instant {@code --until} names (a date: the start of the next day). @throws CliException when unreadable */
    static Instant until(String text, Instant now) {
        return parse("--until", text, now, true);
    }

    private static Instant parse(String option, String text, Instant now, boolean endOfDay) {
        String s = text == null ? "" : text.strip();
        if (s.equalsIgnoreCase("now")) {
            return now;
        }
        Matcher m = RELATIVE.matcher(s.toLowerCase(Locale.ROOT));
        if (m.matches()) {
            long n = Long.parseLong(m.group(1));
            Duration unit = switch (m.group(2)) {
                case "s" -> Duration.ofSeconds(1);
                case "m" -> Duration.ofMinutes(1);
                case "h" -> Duration.ofHours(1);
                case "d" -> Duration.ofDays(1);
                default -> Duration.ofDays(7);
            };
            return now.minus(unit.multipliedBy(n));
        }
        try {
            return OffsetDateTime.parse(s).toInstant();
        } catch (DateTimeParseException ignored) {
            // try without a zone
        }
        try {
            return LocalDateTime.parse(s).toInstant(ZoneOffset.UTC);
        } catch (DateTimeParseException ignored) {
            // try a date
        }
        try {
            LocalDate day = LocalDate.parse(s);
            return (endOfDay ? day.plusDays(1) : day).atStartOfDay().toInstant(ZoneOffset.UTC);
        } catch (DateTimeParseException ignored) {
            throw new CliException(option + ": cannot read '" + text + "' (expected e.g. 2026-02-08, "
                    + "2026-02-08T15:45:00Z, 24h or 7d)");
        }
    }
}
