package io.alexandria.events;

import io.alexandria.events.EventFixtures.Generated;
import io.alexandria.testserver.QdrantTestServer;
import io.qdrant.client.QdrantClient;
import java.util.Arrays;
import java.util.List;
import java.util.function.Supplier;

/**
 * Test-scope benchmark (not a test): fills the in-process test Qdrant with {@code events} events
 * (default 100,000) of 6 hosts in random order, then times recent-event pages (first page, a page
 * after 10,000 and after 50,000 events), a filtered page, a document's history, statistics and run
 * summaries through {@link EventService}. Usage:
 * {@code mvn -q test-compile exec:java -Dexec.mainClass=io.alexandria.events.EventServiceBenchmark
 * -Dexec.classpathScope=test [-Dexec.args="100000 5"]} (events, timed runs per figure after one
 * warm-up run). Figures are of the test server, which scans in memory without Qdrant's indexes.
 */
public final class EventServiceBenchmark {
    private static final int PAGE = 50;

    private EventServiceBenchmark() {
    }

    public static void main(String[] args) {
        int count = args.length > 0 ? Integer.parseInt(args[0]) : 100_000;
        int runs = args.length > 1 ? Integer.parseInt(args[1]) : 5;
        try (QdrantTestServer qdrant = QdrantTestServer.start(); QdrantClient client = qdrant.newClient()) {
            long t0 = System.nanoTime();
            List<Generated> events = EventFixtures.generate(1, count, 1_000, 6, false);
            long t1 = System.nanoTime();
            EventFixtures.load(client, events, 2, 1_000);
            long t2 = System.nanoTime();
            System.out.printf("%,d events of 6 hosts generated in %,d ms, upserted (random order, 1,000 a batch) in %,d ms%n",
                    events.size(), (t1 - t0) / 1_000_000, (t2 - t1) / 1_000_000);
            EventService service = new EventService(client);

            time("first page (50, newest first)", runs, () -> service.page(EventQuery.all(), PAGE, null));
            PageCursor at10k = skip(service, EventQuery.all(), 10_000);
            time("page after 10,000 events (50)", runs, () -> service.page(EventQuery.all(), PAGE, at10k));
            PageCursor at50k = skip(service, EventQuery.all(), 50_000);
            time("page after 50,000 events (50)", runs, () -> service.page(EventQuery.all(), PAGE, at50k));
            EventQuery errors = EventQuery.all().withTypes(EventTypes.INGEST_ERROR).withHostname("nas-01");
            time("first page, errors of one host (50)", runs, () -> service.page(errors, PAGE, null));
            EventQuery block = EventQuery.all().withRunId(EventFixtures.SAME_TIME_RUN);
            PageCursor inBlock = skip(service, block, 500);
            time("page inside 1,000 events sharing one timestamp", runs, () -> service.page(block, PAGE, inBlock));
            time("history of calibre:42", runs, () -> service.history("calibre", "42"));
            time("count(all)", runs, () -> service.count(EventQuery.all()));
            time("stats()", runs, service::stats);
            time("recentRuns(10)", runs, () -> service.recentRuns(10));
            qdrant.resetCounters();
            EventStats stats = service.stats();
            System.out.printf("stats: %,d books, %,d chunks, %.1f h; %d Qdrant calls (%d scrolls, %d facets, %d counts)%n",
                    stats.totalBooksIngested(), stats.totalChunksCreated(), stats.totalDurationHours(),
                    qdrant.stats().totalCalls(), qdrant.calls("Scroll"), qdrant.calls("Facet"), qdrant.calls("Count"));
        }
    }

    private static PageCursor skip(EventService service, EventQuery q, int events) {
        PageCursor after = null;
        int seen = 0;
        do {
            EventPage page = service.page(q, Math.min(1_000, events - seen), after);
            seen += page.events().size();
            after = page.next();
        } while (seen < events && after != null);
        if (after == null) {
            throw new IllegalStateException("fewer than " + events + " events match " + q);
        }
        return after;
    }

    private static void time(String what, int runs, Supplier<?> call) {
        call.get();
        long[] ms = new long[runs];
        for (int i = 0; i < runs; i++) {
            long t = System.nanoTime();
            call.get();
            ms[i] = (System.nanoTime() - t) / 1_000;
        }
        Arrays.sort(ms);
        System.out.printf("%-48s median %8.1f ms   min %8.1f ms   max %8.1f ms%n", what, ms[runs / 2] / 1000.0,
                ms[0] / 1000.0, ms[runs - 1] / 1000.0);
    }
}
