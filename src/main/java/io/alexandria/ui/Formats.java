package io.alexandria.ui;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Locale;

/** How numbers, durations and instants read in the window. */
public final class Formats {
    private static final DateTimeFormatter LOCAL = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss")
            .withZone(ZoneId.systemDefault());
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss").withZone(ZoneId.systemDefault());

    private Formats() {
    }

    /** "1 h 03 min", "4 min 05 s", "12 s", or "—" for null. */
    public static String duration(Duration d) {
        if (d == null) {
            return "—";
        }
        long s = Math.max(0, d.toSeconds());
        if (s >= 3600) {
            return String.format(Locale.ROOT, "%d h %02d min", s / 3600, (s % 3600) / 60);
        }
        if (s >= 60) {
            return String.format(Locale.ROOT, "%d min %02d s", s / 60, s % 60);
        }
        return s + " s";
    }

    /** An ISO-8601 instant as local date and time, or "never". */
    public static String instant(String iso) {
        if (iso == null || iso.isBlank()) {
            return "never";
        }
        try {
            return LOCAL.format(Instant.parse(iso));
        } catch (DateTimeParseException e) {
            return iso;
        }
    }

    /** An instant as local date and time, or "—". */
    public static String instant(Instant at) {
        return at == null ? "—" : LOCAL.format(at);
    }

    /** An instant as a local time of day. */
    public static String time(Instant at) {
        return at == null ? "—" : TIME.format(at);
    }

    /** A rate with one decimal. */
    public static String rate(double perSecond) {
        return String.format(Locale.ROOT, "%.1f", perSecond);
    }

    /** A count with thousands separators. */
    public static String count(long n) {
        return String.format(Locale.ROOT, "%,d", n);
    }

    /** A percentage with one decimal, e.g. "97.5 %". */
    public static String percent(double p) {
        return String.format(Locale.ROOT, "%.1f %%", p);
    }
}
