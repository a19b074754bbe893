package io.alexandria.pipeline;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs one {@link PipelineStage} on its own daemon thread: while there is work it loops, when
 * there is none it waits for a signal. Whatever escapes the stage is caught — the thread never
 * dies of it — and classified ({@link StageFailure#classify}): an outage or another retryable
 * failure is retried with exponential backoff and full jitter (0.5 s doubling up to a cap),
 * forever, the work staying queued in H2; a fatal one (an {@link Error}, a bug) halts the stage
 * until {@link #retry()}. Every change of the failure state, and every unit of work done, is
 * reported to {@code changed}.
 */
final class StageWorker {
    private static final Logger LOG = LoggerFactory.getLogger(StageWorker.class);
    private static final Duration IDLE_WAIT = Duration.ofSeconds(2);

    private final PipelineStage stage;
    private final WorkSignal signal;
    private final WorkSignal reconnect;
    private long reconnectsSeen;
    private final BooleanSupplier paused;
    private final Duration maxBackoff;
    private final Runnable changed;
    private final Thread thread;
    private volatile boolean running = true;
    private volatile boolean busy;
    private volatile StageFailure failure;

    /**
     * @param paused  while true the worker takes no new work
     * @param changed told (on this worker's thread) after each unit of work and each failure-state change
     */
    StageWorker(PipelineStage stage, WorkSignal signal, BooleanSupplier paused, Duration maxBackoff, Runnable changed) {
        this(stage, signal, new WorkSignal(), paused, maxBackoff, changed);
    }

    /**
     * @param reconnect fired when Qdrant answers again: a worker backing off retries at once, and
     *                  its next backoff starts from the shortest again
     */
    StageWorker(PipelineStage stage, WorkSignal signal, WorkSignal reconnect, BooleanSupplier paused,
                Duration maxBackoff, Runnable changed) {
        this.reconnect = reconnect;
        this.stage = stage;
        this.signal = signal;
        this.paused = paused;
        this.maxBackoff = maxBackoff;
        this.changed = changed;
        this.thread = Thread.ofPlatform().daemon().name("alexandria-" + stage.name()).unstarted(this::loop);
    }

    void start() {
        thread.start();
    }

    String name() {
        return stage.name();
    }

    /** Whether the stage is in the middle of a unit of work. */
    boolean busy() {
        return busy;
    }

    /** The current failure, or null while the stage works. */
    StageFailure failure() {
        return failure;
    }

    /** Whether a fatal failure holds the stage until {@link #retry()}. */
    boolean halted() {
        StageFailure f = failure;
        return f != null && f.kind() == StageFailure.Kind.HALTED;
    }

    /** Whether the thread has ended (after {@link #requestStop()}). */
    boolean stopped() {
        return !thread.isAlive();
    }

    /** Lets a halted stage try again (nothing when it is not halted). */
    void retry() {
        StageFailure f = failure;
        if (f != null && f.kind() == StageFailure.Kind.HALTED) {
            failure = f.retrying();
            changed.run();
            signal.fire();
        }
    }

    /** Asks the worker to stop after its current unit of work (an idle worker is woken at once). */
    void requestStop() {
        running = false;
        signal.fire();
        if (!busy) {
            thread.interrupt();
        }
    }

    /**
     * Waits until the thread has ended: up to {@code grace}, then interrupts it and waits up to
     * {@code grace} again. Never gives up early: an interrupt of the caller is remembered and
     * restored on return.
     *
     * @return whether the thread ended
     */
    boolean awaitStopped(Duration grace) {
        boolean interrupted = false;
        try {
            for (int round = 0; round < 2 && thread.isAlive(); round++) {
                if (round == 1) {
                    thread.interrupt();
                }
                long deadline = System.nanoTime() + grace.toNanos();
                while (thread.isAlive() && System.nanoTime() < deadline) {
                    try {
                        thread.join(Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime())));
                    } catch (InterruptedException e) {
                        interrupted = true;
                    }
                }
            }
            return !thread.isAlive();
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** Releases what the stage holds; call once the thread has ended. */
    void closeStage() {
        stage.close();
    }

    private void loop() {
        while (running) {
            long seen = signal.version();
            long reconnects = reconnect.version();
            try {
                if (paused.getAsBoolean() || halted()) {
                    signal.awaitAfter(seen, IDLE_WAIT);
                    continue;
                }
                boolean did;
                busy = true;
                try {
                    did = stage.runOnce();
                } finally {
                    busy = false;
                }
                if (failure != null) {
                    failure = null;
                    LOG.info("{} stage works again", stage.name());
                    changed.run();
                }
                if (did) {
                    signal.fire();
                    changed.run();
                } else {
                    signal.awaitAfter(seen, IDLE_WAIT);
                }
            } catch (InterruptedException e) {
                if (!running) {
                    return;
                }
            } catch (Throwable t) {
                if (!running) {
                    return; // stopping: a failure caused by the interrupt is no failure
                }
                failed(t, reconnects);
            }
        }
    }

    private void failed(Throwable t, long reconnects) {
        StageFailure.Kind kind = StageFailure.classify(t);
        StageFailure before = failure;
        boolean fresh = before == null || reconnects != reconnectsSeen; // Qdrant came back since: start over
        reconnectsSeen = reconnects;
        int inARow = fresh ? 1 : before.inARow() + 1;
        failure = new StageFailure(stage.name(), kind, StageFailure.describe(t), t,
                before == null ? Instant.now() : before.since(), inARow);
        changed.run();
        signal.fire(); // whoever waits for the pipeline (a sync) looks again
        if (kind == StageFailure.Kind.HALTED) {
            LOG.error("{} stage halted by an unexpected failure; it resumes on retry", stage.name(), t);
            return;
        }
        long cap = Math.min(maxBackoff.toMillis(), 500L << Math.min(inARow, 16));
        long delay = ThreadLocalRandom.current().nextLong(cap / 2, cap + 1);
        LOG.warn("{} stage failed ({} in a row), retrying in {} ms: {}", stage.name(), inARow, delay,
                failure.message());
        try {
            reconnect.awaitAfter(reconnects, Duration.ofMillis(delay)); // a reconnect ends the backoff
        } catch (InterruptedException ie) {
            // stopping, or woken: the loop decides
        }
    }
}
