package io.alexandria.sync;

import io.alexandria.common.Json;
import io.alexandria.embedding.Embedder;
import io.alexandria.embedding.ModelSpec;
import io.alexandria.health.Verifier;
import io.alexandria.events.EventPublisher;
import io.alexandria.events.EventsCollection;
import io.alexandria.index.ChunkIndex;
import io.alexandria.index.IndexGuardian;
import io.alexandria.index.LeaseManager;
import io.alexandria.index.QdrantException;
import io.alexandria.pipeline.DocumentOutcome;
import io.alexandria.pipeline.Pipeline;
import io.alexandria.pipeline.PipelineObserver;
import io.alexandria.pipeline.PipelineStore;
import io.alexandria.pipeline.Queues;
import io.alexandria.pipeline.RunStats;
import io.alexandria.pipeline.SourceRegistry;
import io.alexandria.pipeline.StageFailure;
import io.alexandria.sources.DocumentSource;
import io.alexandria.sources.FileSource;
import io.alexandria.sources.SourceListing;
import io.alexandria.sources.SourceUnavailableException;
import io.alexandria.store.AppState;
import io.alexandria.store.Database;
import io.alexandria.store.IndexedDocument;
import io.alexandria.store.SourceIdentity;
import io.grpc.Status;
import io.qdrant.client.QdrantClient;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one engine behind the window, the CLI and the headless {@code watch}: sources are scanned
 * into the H2 ledger, and the {@link Pipeline}'s stage workers (extract → embed → upload, plus the
 * event outbox drain) move each document through the durable stages until Qdrant matches the
 * ledger ({@code docs/architecture.md}). UI-free: callers observe it through its pushed
 * {@link #state()} and {@link EngineListener}s. It owns the database, the model and the Qdrant
 * client it is given and hands none of them out: the services beside it are built from the same
 * parts by the bootstrap ({@code io.alexandria.app.EngineBootstrap}). Thread-safe.
 */
public final class SyncEngine implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(SyncEngine.class);
    /** How long each stage may take to finish its unit of work when the engine closes (then it is interrupted). */
    static final Duration STOP_GRACE = Duration.ofSeconds(30);
    /** How often the chunks-per-byte yield of each format is read again for the time-left estimate. */
    private static final Duration YIELD_REFRESH = Duration.ofMinutes(1);

    private final Database db;
    private final Embedder embedder;
    private final QdrantClient client;
    private final EngineConfig config;
    private final PipelineStore store;
    private final SourceRegistry sources = new SourceRegistry();
    private final ChunkIndex index;
    private final Pipeline pipeline;
    private final ChangeDetector detector;
    private final EngineStateTracker tracker;
    private final EventPublisher events;
    private final IndexGuardian guardian;
    private final List<SyncSummary.Failure> runFailures = new CopyOnWriteArrayList<>();
    private final List<String> runAlarms = new CopyOnWriteArrayList<>();
    private volatile String restoring;
    private final List<EngineListener> listeners = new CopyOnWriteArrayList<>();
    private final AtomicReference<RunStats> stats = new AtomicReference<>(new RunStats());
    /** The current run's latest listing per source ({@code kind:scope} → listed, unchanged), so a rescan replaces it. */
    private final Map<String, int[]> runListings = new java.util.concurrent.ConcurrentHashMap<>();
    /** Documents indexed, chunks and failures of the session's earlier runs (for its {@code sync_runs} row). */
    private final long[] earlierRuns = new long[3];
    /** Sources whose last scan could not list them ({@code kind:scope} → why), for {@link EngineProgress.State#SOURCE_MISSING}. */
    private final Map<String, String> unavailable = new java.util.concurrent.ConcurrentHashMap<>();
    private final Object syncLock = new Object();
    private final Object scanLock = new Object();
    private final FileSource fileSource = new FileSource();
    private final List<Runnable> closeActions = new CopyOnWriteArrayList<>();
    private final AtomicInteger activeScans = new AtomicInteger();
    private final AtomicLong scansStarted = new AtomicLong();
    private volatile long scansSeen;
    private volatile Queues lastQueues = Queues.empty();
    private volatile boolean paused;
    private volatile boolean syncing;
    private volatile boolean started;
    private volatile boolean closed;
    private volatile String currentStage;
    private volatile String currentDocument;
    private volatile UUID runId;
    private volatile Map<String, io.alexandria.store.Ledger.FormatTotals> chunkYield = Map.of();
    private volatile long chunkYieldAt = Long.MIN_VALUE;

    /**
     * Creates an engine; it owns (and closes) {@code db}, {@code embedder} and {@code client}.
     *
     * @param db       the local ledger
     * @param embedder the model in use
     * @param client   a Qdrant client (calls fail and are retried while Qdrant is down)
     */
    public SyncEngine(Database db, Embedder embedder, QdrantClient client, EngineConfig config) {
        this.db = db;
        this.embedder = embedder;
        this.client = client;
        this.config = config;
        this.store = new PipelineStore(db, config.hostname());
        this.index = new ChunkIndex(client, embedder.model());
        this.tracker = new EngineStateTracker(stoppedSnapshot("not started"), this::snapshot, this::record);
        LeaseManager leases = config.leaseTtl() == null ? null
                : new LeaseManager(client, config.hostname(), config.leaseTtl(), Clock.systemUTC());
        PipelineObserver observer = new PipelineObserver() {
            @Override
            public void documentDone(DocumentOutcome outcome) {
                outcome(outcome);
            }

            @Override
            public void activity(String stage, String documentTitle) {
                SyncEngine.this.activity(stage, documentTitle);
            }

            @Override
            public void eventsPublished(int count) {
                SyncEngine.this.eventsPublished(count);
            }
        };
        this.pipeline = new Pipeline(store, sources, embedder, index, client, leases, config.pipelineOptions(),
                observer, stats::get, () -> paused, tracker::changed);
        this.detector = new ChangeDetector(store, config.massDeleteShare(), config.massDeleteMinimum(),
                config.massDeleteWindow(), this::outcome);
        this.events = store.eventPublisher(client);
        events.retainCopies(config.eventRetention());
        this.guardian = new IndexGuardian(index, db, this::identities, List.of(EventsCollection.NAME),
                config.guardEvery(), pipeline::waitingForIndex, new Healer());
        index.onMissing(() -> guardian.trigger("the collection " + index.collection() + " was missing"));
        events.onMissing(() -> guardian.trigger("the events collection was missing"));
        addSource(fileSource);
    }

    /** Runs {@code action} after {@link #close()} has closed everything (e.g. release a lock). */
    public void onClose(Runnable action) {
        closeActions.add(action);
    }

    /** Adds (or replaces) a source; its documents are synced from the next scan on. */
    public void addSource(DocumentSource source) {
        sources.put(source);
    }

    /**
     * What a drop of files did.
     *
     * @param accepted files queued for ingest (folders expanded)
     * @param refused  files not ingested, with the reason (unsupported type, unreadable)
     */
    public record DropResult(List<Path> accepted, Map<Path, String> refused) {
    }

    /**
     * Queues standalone book or note files for ingest (source {@code file}), as a drag and drop
     * of the desktop window does: folders are expanded (hidden files skipped), unsupported files
     * refused with a reason, and the rest scanned into the pipeline. Does I/O (hashing): never call
     * it on the JavaFX thread.
     */
    public DropResult ingestFiles(List<Path> dropped) {
        List<Path> files = new ArrayList<>();
        Map<Path, String> refused = new LinkedHashMap<>();
        for (Path p : dropped) {
            if (Files.isDirectory(p)) {
                try (Stream<Path> walk = Files.walk(p)) {
                    walk.filter(Files::isRegularFile).filter(f -> !f.getFileName().toString().startsWith("."))
                            .sorted().forEach(files::add);
                } catch (IOException e) {
                    refused.put(p, "cannot read folder: " + e.getMessage());
                }
            } else {
                files.add(p);
            }
        }
        List<Path> accepted = new ArrayList<>();
        for (Path f : files) {
            if (!FileSource.supports(f)) {
                refused.put(f, "unsupported file type" + (FileSource.formatOf(f).isEmpty() ? ""
                        : " (." + FileSource.formatOf(f).toLowerCase(Locale.ROOT) + ")"));
                continue;
            }
            try {
                fileSource.add(f);
                accepted.add(f);
            } catch (IOException e) {
                refused.put(f, "cannot read: " + e.getMessage());
            }
        }
        if (!accepted.isEmpty()) {
            scan(fileSource, false);
        }
        return new DropResult(accepted, refused);
    }

    /** Removes a source (its documents stay in the ledger and in Qdrant). */
    public void removeSource(DocumentSource source) {
        sources.remove(source);
        if (unavailable.remove(sourceKey(source)) != null) {
            tracker.changed();
        }
    }

    /** The configured sources. */
    public List<DocumentSource> sources() {
        return sources.all();
    }

    /**
     * Adds an observer of documents and activity (called on engine threads). A
     * {@link RuntimeException} it throws is logged; it does not stop the pipeline.
     */
    public void addListener(EngineListener listener) {
        listeners.add(listener);
    }

    /** Removes an observer. */
    public void removeListener(EngineListener listener) {
        listeners.remove(listener);
    }

    /** The engine's state, pushed to listeners on every change (see {@link EngineStateTracker}). */
    public EngineStateTracker state() {
        return tracker;
    }

    /** The device choice the model runs with (device, fallback reason), for display. */
    public io.alexandria.embedding.DeviceChoice deviceChoice() {
        return embedder.deviceChoice();
    }

    /**
     * Where documents are on disk as the ledger recorded them at their last scan: key → location,
     * for the documents the ledger holds. Reads the ledger: never on the JavaFX thread.
     */
    public Map<io.alexandria.store.DocumentKey, DocumentLocation> locate(
            java.util.Collection<io.alexandria.store.DocumentKey> keys) {
        Map<io.alexandria.store.DocumentKey, DocumentLocation> out = new LinkedHashMap<>();
        store.find(keys).forEach((k, row) -> out.put(k, new DocumentLocation(row.rootPath(), row.filePath())));
        return out;
    }

    /** The model in use (id, dimension, pooling, input limit). */
    public ModelSpec model() {
        return embedder.model();
    }

    /** Where the model runs, as events and summaries report it (e.g. {@code cpu}, {@code cuda:0}). */
    public String device() {
        return embedder.deviceChoice().describe();
    }

    /** The chunk collection of the model in use ({@code alexandria_<model>_<dim>}). */
    public String collection() {
        return index.collection();
    }

    /** The engine's configuration. */
    public EngineConfig config() {
        return config;
    }

    /**
     * Starts the stage workers and a run of the given kind ({@code sync}, {@code watch},
     * {@code app}); work left by an earlier process (a crash) resumes at once.
     *
     * @throws IllegalStateException when the engine was closed
     */
    public synchronized void start(String kind) {
        if (closed) {
            throw new IllegalStateException("engine closed");
        }
        if (started) {
            return;
        }
        UUID id = UUID.randomUUID();
        store.runStarted(id, config.hostname(), kind, Instant.now());
        runId = id;
        started = true;
        pipeline.start();
        guardian.start();
        tracker.changed();
    }

    /** The current run's id (carried on its events as {@code run_id}). */
    public UUID runId() {
        return runId;
    }

    /**
     * Scans every source, queues what changed, and waits until the pipeline is idle, a fatal
     * failure halts a stage, or {@code maxWait} passes (e.g. Qdrant stays down). A halted stage is
     * retried first. Only one sync runs at a time.
     *
     * @param confirmDeletes delete even when the mass-deletion guard would hold deletions
     * @return the summary; {@link SyncSummary#complete()} is false when work was left queued
     * @throws IllegalStateException when the engine was not started
     */
    public SyncSummary syncNow(boolean confirmDeletes, Duration maxWait) throws InterruptedException {
        if (!started) {
            throw new IllegalStateException("engine not started");
        }
        synchronized (syncLock) {
            RunStats run = newRun();
            runFailures.clear();
            runAlarms.clear();
            syncing = true;
            boolean idle;
            List<String> alarms = new ArrayList<>();
            List<SyncSummary.ScanProblemLine> problems = new ArrayList<>();
            try {
                pipeline.retry();
                for (ScanReport r : scanOnly(confirmDeletes)) {
                    if (r.alarm() != null) {
                        alarms.add(r.alarm());
                    }
                    r.problems().forEach(p -> problems.add(new SyncSummary.ScanProblemLine(r.source(), p)));
                }
                idle = awaitSynced(maxWait);
            } finally {
                syncing = false;
            }
            String message = alarms.isEmpty() ? null : String.join("; ", alarms);
            if (!idle) {
                String why = pipeline.failures().stream().findFirst().map(StageFailure::toString).orElse(null);
                message = (message == null ? "" : message + "; ") + "work left queued"
                        + (why == null ? "" : " (" + why + ")") + " — it resumes on the next sync";
            } else if (alarms.isEmpty()) {
                store.putFact(AppState.LAST_SYNC, Instant.now().toString());
            }
            tracker.changed();
            List<String> all = new ArrayList<>(alarms);
            all.addAll(runAlarms);
            return SyncSummary.of(run, embedder.model().id(), device(), idle, message, runFailures, problems, all);
        }
    }

    /** Scans every source once and queues the changes, without waiting for the pipeline. */
    public List<ScanReport> scanOnly(boolean confirmDeletes) {
        List<ScanReport> reports = new ArrayList<>();
        for (DocumentSource s : sources()) {
            reports.add(scan(s, confirmDeletes));
        }
        return reports;
    }

    /**
     * Scans one source (e.g. after a watcher event) and queues its changes; scans never overlap.
     * A scan that finds the engine idle (no Sync now running, nothing queued, no stage mid-work)
     * begins a new run: the run's counters ({@link EngineProgress#run()}) start from zero. Within
     * a run, a source scanned again replaces its earlier listing in the counters (its documents
     * are not counted twice). A source that cannot be listed (its folder missing) puts the engine
     * in {@link EngineProgress.State#SOURCE_MISSING} until a scan lists it again.
     */
    public ScanReport scan(DocumentSource source, boolean confirmDeletes) {
        long t0 = System.nanoTime();
        ScanReport r;
        activeScans.incrementAndGet();
        scansStarted.incrementAndGet();
        tracker.changed();
        try {
            synchronized (scanLock) {
                if (!syncing && activeScans.get() == 1 && !pipeline.busy() && isIdle()) {
                    newRun();
                }
                r = detector.scan(source, runId, confirmDeletes);
                if (r.unavailable() == null) {
                    unavailable.remove(sourceKey(source));
                } else {
                    unavailable.put(sourceKey(source), r.unavailable());
                }
            }
        } finally {
            activeScans.decrementAndGet();
            tracker.changed();
        }
        int[] before = runListings.put(sourceKey(source), new int[] {r.listed(), r.unchanged()});
        stats.get().scanned(System.nanoTime() - t0, r.listed() - (before == null ? 0 : before[0]),
                r.unchanged() - (before == null ? 0 : before[1]));
        pipeline.wake();
        return r;
    }

    /** Starts the counters of a new run. */
    private RunStats newRun() {
        RunStats run = new RunStats();
        runListings.clear();
        RunStats.RunCounts ended = stats.getAndSet(run).counts();
        synchronized (earlierRuns) {
            earlierRuns[0] += ended.indexed();
            earlierRuns[1] += ended.chunks();
            earlierRuns[2] += ended.failed();
        }
        return run;
    }

    private static String sourceKey(DocumentSource source) {
        return source.kind() + ":" + source.scope();
    }

    /**
     * Compares the ledger with Qdrant (points per document, orphans, missing points) and queues
     * the repairs ({@code docs/architecture.md}, "Verify and repair"); the workers then do them. A
     * halted stage is retried.
     *
     * @throws io.alexandria.index.QdrantException when Qdrant is unreachable
     * @throws IllegalStateException when the engine was not started
     */
    public Verifier.Report verifyAndRepair() {
        return verify(true).report();
    }

    /**
     * What a verify found and what its repair did ({@code repair} null when it only looked).
     */
    public record Verification(Verifier.Report report, Verifier.Repair repair) {
    }

    /**
     * Compares the ledger with Qdrant ({@code docs/architecture.md}, "Verify and repair" and
     * "Ownership") and, when {@code repair}, queues the repairs: only points of sources this host
     * syncs are ever deleted, and only after the source itself said the document is gone; other
     * hosts' data is counted and left alone. The index is checked first (a missing collection,
     * alias or payload index is re-created, lost points queued for a restore). A halted stage is
     * retried.
     *
     * @throws io.alexandria.index.QdrantException when Qdrant is unreachable
     * @throws IllegalStateException when the engine was not started
     */
    public Verification verify(boolean repair) {
        if (!started) {
            throw new IllegalStateException("engine not started");
        }
        guardian.fullCheck("verify");
        Verifier verifier = new Verifier(db, index, identities(), new Listings());
        Verifier.Report report = verifier.verify();
        Verifier.Repair done = repair ? verifier.repair(report, runId) : null;
        pipeline.retry();
        pipeline.wake();
        return new Verification(report, done);
    }

    /**
     * The identities of this host's sources: those configured now, and those earlier scans
     * recorded (a source not configured in this process is still this host's).
     */
    public List<SourceIdentity> identities() {
        Map<String, SourceIdentity> out = new LinkedHashMap<>();
        for (SourceIdentity id : ChangeDetector.recordedIdentities(store)) {
            out.put(id.key(), id);
        }
        for (DocumentSource s : sources.all()) {
            s.identity().ifPresent(id -> out.put(id.key(), id));
        }
        return List.copyOf(out.values());
    }

    /** The index guardian (for tests and figures). */
    IndexGuardian guardian() {
        return guardian;
    }

    /** Answers verify's questions from one fresh listing per source. */
    private final class Listings implements Verifier.SourceCheck {
        private final Map<String, SourceListing> listings = new HashMap<>();
        private final Map<String, Boolean> unavailable = new HashMap<>();

        @Override
        public Answer holds(String source, String scope, String sourceId) {
            DocumentSource s = sources.find(source, scope);
            if (s == null || !s.deletesMissing()) {
                return Answer.UNKNOWN;
            }
            String key = source + ":" + scope;
            if (unavailable.containsKey(key)) {
                return Answer.UNKNOWN;
            }
            SourceListing listing = listings.get(key);
            if (listing == null) {
                try {
                    listing = s.list();
                } catch (SourceUnavailableException | RuntimeException e) {
                    unavailable.put(key, true);
                    return Answer.UNKNOWN;
                }
                listings.put(key, listing);
            }
            SourceListing l = listing;
            boolean listed = l.items().stream().anyMatch(i -> i.key().sourceId().equals(sourceId));
            return listed || l.maybePresent().test(sourceId) ? Answer.PRESENT : Answer.GONE;
        }

        @Override
        public boolean configured(String source, String scope) {
            return sources.find(source, scope) != null;
        }
    }

    /** What the engine does about what the index guardian finds. */
    private final class Healer implements IndexGuardian.Listener {
        @Override
        public void pointsLost(List<IndexedDocument> documents, long points, String why) {
            int queued = store.restoring(documents.stream().map(IndexedDocument::id).toList(), runId);
            if (queued == 0) {
                return;
            }
            String message = "the index was missing or emptied (" + why + ") — restoring " + points + " points of "
                    + queued + " documents from the ledger and the embedding cache";
            Map<String, Object> fact = new LinkedHashMap<>();
            fact.put("at", Instant.now().toString());
            fact.put("message", message);
            fact.put("collection", index.collection());
            fact.put("documents", queued);
            fact.put("points", points);
            store.putFact(AppState.INDEX_RESTORED, Json.write(fact));
            restoring = message;
            runAlarms.add("the index was missing or emptied — restored " + points + " points of " + queued
                    + " documents (0 embedded)");
            LOG.warn(message);
            pipeline.wake();
            tracker.changed();
        }

        @Override
        public void reconnected() {
            events.resetBackoff();
            pipeline.reconnected();
            tracker.changed();
        }

        @Override
        public void collectionMissing(String name) {
            if (EventsCollection.NAME.equals(name)) {
                events.restoreCollection();
                pipeline.wake();
            }
        }

        @Override
        public void checked() {
            try {
                if (events.checkCopies() > 0) {
                    pipeline.wake();
                }
            } catch (QdrantException e) {
                if (e.status().getCode() != Status.Code.NOT_FOUND) {
                    throw e;
                }
                events.restoreCollection();
                pipeline.wake();
            }
        }
    }

    /**
     * The user confirmed the deletions the mass-deletion guard held: rescans every source and
     * deletes what vanished.
     */
    public List<ScanReport> confirmDeletes() {
        return scanOnly(true);
    }

    /**
     * Whether the mass-deletion guard holds deletions of {@code source} (its alarm is set until the
     * user confirms or the documents come back). Reads the ledger.
     */
    public boolean deletionsHeld(DocumentSource source) {
        return store.fact(io.alexandria.store.AppState.DELETE_ALARM + source.kind() + ":" + source.scope()).isPresent();
    }

    /** True when no document, event or point deletion is waiting (reads the ledger). */
    public boolean isIdle() {
        Queues q = store.queues(embedder.model().key());
        lastQueues = q;
        return !q.hasWork();
    }

    /**
     * Waits until {@link #isIdle()} with no stage mid-work, a fatal failure halts a stage (nothing
     * moves until {@link #retry()}), or {@code maxWait} passes.
     *
     * @return whether idle
     */
    public boolean awaitIdle(Duration maxWait) throws InterruptedException {
        long deadline = System.nanoTime() + maxWait.toNanos();
        while (true) {
            long seen = pipeline.version();
            if (pipeline.halted()) {
                return false;
            }
            if (isIdle() && !pipeline.busy()) {
                return true;
            }
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return false;
            }
            pipeline.awaitChange(seen, Duration.ofNanos(Math.min(left, 500_000_000L)));
        }
    }

    /**
     * Waits until {@link #isIdle()} with no stage mid-work, a fatal failure halts a stage, or a
     * stage has been failing — waiting for Qdrant to come back, or retrying — for {@code maxFailing}
     * without a break. A sync that makes progress is never cut short, however long it takes.
     *
     * @return whether idle
     */
    public boolean awaitSynced(Duration maxFailing) throws InterruptedException {
        while (true) {
            long seen = pipeline.version();
            if (pipeline.halted()) {
                return false;
            }
            if (isIdle() && !pipeline.busy()) {
                return true;
            }
            Instant giveUp = Instant.now().minus(maxFailing);
            if (pipeline.failures().stream().anyMatch(f -> f.since().isBefore(giveUp))) {
                return false;
            }
            pipeline.awaitChange(seen, Duration.ofMillis(500));
        }
    }

    /** Waits until no stage worker is in the middle of a unit of work (e.g. after {@link #pause()}). */
    public boolean awaitWorkersQuiet(Duration maxWait) throws InterruptedException {
        long deadline = System.nanoTime() + maxWait.toNanos();
        while (pipeline.busy()) {
            if (System.nanoTime() > deadline) {
                return false;
            }
            pipeline.awaitChange(pipeline.version(), Duration.ofMillis(100));
        }
        return true;
    }

    /** Stops taking new work (the current unit finishes); work stays queued. */
    public void pause() {
        paused = true;
        tracker.changed();
    }

    /** Resumes after {@link #pause()}. */
    public void resume() {
        paused = false;
        pipeline.wake();
        tracker.changed();
    }

    /** Whether paused. */
    public boolean isPaused() {
        return paused;
    }

    /** Wakes the workers (e.g. after the watcher queued work). */
    public void wake() {
        pipeline.wake();
    }

    /**
     * Tries one failed document again (the user asked, e.g. after fixing the file's permissions):
     * it goes back to extraction ({@code retried} in {@code docs/architecture.md}, "Pipeline
     * stages and transitions"), attributed to the current run, and the workers are woken. Reads
     * and writes the ledger: never on the JavaFX thread.
     *
     * @return whether the document was failed and is queued again (false when the ledger does
     *         not hold it or it is not failed)
     */
    public boolean retry(io.alexandria.store.DocumentKey key) {
        var row = store.find(List.of(key)).get(key);
        if (row == null || row.status() != io.alexandria.store.SyncStatus.FAILED || !store.retried(row.id(), runId)) {
            return false;
        }
        pipeline.wake();
        tracker.changed();
        return true;
    }

    /**
     * Lets every stage halted by a fatal failure ({@link EngineProgress.State#ERROR}) try again;
     * the state leaves {@code error} once the stage works. {@link #syncNow}, {@link #verifyAndRepair()}
     * and the watcher's reconcile scans retry too.
     */
    public void retry() {
        pipeline.retry();
    }

    /**
     * A fresh snapshot of state, queues, throughput and errors, taken now on the caller's thread
     * (reads H2: never on the JavaFX thread) and published to the state's listeners when it
     * differs. Observers that only need the latest state use {@link #state()} instead.
     */
    public EngineProgress progress() {
        return tracker.refreshNow();
    }

    /** Whether every stage worker has ended (true after {@link #close()}). */
    boolean workersStopped() {
        return pipeline.stopped();
    }

    /** The ledger's transitions, for the model switch. */
    PipelineStore store() {
        return store;
    }

    /** The source of {@code kind} and {@code scope}, or null, for the model switch. */
    DocumentSource source(String kind, String scope) {
        return sources.find(kind, scope);
    }

    /** The Qdrant client, for the model switch (it builds the next model's collection). */
    QdrantClient client() {
        return client;
    }

    private void outcome(DocumentOutcome o) {
        if (o.kind() == DocumentOutcome.Kind.FAILED && runFailures.size() < SyncSummary.LISTED) {
            runFailures.add(new SyncSummary.Failure(o.key().source(), o.key().sourceId(), o.title(), o.errorType(),
                    o.detail()));
        }
        for (EngineListener l : listeners) {
            try {
                l.documentDone(o);
            } catch (RuntimeException e) {
                LOG.warn("an engine listener failed on {} (the pipeline goes on)", o.key(), e);
            }
        }
    }

    private void eventsPublished(int count) {
        for (EngineListener l : listeners) {
            try {
                l.eventsPublished(count);
            } catch (RuntimeException e) {
                LOG.warn("an engine listener failed on {} published events (the pipeline goes on)", count, e);
            }
        }
    }

    private void activity(String stage, String title) {
        currentStage = stage;
        currentDocument = title;
        for (EngineListener l : listeners) {
            try {
                l.activity(stage, title);
            } catch (RuntimeException e) {
                LOG.warn("an engine listener failed on activity {} (the pipeline goes on)", stage, e);
            }
        }
        tracker.changed();
    }

    /** A fresh snapshot: the queues from the ledger, the state derived from flags, failures and queues. */
    private EngineProgress snapshot() {
        long scans = scansStarted.get();
        boolean scanning = activeScans.get() > 0 || scans != scansSeen;
        scansSeen = scans;
        Queues q = closed ? lastQueues : store.queues(embedder.model().key());
        lastQueues = q;
        List<StageFailure> failures = pipeline.failures();
        Map<String, String> errors = new LinkedHashMap<>();
        for (StageFailure f : failures) {
            errors.put(f.stage(), f.message());
        }
        EngineProgress.State state;
        String reason = null;
        StageFailure halted = first(failures, StageFailure.Kind.HALTED);
        StageFailure retrying = first(failures, StageFailure.Kind.RETRYING);
        StageFailure outage = first(failures, StageFailure.Kind.OUTAGE);
        if (closed || !started) {
            state = EngineProgress.State.STOPPED;
            reason = closed ? "closed" : "not started";
        } else if (paused) {
            state = EngineProgress.State.PAUSED;
            reason = "paused";
        } else if (halted != null) {
            state = EngineProgress.State.ERROR;
            reason = halted + " — halted until a retry";
        } else if (retrying != null) {
            state = EngineProgress.State.ERROR;
            reason = retrying + " (retrying)";
        } else if (outage != null) {
            state = EngineProgress.State.WAITING_FOR_INDEX;
            reason = outage.message(); // the same whichever stage met the outage first
        } else if (!unavailable.isEmpty()) {
            state = EngineProgress.State.SOURCE_MISSING;
            reason = String.join("; ", new java.util.TreeMap<>(unavailable).values());
        } else if (scanning) {
            state = EngineProgress.State.SCANNING;
        } else if (q.hasWork()) {
            state = EngineProgress.State.SYNCING;
            reason = restoringReason();
        } else {
            state = EngineProgress.State.IDLE;
        }
        double rate = pipeline.chunksPerSecond();
        Duration eta = WorkEstimate.eta(q.chunksToEmbed() + chunksToExtract(q), rate);
        return new EngineProgress(state, reason, currentStage, currentDocument, q.documentsByStage(),
                q.chunksToEmbed(), q.outboxDepth(), q.pointDeletes(), q.oldestWaiting(), rate, eta, errors,
                SyncSummary.of(stats.get(), embedder.model().id(), device(), q.documentsWaiting() == 0, null), 0,
                null);
    }

    /** While documents are being restored, what happened; null otherwise (and then forgotten). */
    private String restoringReason() {
        String r = restoring;
        if (r == null) {
            return null;
        }
        long[] left = store.restoringCounts();
        if (left[0] == 0) {
            restoring = null;
            return null;
        }
        return r + " (" + left[0] + " documents left)";
    }

    /** The chunks the documents waiting for extraction should yield (reads the ledger when any wait). */
    private long chunksToExtract(Queues q) {
        if (closed || q.documentsByStage().getOrDefault(io.alexandria.store.Stage.DETECTED, 0) == 0) {
            return 0;
        }
        long now = System.nanoTime();
        if (now - chunkYieldAt > YIELD_REFRESH.toNanos() || chunkYieldAt == Long.MIN_VALUE) {
            chunkYield = store.chunkYield();
            chunkYieldAt = now;
        }
        return WorkEstimate.chunksToExtract(store.waitingToExtract(), chunkYield, config.chunking());
    }

    private static StageFailure first(List<StageFailure> failures, StageFailure.Kind kind) {
        return failures.stream().filter(f -> f.kind() == kind).findFirst().orElse(null);
    }

    private EngineProgress stoppedSnapshot(String reason) {
        return new EngineProgress(EngineProgress.State.STOPPED, reason, null, null, lastQueues.documentsByStage(),
                lastQueues.chunksToEmbed(), lastQueues.outboxDepth(), lastQueues.pointDeletes(),
                lastQueues.oldestWaiting(), 0, null, Map.of(), SyncSummary.of(stats.get(), embedder.model().id(),
                device(), lastQueues.documentsWaiting() == 0, null), 0, null);
    }

    /** Records a transition in the ledger, so other processes ({@code health}) see the same state. */
    private void record(EngineProgress s) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("state", s.state().key());
        m.put("reason", s.reason());
        m.put("since", s.since() == null ? null : s.since().toString());
        m.put("hostname", config.hostname());
        m.put("version", s.version());
        store.putFact(AppState.ENGINE_STATE, Json.write(m));
    }

    /**
     * Closes the engine, in this order, each step whatever happened to the one before: the stage
     * workers stop (each finishes its current unit within {@link #STOP_GRACE}, then is
     * interrupted; unfinished work stays queued in H2 and resumes on the next start; an interrupt
     * of the caller does not cut this short), the run is ended, the state becomes
     * {@code stopped}, then the model, the Qdrant client and the database are closed and the
     * close actions run. Nothing a worker uses is closed while a worker still runs: should one not
     * stop, those stay open (the process exit releases them) and the failure is logged. Failures
     * of single steps are logged; they never skip the later steps. An interrupt of the caller
     * neither cuts this short nor reaches the steps' I/O; it is restored on return. Idempotent.
     */
    @Override
    public void close() {
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
        }
        // closing must not be cut short by an interrupt (nor hand it to H2's or gRPC's I/O): the
        // caller's interrupt is set aside and restored at the end
        boolean interrupted = Thread.interrupted();
        try {
            closeInOrder();
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private void closeInOrder() {
        step("stopping the index guardian", guardian::close);
        boolean stopped = pipeline.close(STOP_GRACE);
        UUID id = runId;
        if (id != null) {
            RunStats.RunCounts s = stats.get().counts();
            long[] total;
            synchronized (earlierRuns) {
                total = new long[] {earlierRuns[0] + s.indexed(), earlierRuns[1] + s.chunks(),
                    earlierRuns[2] + s.failed()};
            }
            step("ending the run", () -> store.runEnded(id, Instant.now(), (int) total[0], (int) total[1],
                    (int) total[2]));
        }
        step("recording the stopped state", () -> tracker.close(stoppedSnapshot("closed")));
        if (!stopped) {
            LOG.error("a stage did not stop within {} s: the model, the Qdrant client, the database and the "
                    + "engine lock stay open until the process exits", STOP_GRACE.toSeconds() * 2);
            return;
        }
        step("closing the model", embedder::close);
        step("closing the Qdrant client", client::close);
        step("closing the database", db::close);
        for (Runnable a : closeActions) {
            step("a close action", a);
        }
    }

    private static void step(String what, Runnable action) {
        try {
            action.run();
        } catch (RuntimeException e) {
            LOG.warn("{} failed while closing the engine (going on): {}", what, e.toString(), e);
        }
    }
}
