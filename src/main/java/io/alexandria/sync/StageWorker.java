package io.alexandria.sync;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs one {@link PipelineStage} on its own daemon thread: while there is work it loops, when
 * there is none it waits for a signal, and when the stage fails (an outage) it backs off
 * exponentially with full jitter (0.5 s doubling up to a cap) and tries again, forever — the work
 * stays queued in H2 meanwhile. The last error is kept for health and progress.
 */
final class StageWorker {
    private static final Logger LOG = LoggerFactory.getLogger(StageWorker.class);
    private static final Duration IDLE_WAIT = Duration.ofSeconds(2);

    private final PipelineStage stage;
    private final WorkSignal signal;
    private final BooleanSupplier paused;
    private final Duration maxBackoff;
    private final Thread thread;
    private volatile boolean running = true;
    private volatile boolean busy;
    private volatile String lastError;
    private volatile Instant lastErrorAt;
    private volatile int consecutiveFailures;

    StageWorker(PipelineStage stage, WorkSignal signal, BooleanSupplier paused, Duration maxBackoff) {
        this.stage = stage;
        this.signal = signal;
        this.paused = paused;
        this.maxBackoff = maxBackoff;
        this.thread = Thread.ofPlatform().daemon().name("alexandria-" + stage.name()).unstarted(this::loop);
    }

    void start() {
        thread.start();
    }

    /** Asks the worker to stop after its current unit of work and waits up to {@code timeout}. */
    void stop(Duration timeout) throws InterruptedException {
        running = false;
        signal.fire();
        if (!busy) {
            thread.interrupt();
        }
        thread.join(timeout.toMillis());
        if (thread.isAlive()) {
            thread.interrupt();
            thread.join(timeout.toMillis());
        }
        stage.close();
    }

    String name() {
        return stage.name();
    }

    boolean busy() {
        return busy;
    }

    /** The last failure message while failing, else null. */
    String lastError() {
        return consecutiveFailures > 0 ? lastError : null;
    }

    Instant lastErrorAt() {
        return lastErrorAt;
    }

    private void loop() {
        while (running) {
            long seen = signal.version();
            try {
                if (paused.getAsBoolean()) {
                    signal.awaitAfter(seen, IDLE_WAIT);
                    continue;
                }
                busy = true;
                boolean did;
                try {
                    did = stage.runOnce();
                } finally {
                    busy = false;
                }
                consecutiveFailures = 0;
                if (did) {
                    signal.fire();
                } else {
                    signal.awaitAfter(seen, IDLE_WAIT);
                }
            } catch (InterruptedException e) {
                if (!running) {
                    return;
                }
            } catch (Exception | Error e) {
                if (e instanceof Error err && !(err instanceof OutOfMemoryError)) {
                    throw err;
                }
                consecutiveFailures++;
                lastError = e.getMessage() == null ? e.toString() : e.getMessage();
                lastErrorAt = Instant.now();
                long cap = Math.min(maxBackoff.toMillis(), 500L << Math.min(consecutiveFailures, 16));
                long delay = ThreadLocalRandom.current().nextLong(cap / 2, cap + 1);
                LOG.warn("{} stage failed ({} in a row), retrying in {} ms: {}", stage.name(), consecutiveFailures,
                        delay, lastError);
                signal.fire();
                try {
                    WorkSignal.sleep(Duration.ofMillis(delay));
                } catch (InterruptedException ie) {
                    if (!running) {
                        return;
                    }
                }
            }
        }
    }
}
