package io.alexandria.events;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * Which events to list and in what order. Every criterion is optional (null or empty: any) and they
 * all have to hold. Immutable; build with {@link #all()} and the {@code with…} methods, e.g.
 * {@code EventQuery.all().withTypes(EventTypes.INGEST_ERROR).withHostname("BUCO")}.
 *
 * @param types     {@code event_type} is one of these (full names, see {@link EventTypes}); empty: any
 * @param hostname  {@code hostname} equals this
 * @param source    {@code source} equals this ({@code calibre}, {@code obsidian}, …)
 * @param sourceId  {@code source_id} equals this (use with {@code source}: one document)
 * @param runId     {@code run_id} equals this (one sync/watch session)
 * @param since     {@code timestamp} at or after this instant (inclusive)
 * @param until     {@code timestamp} before this instant (exclusive)
 * @param titleText {@code title} contains every word of this text (Qdrant full-text match on the
 *                  title's text index: case-insensitive, whole words)
 * @param order     newest first (the default) or oldest first, by {@code timestamp}
 */
public record EventQuery(List<String> types, String hostname, String source, String sourceId, String runId,
                         Instant since, Instant until, String titleText, Order order) {
    /** Sort order by {@code timestamp}. */
    public enum Order {
        /** Descending: the most recent event first. */
        NEWEST_FIRST,
        /** Ascending: the oldest event first. */
        OLDEST_FIRST
    }

    public EventQuery {
        types = types == null ? List.of() : List.copyOf(types);
        hostname = blankToNull(hostname);
        source = blankToNull(source);
        sourceId = sourceId == null || sourceId.isEmpty() ? null : sourceId;
        runId = blankToNull(runId);
        titleText = blankToNull(titleText);
        order = order == null ? Order.NEWEST_FIRST : order;
        if (since != null && until != null && !since.isBefore(until)) {
            throw new IllegalArgumentException("the time range is empty: since " + since + " is not before until "
                    + until);
        }
    }

    /** Every event, newest first. */
    public static EventQuery all() {
        return new EventQuery(List.of(), null, null, null, null, null, null, null, Order.NEWEST_FIRST);
    }

    /** One document's events ({@code source} and {@code source_id}), oldest first. */
    public static EventQuery document(String source, String sourceId) {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(sourceId, "sourceId");
        return all().withSource(source).withSourceId(sourceId).withOrder(Order.OLDEST_FIRST);
    }

    /** Only these event types (full names); none: any type. */
    public EventQuery withTypes(String... eventTypes) {
        return withTypes(List.of(eventTypes));
    }

    /** Only these event types (full names); empty: any type. */
    public EventQuery withTypes(List<String> eventTypes) {
        return new EventQuery(eventTypes, hostname, source, sourceId, runId, since, until, titleText, order);
    }

    /** Only this host's events. */
    public EventQuery withHostname(String host) {
        return new EventQuery(types, host, source, sourceId, runId, since, until, titleText, order);
    }

    /** Only this source's events. */
    public EventQuery withSource(String src) {
        return new EventQuery(types, hostname, src, sourceId, runId, since, until, titleText, order);
    }

    /** Only events with this {@code source_id}. */
    public EventQuery withSourceId(String id) {
        return new EventQuery(types, hostname, source, id, runId, since, until, titleText, order);
    }

    /** Only this run's events. */
    public EventQuery withRunId(String run) {
        return new EventQuery(types, hostname, source, sourceId, run, since, until, titleText, order);
    }

    /** Only events at or after {@code from} (inclusive). */
    public EventQuery withSince(Instant from) {
        return new EventQuery(types, hostname, source, sourceId, runId, from, until, titleText, order);
    }

    /** Only events before {@code to} (exclusive). */
    public EventQuery withUntil(Instant to) {
        return new EventQuery(types, hostname, source, sourceId, runId, since, to, titleText, order);
    }

    /** Only events whose title contains every word of {@code text}. */
    public EventQuery withTitleText(String text) {
        return new EventQuery(types, hostname, source, sourceId, runId, since, until, text, order);
    }

    /** The same criteria in another order. */
    public EventQuery withOrder(Order o) {
        return new EventQuery(types, hostname, source, sourceId, runId, since, until, titleText, o);
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }
}
