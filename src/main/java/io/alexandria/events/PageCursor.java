package io.alexandria.events;

import java.time.Instant;
import java.util.Objects;
import java.util.Set;

/**
 * Where the next page of an {@link EventQuery} starts; obtained from {@link EventPage#next()} and
 * only meaningful with the same query. Qdrant's {@code order_by} cannot be combined with an offset
 * and returns no next-page offset, so the cursor keeps the timestamp of the page's last event (the
 * next page starts there, inclusive: {@code start_from}) and the ids already shown that carry
 * exactly that timestamp (the next page excludes them): no gap and no duplicate even when thousands
 * of events share one timestamp. Events written meanwhile that sort after the cursor are shown,
 * those that sort before it are not (they are on pages already seen).
 *
 * @param boundary the last shown event's timestamp, microsecond precision
 * @param seenIds  ids of the shown events whose timestamp equals {@code boundary}
 */
public record PageCursor(Instant boundary, Set<String> seenIds) {
    public PageCursor {
        Objects.requireNonNull(boundary, "boundary");
        seenIds = Set.copyOf(seenIds);
    }
}
