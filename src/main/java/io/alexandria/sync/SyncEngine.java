package io.alexandria.sync;

import io.alexandria.embedding.Embedder;
import io.alexandria.events.EventPublisher;
import io.alexandria.events.EventRecorder;
import io.alexandria.health.Verifier;
import io.alexandria.index.ChunkIndex;
import io.alexandria.index.LeaseManager;
import io.alexandria.sources.DocumentSource;
import io.alexandria.sources.FileSource;
import io.alexandria.store.AppState;
import io.alexandria.store.Database;
import io.alexandria.store.EventOutbox;
import io.alexandria.store.RunLog;
import io.alexandria.store.Stage;
import io.qdrant.client.QdrantClient;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;

/**
 * The one engine behind the window, the CLI and the headless {@code watch}: sources are scanned
 * into the H2 ledger, and four stage workers (extract → embed → upload, plus the event outbox
 * drain) move each document through durable stages (shared seed 003) until Qdrant matches the
 * ledger (shared seed 002). UI-free: callers observe it through {@link #progress()} and
 * {@link EngineListener}s. Thread-safe.
 */
public final class SyncEngine implements AutoCloseable {
    private final Database db;
    private final Embedder embedder;
    private final QdrantClient client;
    private final EngineConfig config;
    private final EngineParts parts;
    private final ChangeDetector detector;
    private final EventOutbox outbox = new EventOutbox();
    private final AppState state = new AppState();
    private final RunLog runLog = new RunLog();
    private final WorkSignal signal = new WorkSignal();
    private final List<StageWorker> workers = new ArrayList<>();
    private final AtomicReference<RunStats> stats = new AtomicReference<>(new RunStats());
    private final Throughput throughput = new Throughput(60);
    private final Object syncLock = new Object();
    private final Object scanLock = new Object();
    private final FileSource fileSource = new FileSource();
    private final List<Runnable> closeActions = new java.util.concurrent.CopyOnWriteArrayList<>();
    private volatile boolean paused;
    private volatile boolean scanning;
    private volatile boolean started;
    private volatile String currentStage;
    private volatile String currentDocument;
    private volatile UUID runId;
    private volatile String runKind;

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
        LeaseManager leases = config.leaseTtl() == null ? null
                : new LeaseManager(client, config.hostname(), config.leaseTtl(), java.time.Clock.systemUTC());
        this.parts = new EngineParts(db, new EventRecorder(outbox), embedder, new ChunkIndex(client, embedder.model()),
                leases, config, stats::get);
        this.detector = new ChangeDetector(db, parts.ledger, state, config, parts::outcome);
        addSource(fileSource);
        this.parts.listeners.add(new EngineListener() {
            @Override
            public void activity(String stage, String title) {
                currentStage = stage;
                currentDocument = title;
            }
        });
        EmbedStage embed = new EmbedStage(parts, (docId, message, cause) -> db.inTransaction(
                c -> parts.ledger.get(c, docId)).ifPresent(doc -> parts.fail(doc, null, "EmbeddingError", message,
                cause, Map.of())));
        PipelineStage countedEmbed = new PipelineStage() {
            @Override
            public String name() {
                return embed.name();
            }

            @Override
            public void close() {
                embed.close();
            }

            @Override
            public boolean runOnce() throws Exception {
                long before = stats.get().chunksEmbedded();
                boolean did = embed.runOnce();
                throughput.record(stats.get().chunksEmbedded() - before);
                return did;
            }
        };
        for (PipelineStage s : List.of(new ExtractStage(parts), countedEmbed, new UploadStage(parts))) {
            workers.add(new StageWorker(s, signal, () -> paused, config.retryMax()));
        }
        // events keep flowing while paused: publishing what already happened is never held back
        workers.add(new StageWorker(new EventStage(new EventPublisher(db, outbox, client), parts, client), signal,
                () -> false, config.retryMax()));
    }

    /** Runs {@code action} after {@link #close()} has closed everything (e.g. release a lock). */
    public void onClose(Runnable action) {
        closeActions.add(action);
    }

    /** Adds (or replaces) a source; its documents are synced from the next scan on. */
    public void addSource(DocumentSource source) {
        parts.sources.put(EngineParts.sourceKey(source.kind(), source.scope()), source);
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
                        : " (." + FileSource.formatOf(f).toLowerCase(java.util.Locale.ROOT) + ")"));
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
        parts.sources.remove(EngineParts.sourceKey(source.kind(), source.scope()));
    }

    /** The configured sources. */
    public List<DocumentSource> sources() {
        return List.copyOf(parts.sources.values());
    }

    /** Adds an observer (called on engine threads). */
    public void addListener(EngineListener listener) {
        parts.listeners.add(listener);
    }

    /** Removes an observer. */
    public void removeListener(EngineListener listener) {
        parts.listeners.remove(listener);
    }

    /** The local database. */
    public Database database() {
        return db;
    }

    /** The embedder in use. */
    public Embedder embedder() {
        return embedder;
    }

    /** The Qdrant client. */
    public QdrantClient client() {
        return client;
    }

    /** The chunk collection of the model in use. */
    public ChunkIndex index() {
        return parts.index;
    }

    /** The engine's configuration. */
    public EngineConfig config() {
        return config;
    }

    /**
     * Starts the stage workers and a run of the given kind ({@code sync}, {@code watch},
     * {@code app}); work left by an earlier process (a crash) resumes at once.
     */
    public synchronized void start(String kind) {
        if (started) {
            return;
        }
        started = true;
        beginRun(kind);
        for (StageWorker w : workers) {
            w.start();
        }
        signal.fire();
    }

    private void beginRun(String kind) {
        UUID id = UUID.randomUUID();
        db.inTransactionVoid(c -> runLog.start(c, id, config.hostname(), kind, Instant.now()));
        runId = id;
        runKind = kind;
    }

    /** The current run's id (carried on its events as {@code run_id}). */
    public UUID runId() {
        return runId;
    }

    /**
     * Scans every source, queues what changed, and waits until the pipeline is idle or
     * {@code maxWait} passes (e.g. Qdrant stays down). Only one sync runs at a time.
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
            RunStats run = new RunStats();
            stats.set(run);
            List<String> alarms = scanAll(confirmDeletes);
            boolean idle = awaitIdle(maxWait);
            String message = alarms.isEmpty() ? null : String.join("; ", alarms);
            if (!idle) {
                String why = firstStageError();
                message = (message == null ? "" : message + "; ") + "work left queued"
                        + (why == null ? "" : " (" + why + ")") + " — it resumes on the next sync";
            } else if (alarms.isEmpty()) {
                db.inTransactionVoid(c -> state.put(c, AppState.LAST_SYNC, Instant.now().toString()));
            }
            return SyncSummary.of(run, embedder.model().id(), embedder.deviceChoice().describe(), idle, message);
        }
    }

    /** Scans every source once and queues the changes, without waiting for the pipeline. */
    public List<ScanReport> scanOnly(boolean confirmDeletes) {
        List<ScanReport> reports = new ArrayList<>();
        scanning = true;
        try {
            for (DocumentSource s : sources()) {
                reports.add(scan(s, confirmDeletes));
            }
        } finally {
            scanning = false;
        }
        signal.fire();
        return reports;
    }

    /** Scans one source (e.g. after a watcher event) and queues its changes; scans never overlap. */
    public ScanReport scan(DocumentSource source, boolean confirmDeletes) {
        long t0 = System.nanoTime();
        ScanReport r;
        synchronized (scanLock) {
            r = detector.scan(source, runId, confirmDeletes);
        }
        RunStats s = stats.get();
        s.scanNanos.addAndGet(System.nanoTime() - t0);
        s.documents.addAndGet(r.listed());
        s.unchanged.addAndGet(r.unchanged());
        signal.fire();
        return r;
    }

    private List<String> scanAll(boolean confirmDeletes) {
        List<String> alarms = new ArrayList<>();
        for (ScanReport r : scanOnly(confirmDeletes)) {
            if (r.alarm() != null) {
                alarms.add(r.alarm());
            }
        }
        return alarms;
    }

    /**
     * Compares the ledger with Qdrant (points per document, orphans, missing points) and queues
     * the repairs (shared seed 002's verify and repair jobs); the workers then do them.
     *
     * @throws io.alexandria.index.QdrantException when Qdrant is unreachable
     */
    public Verifier.Report verifyAndRepair() {
        if (!started) {
            throw new IllegalStateException("engine not started");
        }
        parts.index.ensure();
        Verifier verifier = new Verifier(db, parts.index);
        Verifier.Report report = verifier.verify();
        verifier.repair(report, runId);
        signal.fire();
        return report;
    }

    /**
     * The user confirmed the deletions the mass-deletion guard held: rescans every source and
     * deletes what vanished.
     */
    public List<ScanReport> confirmDeletes() {
        return scanOnly(true);
    }

    /** True when no document, event or point deletion is waiting. */
    public boolean isIdle() {
        return db.inTransaction(c -> {
            Map<Stage, Integer> stages = parts.ledger.stageCounts(c);
            for (var e : stages.entrySet()) {
                if (e.getKey() != Stage.IDLE && e.getValue() > 0) {
                    return false;
                }
            }
            return outbox.peek(c, EventPublisher.BATCH).stream().noneMatch(i -> i.attempts() < EventPublisher.MAX_ATTEMPTS)
                    && parts.pointDeletes.depth(c) == 0;
        });
    }

    /** Waits until {@link #isIdle()} or {@code maxWait} passes; returns whether idle. */
    public boolean awaitIdle(Duration maxWait) throws InterruptedException {
        long deadline = System.nanoTime() + maxWait.toNanos();
        while (true) {
            long seen = signal.version();
            if (isIdle() && workers.stream().noneMatch(StageWorker::busy)) {
                return true;
            }
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return false;
            }
            signal.awaitAfter(seen, Duration.ofNanos(Math.min(left, 500_000_000L)));
        }
    }

    /** The engine's internals, for the model switch in this package. */
    EngineParts parts() {
        return parts;
    }

    /** Waits until no stage worker is in the middle of a unit of work (e.g. after {@link #pause()}). */
    public boolean awaitWorkersQuiet(Duration maxWait) throws InterruptedException {
        long deadline = System.nanoTime() + maxWait.toNanos();
        while (workers.stream().anyMatch(StageWorker::busy)) {
            if (System.nanoTime() > deadline) {
                return false;
            }
            long seen = signal.version();
            signal.awaitAfter(seen, Duration.ofMillis(100));
        }
        return true;
    }

    /** Stops taking new work (the current unit finishes); work stays queued. */
    public void pause() {
        paused = true;
    }

    /** Resumes after {@link #pause()}. */
    public void resume() {
        paused = false;
        signal.fire();
    }

    /** Whether paused. */
    public boolean isPaused() {
        return paused;
    }

    /** Wakes the workers (e.g. after the watcher queued work). */
    public void wake() {
        signal.fire();
    }

    /** A fresh snapshot of queues, throughput and errors (reads H2; cheap, but not free). */
    public EngineProgress progress() {
        return db.inTransaction(c -> {
            Map<Stage, Integer> stages = parts.ledger.stageCounts(c);
            int toEmbed = parts.ledger.chunksAwaitingEmbedding(c, embedder.model().id());
            int outboxDepth = outbox.depth(c);
            int deletes = parts.pointDeletes.depth(c);
            Duration oldest = parts.ledger.oldestWaiting(c).map(t -> Duration.between(t, Instant.now())).orElse(null);
            Map<String, String> errors = new LinkedHashMap<>();
            for (StageWorker w : workers) {
                if (w.lastError() != null) {
                    errors.put(w.name(), w.lastError());
                }
            }
            double rate = throughput.perSecond();
            Duration eta = rate > 0 ? Duration.ofSeconds((long) Math.ceil(toEmbed / rate)) : null;
            int waiting = 0;
            for (var e : stages.entrySet()) {
                if (e.getKey() != Stage.IDLE) {
                    waiting += e.getValue();
                }
            }
            EngineProgress.State st;
            if (paused) {
                st = EngineProgress.State.PAUSED;
            } else if (!errors.isEmpty()) {
                st = EngineProgress.State.ERROR;
            } else if (scanning) {
                st = EngineProgress.State.SCANNING;
            } else if (waiting > 0 || outboxDepth > 0 || deletes > 0) {
                st = EngineProgress.State.SYNCING;
            } else {
                st = EngineProgress.State.IDLE;
            }
            return new EngineProgress(st, currentStage, currentDocument, stages, toEmbed, outboxDepth, deletes, oldest,
                    rate, eta, errors, SyncSummary.of(stats.get(), embedder.model().id(), embedder.deviceChoice().describe(), waiting == 0,
                    null));
        });
    }

    private String firstStageError() {
        for (StageWorker w : workers) {
            if (w.lastError() != null) {
                return w.name() + ": " + w.lastError();
            }
        }
        return null;
    }

    /**
     * Stops the workers (each finishes its current unit; unfinished work stays queued in H2 and
     * resumes on the next start), ends the run, and closes the model, the Qdrant client and the
     * database.
     */
    @Override
    public void close() {
        parts.stopping = true;
        try {
            for (StageWorker w : workers) {
                w.stop(Duration.ofSeconds(30));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (runId != null) {
            RunStats s = stats.get();
            UUID id = runId;
            db.inTransactionVoid(c -> runLog.end(c, id, Instant.now(), (int) s.indexed.get(), (int) s.chunks.get(),
                    (int) s.failed.get()));
        }
        embedder.close();
        client.close();
        db.close();
        closeActions.forEach(Runnable::run);
    }
}
