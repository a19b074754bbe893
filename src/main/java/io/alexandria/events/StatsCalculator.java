package io.alexandria.events;

import static io.qdrant.client.WithPayloadSelectorFactory.include;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Computes {@link EventStats} without loading every event: counts come from Qdrant (an exact count,
 * exact facets on {@code event_type} and on {@code hostname} filtered by type); sums and each
 * host's busy time ({@link BusyTime}: the union of its documents' ingest intervals) from one
 * scroll over the {@code ingest_complete} events fetching only {@code hostname},
 * {@code chunks_created}, {@code duration_sec} and {@code timestamp}, a page at a time; each
 * host's last activity from one {@code order_by timestamp desc, limit 1} scroll. Calls: 5 +
 * completes / 5,000 + hosts. Memory: 16 bytes per complete event while the busy time is
 * computed.
 */
final class StatsCalculator {
    private static final List<String> SUM_FIELDS = List.of("hostname", "chunks_created", "duration_sec", "timestamp");

    private final EventScans scans;
    private final EventPager pager;

    StatsCalculator(EventScans scans, EventPager pager) {
        this.scans = scans;
        this.pager = pager;
    }

    EventStats compute() {
        long total = scans.count(null);
        Map<String, Long> byType = scans.facet("event_type", null);
        Map<String, Long> eventsPerHost = scans.facet("hostname", null);
        Map<String, Long> booksPerHost = scans.facet("hostname", EventFilters.type(EventTypes.INGEST_COMPLETE));
        Map<String, Long> errorsPerHost = scans.facet("hostname", EventFilters.type(EventTypes.INGEST_ERROR));

        Map<String, long[]> chunks = new TreeMap<>();
        Map<String, double[]> seconds = new TreeMap<>();
        Map<String, BusyTime> busy = new TreeMap<>();
        long[] totalChunks = {0};
        double[] totalSeconds = {0};
        scans.scan(EventFilters.type(EventTypes.INGEST_COMPLETE), SUM_FIELDS, p -> {
            String host = p.get("hostname") == null ? null : p.get("hostname").toString();
            long c = p.get("chunks_created") instanceof Number n ? n.longValue() : 0;
            double s = p.get("duration_sec") instanceof Number n ? n.doubleValue() : 0;
            totalChunks[0] += c;
            totalSeconds[0] += s;
            if (host != null) {
                chunks.computeIfAbsent(host, h -> new long[1])[0] += c;
                seconds.computeIfAbsent(host, h -> new double[1])[0] += s;
                Instant end = p.get("timestamp") == null ? null : EventTime.parse(p.get("timestamp").toString());
                if (end != null) {
                    busy.computeIfAbsent(host, h -> new BusyTime()).add(end.toEpochMilli(), s);
                }
            }
        });

        TreeSet<String> names = new TreeSet<>(eventsPerHost.keySet());
        names.addAll(booksPerHost.keySet());
        Map<String, HostStats> hosts = new TreeMap<>();
        for (String host : names) {
            hosts.put(host, new HostStats(host, eventsPerHost.getOrDefault(host, 0L),
                    booksPerHost.getOrDefault(host, 0L), chunks.getOrDefault(host, new long[1])[0],
                    errorsPerHost.getOrDefault(host, 0L), seconds.getOrDefault(host, new double[1])[0],
                    busy.containsKey(host) ? busy.get(host).seconds() : 0, lastActivity(host)));
        }
        return new EventStats(byType.getOrDefault(EventTypes.INGEST_COMPLETE, 0L), totalChunks[0], totalSeconds[0],
                total, byType, hosts);
    }

    private Instant lastActivity(String host) {
        List<EventRecord> newest = pager.first(EventFilters.of(EventQuery.all().withHostname(host)).build(),
                EventQuery.Order.NEWEST_FIRST, 1, include(List.of("timestamp")));
        return newest.isEmpty() ? null : newest.getFirst().instant();
    }
}
