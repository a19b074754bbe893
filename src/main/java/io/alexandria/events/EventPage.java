package io.alexandria.events;

import java.util.List;

/**
 * One page of events in the query's order.
 *
 * @param events the events, at most the requested limit
 * @param next   where the following page starts, or null when this is the last page
 */
public record EventPage(List<EventRecord> events, PageCursor next) {
    public EventPage {
        events = List.copyOf(events);
    }

    /** Whether another page follows. */
    public boolean hasMore() {
        return next != null;
    }
}
