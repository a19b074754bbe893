package io.alexandria.pipeline;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.alexandria.embedding.EmbeddingException;
import io.alexandria.index.QdrantException;
import io.grpc.Status;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The stage worker with a stage the test scripts (no ledger, no model): whatever escapes a stage
 * never ends the worker's thread; an {@link Error} or a bug halts the stage until a retry, an
 * outage or a model failure is retried by itself; stopping waits for the current unit even when
 * the caller is interrupted.
 */
class StageWorkerTest {
    private final WorkSignal signal = new WorkSignal();
    private final AtomicInteger changes = new AtomicInteger();
    private StageWorker worker;

    /** A stage that throws what the test puts in {@link #failure} once, else does one unit of work when asked. */
    private static final class ScriptedStage implements PipelineStage {
        final AtomicReference<Throwable> failure = new AtomicReference<>();
        final AtomicInteger work = new AtomicInteger();
        final AtomicInteger done = new AtomicInteger();
        final AtomicInteger closed = new AtomicInteger();
        volatile CountDownLatch block;

        @Override
        public String name() {
            return "scripted";
        }

        @Override
        public boolean runOnce() throws Exception {
            Throwable t = failure.getAndSet(null);
            if (t instanceof Exception e) {
                throw e;
            }
            if (t instanceof Error e) {
                throw e;
            }
            if (work.get() == 0) {
                return false;
            }
            CountDownLatch b = block;
            if (b != null) {
                b.await();
            }
            work.decrementAndGet();
            done.incrementAndGet();
            return true;
        }

        @Override
        public void close() {
            closed.incrementAndGet();
        }
    }

    private final ScriptedStage stage = new ScriptedStage();

    private StageWorker start() {
        worker = new StageWorker(stage, signal, () -> false, Duration.ofMillis(200), changes::incrementAndGet);
        worker.start();
        return worker;
    }

    @AfterEach
    void stop() {
        if (worker != null) {
            worker.requestStop();
            worker.awaitStopped(Duration.ofSeconds(5));
        }
    }

    @Test
    void anUnexpectedErrorHaltsTheStageVisiblyUntilARetryAndTheThreadLives() {
        stage.failure.set(new NoClassDefFoundError("injected"));
        start();
        signal.fire();
        await().atMost(Duration.ofSeconds(10)).until(worker::halted);
        StageFailure f = worker.failure();
        assertEquals(StageFailure.Kind.HALTED, f.kind());
        assertEquals("injected", f.message());
        assertTrue(changes.get() > 0, "the failure was reported");
        assertFalse(worker.stopped(), "the thread is alive");

        stage.work.set(2);
        signal.fire();
        await("a halted stage takes no work").during(Duration.ofMillis(500)).atMost(Duration.ofSeconds(5))
                .until(() -> stage.done.get() == 0);

        worker.retry();
        await().atMost(Duration.ofSeconds(10)).until(() -> stage.done.get() == 2 && worker.failure() == null);
        assertFalse(worker.halted());
    }

    @Test
    void aBugHaltsTheStageButAnOutageOrAFailingModelIsRetriedByItself() {
        assertEquals(StageFailure.Kind.HALTED, StageFailure.classify(new NullPointerException()));
        assertEquals(StageFailure.Kind.HALTED, StageFailure.classify(new StackOverflowError()));
        assertEquals(StageFailure.Kind.OUTAGE, StageFailure.classify(new QdrantException(Status.UNAVAILABLE, null)));
        assertEquals(StageFailure.Kind.RETRYING,
                StageFailure.classify(new QdrantException(Status.PERMISSION_DENIED, null)));
        assertEquals(StageFailure.Kind.RETRYING, StageFailure.classify(new EmbeddingException("CUDA out of memory")));

        stage.failure.set(new QdrantException(Status.UNAVAILABLE.withDescription("down"), null));
        stage.work.set(1);
        start();
        signal.fire();
        await().atMost(Duration.ofSeconds(10)).until(() -> stage.done.get() == 1);
        assertNull(worker.failure(), "retried with backoff and recovered, no retry asked");
    }

    @Test
    void stoppingWaitsForTheCurrentUnitEvenWhenTheCallerIsInterrupted() throws Exception {
        stage.block = new CountDownLatch(1);
        stage.work.set(1);
        start();
        signal.fire();
        await().atMost(Duration.ofSeconds(10)).until(worker::busy);
        Thread releaser = Thread.ofPlatform().start(() -> {
            try {
                TimeUnit.MILLISECONDS.sleep(300);
            } catch (InterruptedException ignored) {
                // released anyway
            }
            stage.block.countDown();
        });
        worker.requestStop();
        Thread.currentThread().interrupt();
        boolean stopped = worker.awaitStopped(Duration.ofSeconds(30));
        assertTrue(Thread.interrupted(), "the caller's interrupt is kept");
        assertTrue(stopped);
        assertTrue(worker.stopped());
        assertEquals(1, stage.done.get(), "the unit in progress finished");
        releaser.join();
        worker.closeStage();
        assertEquals(1, stage.closed.get());
        worker = null;
    }
}
