package io.alexandria.events;

import static io.qdrant.client.ConditionFactory.datetimeRange;
import static io.qdrant.client.ConditionFactory.matchKeyword;
import static io.qdrant.client.ConditionFactory.matchKeywords;
import static io.qdrant.client.ConditionFactory.matchText;

import io.qdrant.client.grpc.Common.DatetimeRange;
import io.qdrant.client.grpc.Common.Filter;

/**
 * Turns an {@link EventQuery} into a Qdrant filter over the indexed payload fields of
 * {@link EventsCollection}: keyword matches on {@code event_type} (match any), {@code hostname},
 * {@code source}, {@code source_id}, {@code run_id}; a {@code datetime_range} on {@code timestamp}
 * (gte since, lt until); a full-text match on {@code title}.
 */
final class EventFilters {
    private EventFilters() {
    }

    /** The filter for {@code q} (an empty filter matches everything). */
    static Filter.Builder of(EventQuery q) {
        Filter.Builder f = Filter.newBuilder();
        if (q.types().size() == 1) {
            f.addMust(matchKeyword("event_type", q.types().getFirst()));
        } else if (!q.types().isEmpty()) {
            f.addMust(matchKeywords("event_type", q.types()));
        }
        if (q.hostname() != null) {
            f.addMust(matchKeyword("hostname", q.hostname()));
        }
        if (q.source() != null) {
            f.addMust(matchKeyword("source", q.source()));
        }
        if (q.sourceId() != null) {
            f.addMust(matchKeyword("source_id", q.sourceId()));
        }
        if (q.runId() != null) {
            f.addMust(matchKeyword("run_id", q.runId()));
        }
        if (q.since() != null || q.until() != null) {
            DatetimeRange.Builder r = DatetimeRange.newBuilder();
            if (q.since() != null) {
                r.setGte(EventTime.proto(q.since()));
            }
            if (q.until() != null) {
                r.setLt(EventTime.proto(q.until()));
            }
            f.addMust(datetimeRange("timestamp", r.build()));
        }
        if (q.titleText() != null) {
            f.addMust(matchText("title", q.titleText()));
        }
        return f;
    }

    /** Only events of one type, e.g. every {@code ingest_complete}. */
    static Filter type(String eventType) {
        return Filter.newBuilder().addMust(matchKeyword("event_type", eventType)).build();
    }
}
