package io.alexandria.events;

import static io.qdrant.client.ConditionFactory.isEmpty;
import static io.qdrant.client.ConditionFactory.matchKeyword;
import static io.qdrant.client.ConditionFactory.matchKeywords;
import static io.qdrant.client.WithPayloadSelectorFactory.include;

import io.qdrant.client.grpc.Common.Filter;
import io.qdrant.client.grpc.Points.WithPayloadSelector;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Run summaries from {@code run_id}: per run an exact facet on {@code event_type}, the first and the
 * last event ({@code order_by timestamp}, limit 1 each) and a scroll summing {@code chunks_created}
 * of its complete events. The most recent runs are found one {@code order_by timestamp desc,
 * limit 1} scroll each, excluding the runs already found, so no run's events are listed.
 */
final class RunQueries {
    private static final WithPayloadSelector FIRST_FIELDS = include(List.of("timestamp", "hostname", "run_id"));

    private final EventScans scans;
    private final EventPager pager;

    RunQueries(EventScans scans, EventPager pager) {
        this.scans = scans;
        this.pager = pager;
    }

    Optional<RunSummary> summary(String runId) {
        Filter run = Filter.newBuilder().addMust(matchKeyword("run_id", runId)).build();
        Map<String, Long> byType = scans.facet("event_type", run);
        List<EventRecord> first = pager.first(run, EventQuery.Order.OLDEST_FIRST, 1, FIRST_FIELDS);
        if (first.isEmpty()) {
            return Optional.empty();
        }
        List<EventRecord> last = pager.first(run, EventQuery.Order.NEWEST_FIRST, 1, FIRST_FIELDS);
        long[] chunks = {0};
        scans.scan(run.toBuilder().addMust(matchKeyword("event_type", EventTypes.INGEST_COMPLETE)).build(),
                List.of("chunks_created"), p -> chunks[0] += p.get("chunks_created") instanceof Number n ? n.longValue() : 0);
        long events = byType.values().stream().mapToLong(Long::longValue).sum();
        return Optional.of(new RunSummary(runId, first.getFirst().hostname(), first.getFirst().instant(),
                last.getFirst().instant(), events, byType.getOrDefault(EventTypes.INGEST_START, 0L),
                byType.getOrDefault(EventTypes.INGEST_COMPLETE, 0L), byType.getOrDefault(EventTypes.INGEST_ERROR, 0L),
                byType.getOrDefault(EventTypes.BOOK_DELETE, 0L), chunks[0]));
    }

    /** Run ids by their newest event, newest first, at most {@code n}. */
    List<String> recentRunIds(int n) {
        List<String> found = new ArrayList<>();
        while (found.size() < n) {
            Filter.Builder f = Filter.newBuilder().addMustNot(isEmpty("run_id"));
            if (!found.isEmpty()) {
                f.addMustNot(matchKeywords("run_id", found));
            }
            List<EventRecord> newest = pager.first(f.build(), EventQuery.Order.NEWEST_FIRST, 1,
                    include(List.of("run_id", "timestamp")));
            if (newest.isEmpty() || newest.getFirst().runId() == null) {
                break;
            }
            found.add(newest.getFirst().runId());
        }
        return found;
    }
}
