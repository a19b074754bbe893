package io.alexandria.events;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.alexandria.events.EventFixtures.Generated;
import io.alexandria.testserver.QdrantTestServer;
import io.qdrant.client.QdrantClient;
import io.qdrant.client.grpc.Common.Condition;
import io.qdrant.client.grpc.Points.CountPoints;
import io.qdrant.client.grpc.Points.Direction;
import io.qdrant.client.grpc.Points.FacetCounts;
import io.qdrant.client.grpc.Points.ScrollPoints;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@link EventService} against the in-process Qdrant, filled with ~3,300 events of four hosts and
 * all five types inserted in random order, 300 of them sharing one timestamp. Every expected value
 * is computed here from the generated events.
 */
class EventServiceTest {
    private static QdrantTestServer qdrant;
    private static RecordingInterceptor recorder;
    private static QdrantClient client;
    private static EventService service;
    private static List<Generated> events;

    @BeforeAll
    static void fill() {
        qdrant = QdrantTestServer.start();
        recorder = new RecordingInterceptor();
        client = recorder.client(qdrant.port());
        service = new EventService(client);
        events = EventFixtures.generate(7, 2000, 300, 4, true);
        EventFixtures.load(client, events, 99, 500);
    }

    @AfterAll
    static void stop() {
        client.close();
        qdrant.stop();
    }

    @BeforeEach
    void resetCounters() {
        recorder.clear();
        qdrant.resetCounters();
    }

    @Test
    void theFirstPageIsTheNewestTwentyFromOneOrderedScroll() {
        List<EventRecord> page = service.recent(EventQuery.all(), 20);

        assertNewest(expected(g -> true, true), page);
        List<ScrollPoints> scrolls = recorder.of(ScrollPoints.class);
        assertEquals(1, scrolls.size());
        assertEquals(1, qdrant.calls("Scroll"));
        ScrollPoints s = scrolls.getFirst();
        assertEquals("timestamp", s.getOrderBy().getKey());
        assertEquals(Direction.Desc, s.getOrderBy().getDirection());
        assertEquals(21, s.getLimit());
        assertFalse(s.hasOffset());
    }

    @Test
    void pagingVisitsEveryEventOnceNewestFirstOneScrollPerPage() {
        List<EventRecord> all = collect(EventQuery.all(), 97);

        assertEvents(expected(g -> true, true), all);
        int pages = (events.size() + 96) / 97;
        assertEquals(pages, qdrant.calls("Scroll"));
        for (ScrollPoints s : recorder.of(ScrollPoints.class)) {
            assertTrue(s.hasOrderBy(), "every page is ordered by Qdrant");
            assertEquals(98, s.getLimit());
            assertFalse(s.hasOffset());
        }
        assertTrue(recorder.of(ScrollPoints.class).get(1).getOrderBy().hasStartFrom());
    }

    @Test
    void manyEventsSharingOneTimestampPageWithoutGapsOrDuplicates() {
        for (EventQuery.Order order : EventQuery.Order.values()) {
            recorder.clear();
            EventQuery q = EventQuery.all().withRunId(EventFixtures.SAME_TIME_RUN).withOrder(order);
            List<EventRecord> all = collect(q, 7);

            assertEquals(300, all.size());
            assertEvents(expected(g -> EventFixtures.SAME_TIME_RUN.equals(g.runId()), order
                    == EventQuery.Order.NEWEST_FIRST), all);
            List<ScrollPoints> scrolls = recorder.of(ScrollPoints.class);
            assertEquals(43, scrolls.size());
            ScrollPoints last = scrolls.getLast();
            Condition exclude = last.getFilter().getMustNot(0);
            assertEquals(294, exclude.getHasId().getHasIdCount(), "the already shown ids at that timestamp");
        }
    }

    @Test
    void pagesAcrossTheSameTimestampBlockAmongOtherEvents() {
        Instant from = EventFixtures.SAME_TIME.minus(Duration.ofDays(90));
        EventQuery q = EventQuery.all().withHostname("BUCO").withSince(from);
        List<Generated> want = expected(g -> g.host().equals("BUCO") && !g.at().isBefore(from), true);
        assertTrue(want.size() > 330, "the block and others");
        assertEvents(want, collect(q, 23));
    }

    @Test
    void eachFilterListsExactlyTheMatchingEvents() {
        Instant since = EventFixtures.NOW.minus(Duration.ofDays(30));
        Instant until = EventFixtures.NOW.minus(Duration.ofDays(10));
        Map<EventQuery, Predicate<Generated>> cases = new LinkedHashMap<>();
        cases.put(EventQuery.all().withTypes(EventTypes.INGEST_ERROR), g -> g.type().equals("ingest_error"));
        cases.put(EventQuery.all().withTypes(EventTypes.BOOK_DELETE, EventTypes.COLLECTION_RECREATE),
                g -> g.type().equals("book_delete") || g.type().equals("collection_recreate"));
        cases.put(EventQuery.all().withHostname("nas-01"), g -> g.host().equals("nas-01"));
        cases.put(EventQuery.all().withHostname("MacBook Pro"), g -> g.host().equals("MacBook Pro"));
        cases.put(EventQuery.all().withSource("obsidian"), g -> "obsidian".equals(g.source()));
        cases.put(EventQuery.all().withSource("calibre").withSourceId("7"),
                g -> "calibre".equals(g.source()) && "7".equals(g.sourceId()));
        cases.put(EventQuery.all().withSince(since), g -> !g.at().isBefore(since));
        cases.put(EventQuery.all().withUntil(until), g -> g.at().isBefore(until));
        cases.put(EventQuery.all().withSince(since).withUntil(until),
                g -> !g.at().isBefore(since) && g.at().isBefore(until));
        cases.put(EventQuery.all().withSince(EventFixtures.SAME_TIME), g -> !g.at().isBefore(EventFixtures.SAME_TIME));
        cases.put(EventQuery.all().withUntil(EventFixtures.SAME_TIME), g -> g.at().isBefore(EventFixtures.SAME_TIME));
        cases.put(EventQuery.all().withTitleText("great"), g -> words(g.title()).contains("great"));
        cases.put(EventQuery.all().withTitleText("old SEA"),
                g -> words(g.title()).containsAll(List.of("old", "sea")));
        cases.put(EventQuery.all().withTypes(EventTypes.INGEST_ERROR).withHostname("BUCO").withSince(since),
                g -> g.type().equals("ingest_error") && g.host().equals("BUCO") && !g.at().isBefore(since));
        cases.put(EventQuery.all().withTypes(EventTypes.INGEST_COMPLETE).withOrder(EventQuery.Order.OLDEST_FIRST),
                g -> g.type().equals("ingest_complete"));
        cases.put(EventQuery.all().withHostname("nobody"), g -> false);

        for (Map.Entry<EventQuery, Predicate<Generated>> c : cases.entrySet()) {
            List<Generated> want = expected(c.getValue(), c.getKey().order() == EventQuery.Order.NEWEST_FIRST);
            assertEvents(want, collect(c.getKey(), 200), c.getKey().toString());
            assertEquals(want.size(), service.count(c.getKey()), c.getKey().toString());
        }
        assertTrue(expected(g -> words(g.title()).contains("great"), true).size() > 10, "the title case matters");
    }

    @Test
    void historyOfOneDocumentIsOldestFirst() {
        List<EventRecord> gatsby = service.history("calibre", "42");
        List<Generated> want = expected(g -> "calibre".equals(g.source()) && "42".equals(g.sourceId()), false);
        assertTrue(want.size() >= 7);
        assertEvents(want, gatsby);

        List<EventRecord> meeting = service.history("obsidian", EventFixtures.MEETING_NOTE);
        assertEvents(expected(g -> EventFixtures.MEETING_NOTE.equals(g.sourceId()), false), meeting);
        assertEquals(List.of("ingest_start", "ingest_complete"), meeting.stream().map(EventRecord::eventType).toList());
        assertEquals(List.of(), service.history("calibre", "99999"));
    }

    @Test
    void statisticsMatchTheSeedsDefinitionsAndPerHostFigures() {
        EventStats stats = service.stats();

        List<Generated> completes = events.stream().filter(g -> g.type().equals("ingest_complete")).toList();
        long chunks = completes.stream().mapToLong(Generated::chunks).sum();
        double seconds = completes.stream().mapToDouble(Generated::duration).sum();
        assertEquals(completes.size(), stats.totalBooksIngested());
        assertEquals(chunks, stats.totalChunksCreated());
        assertEquals(seconds / 3600, stats.totalDurationHours(), 1e-9);
        assertEquals((double) chunks / completes.size(), stats.avgChunksPerBook(), 1e-9);
        assertEquals(events.size(), stats.totalEvents());
        Map<String, Long> byType = events.stream().collect(Collectors.groupingBy(Generated::type, Collectors.counting()));
        assertEquals(byType, stats.eventsByType());
        assertEquals(byType.get("ingest_error"), stats.totalErrors());

        assertEquals(List.of("BUCO", "MacBook Pro", "WIN-DESK", "nas-01"), List.copyOf(stats.hosts().keySet()));
        for (HostStats h : stats.hosts().values()) {
            List<Generated> mine = events.stream().filter(g -> g.host().equals(h.hostname())).toList();
            List<Generated> done = mine.stream().filter(g -> g.type().equals("ingest_complete")).toList();
            double sec = done.stream().mapToDouble(Generated::duration).sum();
            long ch = done.stream().mapToLong(Generated::chunks).sum();
            assertEquals(mine.size(), h.events(), h.hostname());
            assertEquals(done.size(), h.books(), h.hostname());
            assertEquals(ch, h.chunks(), h.hostname());
            assertEquals(mine.stream().filter(g -> g.type().equals("ingest_error")).count(), h.errors());
            assertEquals(sec, h.durationSec(), 1e-6);
            BusyTime busy = new BusyTime();
            done.forEach(g -> busy.add(g.at().toEpochMilli(), g.duration()));
            assertEquals(busy.seconds(), h.busySec(), 1e-6, "the union of the host's ingest intervals");
            assertTrue(h.busySec() <= sec + 1e-6, "never more than the summed durations");
            assertEquals(ch / busy.seconds(), h.chunksPerSecond(), 1e-9);
            assertEquals(busy.seconds() / done.size(), h.secondsPerDocument(), 1e-9);
            assertEquals(sec / done.size(), h.avgDocumentSec(), 1e-9);
            assertEquals(mine.stream().map(Generated::at).max(Comparator.naturalOrder()).orElseThrow(),
                    h.lastActivity());
        }

        Map<String, Object> json = stats.toJson();
        assertEquals(List.of("total_books_ingested", "total_chunks_created", "total_duration_hours",
                "avg_chunks_per_book", "by_hostname"), List.copyOf(json.keySet()).subList(0, 5));
        @SuppressWarnings("unchecked")
        Map<String, Map<String, Object>> byHost = (Map<String, Map<String, Object>>) json.get("by_hostname");
        assertEquals(Map.of("books", stats.hosts().get("nas-01").books(), "chunks", stats.hosts().get("nas-01").chunks()),
                byHost.get("nas-01"));
    }

    @Test
    void statisticsNeverFetchWholeEvents() {
        service.stats();

        long completes = events.stream().filter(g -> g.type().equals("ingest_complete")).count();
        List<ScrollPoints> sums = recorder.of(ScrollPoints.class).stream().filter(s -> !s.hasOrderBy()).toList();
        assertEquals((completes + EventScans.SCAN_PAGE - 1) / EventScans.SCAN_PAGE, sums.size(),
                "one summing scroll page per 5,000 complete events");
        for (ScrollPoints s : sums) {
            assertEquals(List.of("hostname", "chunks_created", "duration_sec", "timestamp"),
                    s.getWithPayload().getInclude().getFieldsList());
            assertEquals("ingest_complete", s.getFilter().getMust(0).getField().getMatch().getKeyword());
        }
        List<ScrollPoints> latest = recorder.of(ScrollPoints.class).stream().filter(ScrollPoints::hasOrderBy).toList();
        assertEquals(4, latest.size(), "one last-activity lookup per host");
        latest.forEach(s -> assertEquals(1, s.getLimit()));
        recorder.of(FacetCounts.class).forEach(f -> assertTrue(f.getExact()));
        recorder.of(CountPoints.class).forEach(c -> assertTrue(c.getExact()));
    }

    @Test
    void summingScansPageThroughEveryMatchingEventFetchingOnlyTheNamedFields() {
        EventScans scans = new EventScans(client, 7);
        long[] sum = {0, 0};
        scans.scan(EventFilters.type(EventTypes.INGEST_ERROR), List.of("hostname", "error_type"), p -> {
            assertEquals(Set.of("hostname", "error_type"), p.keySet());
            sum[0]++;
            sum[1] += p.get("hostname").toString().length();
        });
        List<Generated> errors = events.stream().filter(g -> g.type().equals("ingest_error")).toList();
        assertEquals(errors.size(), sum[0]);
        assertEquals(errors.stream().mapToLong(g -> g.host().length()).sum(), sum[1]);
        assertEquals((errors.size() + 6) / 7, qdrant.calls("Scroll"), "pages of 7");
    }

    @Test
    void runSummariesComeFromTheRunsEvents() {
        Map<String, List<Generated>> runs = events.stream().filter(g -> g.runId() != null)
                .collect(Collectors.groupingBy(Generated::runId));
        for (String runId : List.of(EventFixtures.SAME_TIME_RUN, runs.keySet().stream().sorted().findFirst().orElseThrow())) {
            assertRun(runs.get(runId), service.run(runId).orElseThrow());
        }
        assertEquals(Optional.empty(), service.run("no-such-run"));

        List<String> newest = runs.entrySet().stream()
                .sorted(Comparator.comparing((Map.Entry<String, List<Generated>> e) ->
                        e.getValue().stream().map(Generated::at).max(Comparator.naturalOrder()).orElseThrow()).reversed())
                .map(Map.Entry::getKey).limit(3).toList();
        List<RunSummary> recent = service.recentRuns(3);
        assertEquals(newest, recent.stream().map(RunSummary::runId).toList());
        for (RunSummary s : recent) {
            assertRun(runs.get(s.runId()), s);
        }
        assertEquals(runs.size(), service.recentRuns(1000).size());
    }

    @Test
    void aMissingCollectionIsReportedAsNotFound() {
        try (QdrantTestServer empty = QdrantTestServer.start(); QdrantClient c = empty.newClient()) {
            EventService s = new EventService(c);
            assertFalse(s.collectionExists());
            var e = assertThrows(io.alexandria.index.QdrantException.class, () -> s.recent(EventQuery.all(), 10));
            assertEquals(io.grpc.Status.Code.NOT_FOUND, e.status().getCode());
            assertThrows(io.alexandria.index.QdrantException.class, s::stats);
            assertThrows(io.alexandria.index.QdrantException.class, s::ensureIndexes);
        }
    }

    @Test
    void aCollectionMadeWithoutIndexesGetsThemOnRequest() {
        try (QdrantTestServer seedMade = QdrantTestServer.start(); QdrantClient c = seedMade.newClient()) {
            io.alexandria.index.QdrantCalls.await(c.createCollectionAsync(
                    io.qdrant.client.grpc.Collections.CreateCollection.newBuilder().setCollectionName(EventsCollection.NAME)
                            .setVectorsConfig(io.qdrant.client.grpc.Collections.VectorsConfig.newBuilder()
                                    .setParamsMap(io.qdrant.client.grpc.Collections.VectorParamsMap.newBuilder()))
                            .build()));
            List<Generated> few = events.subList(0, 30);
            EventFixtures.upsert(c, few, 1, 100);
            EventService s = new EventService(c);
            var e = assertThrows(io.alexandria.index.QdrantException.class, () -> s.recent(EventQuery.all(), 5));
            assertEquals(io.grpc.Status.Code.INVALID_ARGUMENT, e.status().getCode());

            assertEquals(List.copyOf(EventsCollection.indexes().keySet()), s.ensureIndexes());
            assertEquals(List.of(), s.ensureIndexes());
            assertEvents(expected(few, g -> true, true), collect(s, EventQuery.all(), 4));
        }
    }

    @Test
    void pageSizesOutOfRangeAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> service.page(EventQuery.all(), 0, null));
        assertThrows(IllegalArgumentException.class, () -> service.page(EventQuery.all(), 10_001, null));
        assertThrows(IllegalArgumentException.class,
                () -> EventQuery.all().withSince(EventFixtures.NOW).withUntil(EventFixtures.NOW));
        EventPage last = service.page(EventQuery.all().withHostname("nas-01").withTypes(EventTypes.COLLECTION_RECREATE),
                10_000, null);
        assertNull(last.next());
    }

    // --- helpers

    private static List<EventRecord> collect(EventQuery q, int pageSize) {
        return collect(service, q, pageSize);
    }

    static List<EventRecord> collect(EventService s, EventQuery q, int pageSize) {
        List<EventRecord> out = new ArrayList<>();
        PageCursor after = null;
        int pages = 0;
        do {
            assertTrue(++pages <= events.size() / pageSize + 2, "paging does not end");
            EventPage page = s.page(q, pageSize, after);
            assertTrue(page.events().size() <= pageSize);
            out.addAll(page.events());
            after = page.next();
        } while (after != null);
        return out;
    }

    private static List<Generated> expected(Predicate<Generated> keep, boolean newestFirst) {
        return expected(events, keep, newestFirst);
    }

    static List<Generated> expected(List<Generated> from, Predicate<Generated> keep, boolean newestFirst) {
        Comparator<Generated> byTime = Comparator.comparing(Generated::at);
        return from.stream().filter(keep).sorted(newestFirst ? byTime.reversed() : byTime).toList();
    }

    private static void assertEvents(List<Generated> want, List<EventRecord> got) {
        assertEvents(want, got, "");
    }

    /**
     * Same events (ids, payloads) in the same timestamp order; events sharing a timestamp may come
     * in any order among themselves.
     */
    static void assertEvents(List<Generated> want, List<EventRecord> got, String what) {
        Set<String> ids = new HashSet<>();
        for (EventRecord e : got) {
            assertTrue(ids.add(e.id()), what + ": duplicate " + e.id());
        }
        assertEquals(want.stream().map(Generated::id).collect(Collectors.toSet()), ids, what);
        assertEquals(want.stream().map(Generated::at).toList(), got.stream().map(EventRecord::instant).toList(), what);
        Map<String, Map<String, Object>> payloads = new HashMap<>();
        want.forEach(g -> payloads.put(g.id(), g.payload()));
        for (EventRecord e : got) {
            assertEquals(payloads.get(e.id()), e.payload(), what);
        }
    }

    /**
     * {@code got} is the newest {@code got.size()} of {@code want}: the same timestamps; where the
     * last of them is shared by more events than fit, any of those.
     */
    static void assertNewest(List<Generated> want, List<EventRecord> got) {
        List<Generated> head = want.subList(0, got.size());
        assertEquals(head.stream().map(Generated::at).toList(), got.stream().map(EventRecord::instant).toList());
        Set<Instant> times = head.stream().map(Generated::at).collect(Collectors.toSet());
        Map<String, Generated> candidates = want.stream().filter(g -> times.contains(g.at()))
                .collect(Collectors.toMap(Generated::id, g -> g));
        Set<String> ids = new HashSet<>();
        for (EventRecord e : got) {
            assertTrue(ids.add(e.id()), "duplicate " + e.id());
            assertEquals(candidates.get(e.id()).payload(), e.payload());
        }
    }

    private static void assertRun(List<Generated> mine, RunSummary s) {
        Map<String, Long> byType = new TreeMap<>(mine.stream().collect(Collectors.groupingBy(Generated::type,
                Collectors.counting())));
        Generated first = mine.stream().min(Comparator.comparing(Generated::at)).orElseThrow();
        assertEquals(first.host(), s.hostname());
        assertEquals(first.at(), s.start());
        assertEquals(mine.stream().map(Generated::at).max(Comparator.naturalOrder()).orElseThrow(), s.end());
        assertEquals(mine.size(), s.events());
        assertEquals(byType.getOrDefault("ingest_start", 0L), s.documentsStarted());
        assertEquals(byType.getOrDefault("ingest_complete", 0L), s.documentsCompleted());
        assertEquals(byType.getOrDefault("ingest_error", 0L), s.errors());
        assertEquals(byType.getOrDefault("book_delete", 0L), s.deletes());
        assertEquals(mine.stream().filter(g -> g.type().equals("ingest_complete")).mapToLong(Generated::chunks).sum(),
                s.chunks());
        assertEquals(Duration.between(s.start(), s.end()), s.elapsed());
    }

    private static Set<String> words(String title) {
        if (title == null) {
            return Set.of();
        }
        Set<String> out = new HashSet<>();
        for (String w : title.toLowerCase(Locale.ROOT).split("[^\\p{L}\\p{N}]+")) {
            if (!w.isEmpty()) {
                out.add(w);
            }
        }
        return out;
    }
}
