package io.alexandria.pipeline;

import io.alexandria.chunking.Chunker;
import io.alexandria.embedding.Embedder;
import io.alexandria.embedding.ModelSpec;
import io.alexandria.events.EventService;
import io.alexandria.index.ChunkIndex;
import io.alexandria.index.LeaseManager;
import io.qdrant.client.QdrantClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/**
 * The durable pipeline at work: four stage workers — extract (detected → chunked), embed (chunked
 * → embedded), upload (embedded → synced; payload updates; deletions) and events (the outbox
 * drain) — each on its own thread, moving documents through the transitions of
 * {@link PipelineStore} ({@code docs/architecture.md}, "Pipeline stages and transitions"). The
 * engine owns one; it is started once and closed once.
 *
 * <p>Failures of a stage never end its thread: outages and other retryable failures are retried
 * with backoff, fatal ones halt the stage until {@link #retry()}; {@link #failures()} says which
 * stage fails and how. A failure with one document fails only that document.
 */
public final class Pipeline {
    /** Texts per model worker the extract stage may keep waiting for the model. */
    private static final int AHEAD_PER_WORKER = 128;
    /** The least backlog, texts. */
    private static final int AHEAD_MIN = 256;
    private final WorkSignal signal = new WorkSignal();
    private final WorkSignal reconnect = new WorkSignal();
    private final Throughput throughput = new Throughput(60);
    private final List<StageWorker> workers = new ArrayList<>();
    private volatile boolean stopping;

    /**
     * Builds the stages (not started).
     *
     * @param store   the ledger's transitions
     * @param sources where documents are extracted from
     * @param embedder the model in use
     * @param index   the model's chunk collection
     * @param client  the Qdrant client (events, leases)
     * @param leases  per-document leases when several hosts share Qdrant, or null
     * @param observer told about documents and activity (on the stage threads)
     * @param stats   the current run's counters
     * @param paused  while true the extract, embed and upload stages take no new work (events keep flowing)
     * @param changed told after each unit of work and each change of a stage's failure state
     */
    public Pipeline(PipelineStore store, SourceRegistry sources, Embedder embedder, ChunkIndex index,
                    QdrantClient client, LeaseManager leases, PipelineOptions options, PipelineObserver observer,
                    Supplier<RunStats> stats, BooleanSupplier paused, Runnable changed) {
        ModelSpec model = embedder.model();
        Leases lease = new Leases(leases);
        DocumentFailures failures = new DocumentFailures(store, lease, stats, observer);
        BooleanSupplier closing = () -> stopping;
        int prefixTokens = model.passagePrefix().isEmpty() ? 0 : embedder.tokenCounter().count(model.passagePrefix());
        Runnable progressed = () -> {
            signal.fire();
            changed.run();
        };
        List<PipelineStage> stages = List.of(
                new ExtractStage(store, sources, new Chunker(embedder.tokenCounter(), options.chunking()), model,
                        prefixTokens, options.limits(), backlog(embedder), lease,
                        new Adopter(store, index, model.key(), observer, stats), failures, observer, stats, closing),
                new EmbedStage(store, embedder, failures, observer, stats, throughput, closing, progressed),
                new UploadStage(store, index, model, embedder.deviceChoice().describe(), options.hostname(), lease,
                        failures, observer, stats));
        for (PipelineStage s : stages) {
            workers.add(new StageWorker(s, signal, reconnect, paused, options.retryMax(), changed));
        }
        // events keep flowing while paused: publishing what already happened is never held back
        workers.add(new StageWorker(new EventStage(store.eventPublisher(client), new EventService(client),
                options.eventRetention(), stats, observer), signal, reconnect, () -> false, options.retryMax(), changed));
    }

    /**
     * How many texts the extract stage keeps waiting for the model (backpressure): enough for
     * several model calls per worker, so the embedder never waits for extraction, and few enough
     * that a host does not lease much more than it embeds in a few seconds.
     */
    static int backlog(Embedder embedder) {
        return Math.max(AHEAD_MIN, AHEAD_PER_WORKER * embedder.parallelism() * embedder.batchPlan().batchTexts());
    }

    /** Starts the workers; work queued by an earlier process (a crash) resumes at once. */
    public void start() {
        for (StageWorker w : workers) {
            w.start();
        }
        signal.fire();
    }

    /** Wakes the workers (new work may be waiting). */
    public void wake() {
        signal.fire();
    }

    /**
     * Qdrant answers again: every stage backing off from a failure retries at once, and its next
     * backoff starts from the shortest again.
     */
    public void reconnected() {
        reconnect.fire();
        signal.fire();
    }

    /** Whether some stage waits for Qdrant now (an outage). */
    public boolean waitingForIndex() {
        return workers.stream().map(StageWorker::failure)
                .anyMatch(f -> f != null && f.kind() == StageFailure.Kind.OUTAGE);
    }

    /** A counter that moves whenever work was done or may be waiting; pass it to {@link #awaitChange}. */
    public long version() {
        return signal.version();
    }

    /** Waits until {@link #version()} moves past {@code seen} or {@code timeout} passes. */
    public void awaitChange(long seen, Duration timeout) throws InterruptedException {
        signal.awaitAfter(seen, timeout);
    }

    /** Whether some stage is in the middle of a unit of work. */
    public boolean busy() {
        return workers.stream().anyMatch(StageWorker::busy);
    }

    /** The stages failing now, in pipeline order (empty while all work). */
    public List<StageFailure> failures() {
        List<StageFailure> out = new ArrayList<>();
        for (StageWorker w : workers) {
            StageFailure f = w.failure();
            if (f != null) {
                out.add(f);
            }
        }
        return out;
    }

    /** Whether a fatal failure holds some stage until {@link #retry()}. */
    public boolean halted() {
        return workers.stream().anyMatch(StageWorker::halted);
    }

    /** Lets every halted stage try again. */
    public void retry() {
        workers.forEach(StageWorker::retry);
    }

    /** Texts embedded per second over the last minute. */
    public double chunksPerSecond() {
        return throughput.perSecond();
    }

    /** Whether {@link #close} has begun (stages stop between units of work). */
    public boolean stopping() {
        return stopping;
    }

    /** Whether every worker thread has ended. */
    public boolean stopped() {
        return workers.stream().allMatch(StageWorker::stopped);
    }

    /**
     * Stops the workers: each finishes its current unit (unfinished work stays queued in H2), all
     * are asked at once, then awaited — up to {@code grace}, then interrupted and awaited up to
     * {@code grace} again. An interrupt of the caller does not cut the wait short (it is restored
     * on return). The stages' own threads are released only when the workers have ended.
     *
     * @return whether every worker ended (when false, what they use must stay open)
     */
    public boolean close(Duration grace) {
        stopping = true;
        workers.forEach(StageWorker::requestStop);
        boolean all = true;
        for (StageWorker w : workers) {
            all &= w.awaitStopped(grace);
        }
        if (all) {
            workers.forEach(StageWorker::closeStage);
        }
        return all;
    }
}
