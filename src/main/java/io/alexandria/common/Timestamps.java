package io.alexandria.common;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * The one timestamp format written into payloads (chunk points' {@code modified_at}, events'
 * {@code timestamp}): ISO-8601 in UTC with millisecond precision and a {@code Z}, e.g.
 * {@code 2026-02-08T15:45:32.123Z} (the event schema in {@code docs/architecture.md}), and the
 * version tag every point and event carries.
 */
public final class Timestamps {
    /** Value of the {@code ingest_version} payload field of chunk points and events. */
    public static final String INGEST_VERSION = "alexandria-1";
    private static final DateTimeFormatter ISO_MILLIS = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'")
            .withZone(ZoneOffset.UTC);

    private Timestamps() {
    }

    /** {@code instant} as {@code yyyy-MM-dd'T'HH:mm:ss.SSS'Z'} in UTC. */
    public static String iso(Instant instant) {
        return ISO_MILLIS.format(instant);
    }
}
