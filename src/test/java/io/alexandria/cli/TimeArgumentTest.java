package io.alexandria.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** {@code --since}/{@code --until} values. */
class TimeArgumentTest {
    private final Instant now = Instant.parse("2026-02-08T15:45:32.123Z");

    @Test
    void relativeAgesCountBackFromNow() {
        assertEquals(now.minus(Duration.ofHours(24)), TimeArgument.since("24h", now));
        assertEquals(now.minus(Duration.ofDays(7)), TimeArgument.since("7d", now));
        assertEquals(now.minus(Duration.ofDays(14)), TimeArgument.until("2w", now));
        assertEquals(now.minus(Duration.ofMinutes(30)), TimeArgument.since("30M", now));
        assertEquals(now.minusSeconds(90), TimeArgument.since(" 90s ", now));
        assertEquals(now, TimeArgument.until("now", now));
    }

    @Test
    void datesAreWholeUtcDays() {
        assertEquals(Instant.parse("2026-02-01T00:00:00Z"), TimeArgument.since("2026-02-01", now));
        assertEquals(Instant.parse("2026-02-08T00:00:00Z"), TimeArgument.until("2026-02-07", now));
    }

    @Test
    void instantsWithOrWithoutAZone() {
        assertEquals(Instant.parse("2026-02-08T15:45:32Z"), TimeArgument.since("2026-02-08T15:45:32Z", now));
        assertEquals(Instant.parse("2026-02-08T14:45:32.5Z"), TimeArgument.since("2026-02-08T15:45:32.5+01:00", now));
        assertEquals(Instant.parse("2026-02-08T15:45:00Z"), TimeArgument.until("2026-02-08T15:45", now));
    }

    @Test
    void anythingElseIsAOneLineError() {
        CliException e = assertThrows(CliException.class, () -> TimeArgument.since("last week", now));
        assertEquals("--since: cannot read 'last week' (expected e.g. 2026-02-08, 2026-02-08T15:45:00Z, 24h or 7d)",
                e.getMessage());
        assertThrows(CliException.class, () -> TimeArgument.until("7y", now));
        assertThrows(CliException.class, () -> TimeArgument.until("", now));
    }
}
