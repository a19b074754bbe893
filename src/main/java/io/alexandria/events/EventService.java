package io.alexandria.events;

import io.alexandria.index.QdrantCalls;
import io.alexandria.index.QdrantException;
import io.qdrant.client.QdrantClient;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Reads the shared event log {@code alexandria_events} ({@code docs/architecture.md}, "Event payload") for
 * the desktop's Events and Hosts panes and the CLI: recent events page by page, one document's
 * history, statistics, runs, retention and export. UI-free and thread-safe (it holds no state but the
 * client); every method makes blocking gRPC calls, so call it off the UI thread.
 *
 * <p>Ordering always comes from Qdrant ({@code order_by} on the {@code timestamp} datetime index,
 * paged with {@code start_from}); nothing is loaded whole and sorted in memory. Calls are not
 * retried (a pane's refresh or the user retries), except retention's delete.
 *
 * <p>Errors: every method throws {@link QdrantException} when Qdrant fails; its status tells
 * NOT_FOUND (no events collection yet: nothing was ever logged), UNAUTHENTICATED /
 * PERMISSION_DENIED (API key refused, {@link QdrantException#isAuthFailure()}), UNAVAILABLE /
 * DEADLINE_EXCEEDED (unreachable, {@link QdrantException#isTransient()}), INVALID_ARGUMENT (a
 * payload index is missing: call {@link #ensureIndexes()}).
 */
public final class EventService {
    /** A sensible page size for a pane. */
    public static final int DEFAULT_PAGE = 50;

    private final QdrantClient client;
    private final Clock clock;
    private final EventPager pager;
    private final EventScans scans;

    /** A service over {@code client} (not closed by the service), with the system clock. */
    public EventService(QdrantClient client) {
        this(client, Clock.systemUTC());
    }

    /** A service over {@code client} whose "now" (for retention) comes from {@code clock}. */
    public EventService(QdrantClient client, Clock clock) {
        this.client = Objects.requireNonNull(client, "client");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.pager = new EventPager(client);
        this.scans = new EventScans(client);
    }

    /** Whether {@code alexandria_events} exists (false: nothing was ever logged to this Qdrant). */
    public boolean collectionExists() {
        return QdrantCalls.await(client.collectionExistsAsync(EventsCollection.NAME));
    }

    /**
     * Creates the payload indexes the queries need when the collection lacks them (a collection made
     * by the user's Python tools has none); call once before querying, e.g. when a pane opens.
     *
     * @return the fields indexed now (empty: all were there)
     * @throws QdrantException NOT_FOUND when there is no events collection
     */
    public List<String> ensureIndexes() {
        return EventsCollection.ensureIndexes(client);
    }

    /**
     * One page of the events matching {@code query}, in its order (newest first by default).
     * Start with {@code after = null}, then pass the previous page's {@link EventPage#next()}: the
     * pages together list every matching event exactly once, even when many share a timestamp. One
     * scroll per page, of {@code limit + 1} points.
     *
     * @param limit events per page, 1..10,000
     * @param after where to continue, or null for the first page
     * @throws IllegalArgumentException for a limit out of range
     */
    public EventPage page(EventQuery query, int limit, PageCursor after) {
        return pager.page(query, limit, after);
    }

    /** The first {@code limit} events of {@code query} (e.g. the user's {@code get_recent_events}). */
    public List<EventRecord> recent(EventQuery query, int limit) {
        return page(query, limit, null).events();
    }

    /**
     * Hands the events matching {@code query} to {@code sink} in the query's order, fetching
     * {@code pageSize} at a time and holding no more than one page.
     *
     * @param max most events to hand over ({@link Long#MAX_VALUE}: all)
     * @return how many were handed over
     */
    public long forEach(EventQuery query, long max, int pageSize, Consumer<EventRecord> sink) {
        long n = 0;
        PageCursor after = null;
        while (n < max) {
            EventPage page = page(query, (int) Math.min(pageSize, max - n), after);
            for (EventRecord e : page.events()) {
                sink.accept(e);
                n++;
            }
            if (!page.hasMore()) {
                break;
            }
            after = page.next();
        }
        return n;
    }

    /**
     * Every event of one document ({@code source} and {@code source_id}, e.g. {@code calibre} and
     * {@code 42}), oldest first: the user's {@code get_book_history}, without its 1,000-event cap.
     */
    public List<EventRecord> history(String source, String sourceId) {
        List<EventRecord> out = new ArrayList<>();
        forEach(EventQuery.document(source, sourceId), Long.MAX_VALUE, 1_000, out::add);
        return out;
    }

    /** How many events match {@code query} (an exact count; the order is irrelevant). */
    public long count(EventQuery query) {
        return scans.count(EventFilters.of(query).build());
    }

    /**
     * Ingestion statistics (the user's {@code get_stats} plus per-host figures), computed by Qdrant
     * counts and facets and one summing scroll over the complete events fetching three payload
     * fields; see {@link EventStats} and {@link StatsCalculator}.
     */
    public EventStats stats() {
        return new StatsCalculator(scans, pager).compute();
    }

    /** The summary of one run ({@code run_id}), or empty when no event carries that run id. */
    public Optional<RunSummary> run(String runId) {
        return new RunQueries(scans, pager).summary(runId);
    }

    /** The {@code n} most recent runs, by their newest event, newest first. */
    public List<RunSummary> recentRuns(int n) {
        if (n < 0) {
            throw new IllegalArgumentException("n must not be negative: " + n);
        }
        RunQueries runs = new RunQueries(scans, pager);
        List<RunSummary> out = new ArrayList<>();
        for (String id : runs.recentRunIds(n)) {
            runs.summary(id).ifPresent(out::add);
        }
        return out;
    }

    /**
     * Retention: deletes the events older than {@code maxAge} (e.g.
     * {@link EventRetention#DEFAULT_MAX_AGE}, 365 days) before now; see {@link #deleteBefore}.
     *
     * @return how many events were deleted
     */
    public long deleteOlderThan(Duration maxAge) {
        if (maxAge.isNegative()) {
            throw new IllegalArgumentException("maxAge must not be negative: " + maxAge);
        }
        return deleteBefore(clock.instant().minus(maxAge));
    }

    /**
     * Deletes, by a {@code datetime_range} filter, every event whose {@code timestamp} is strictly
     * before {@code cutoff} (at microsecond precision): one exactly at the cut-off is kept. Events
     * without a readable timestamp are kept.
     *
     * @return how many events were deleted (counted, exactly, just before deleting)
     */
    public long deleteBefore(Instant cutoff) {
        return new EventRetention(client).deleteBefore(cutoff);
    }

    /**
     * Exports the events matching {@code query}, in its order, to {@code file}: CSV or JSON by the
     * file's extension ({@link ExportFormat}), streamed page by page. The file is replaced only when
     * the export succeeded.
     *
     * @param max most events to export ({@link Long#MAX_VALUE}: all)
     * @return how many events were written
     * @throws IllegalArgumentException when the extension is neither {@code .csv} nor {@code .json}
     * @throws IOException              when the file cannot be written
     */
    public long export(EventQuery query, long max, Path file) throws IOException {
        return new EventExporter(this).export(query, max, file);
    }
}
