package io.alexandria.sync;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The engine's one state, pushed: it keeps the latest {@link EngineProgress} snapshot and hands
 * every new one to its {@link EngineStateListener}s, so nobody polls the ledger to learn what the
 * engine does. The state machine (idle, scanning, syncing, paused, waiting for index, error,
 * stopped) is described in {@code docs/architecture.md}, "Engine states".
 *
 * <p>How it works: the engine calls {@link #changed()} whenever something that shapes the state
 * happens — a stage did a unit of work or started or stopped failing, a scan began or ended, the
 * user paused or resumed. The tracker then takes a fresh snapshot on its own thread (a few
 * counts in one H2 transaction), at most once every {@link #MIN_INTERVAL} however often it is
 * told, and publishes it when it differs from the last one: a transition (state or reason)
 * always, new figures too. Nothing happens while the engine is idle. Listeners get snapshots in
 * publication order on the tracker's thread; each published snapshot has the next
 * {@link EngineProgress#version()} and carries {@link EngineProgress#since()}, when its state
 * began. Every transition is also handed to a recorder (the engine writes it into the ledger's
 * {@code app_state}, so {@code alexandria health --json} in another process reports the same
 * state).
 *
 * <p>Typical use (the window's status bar):
 * <pre>{@code
 * engine.state().addListener(s -> Platform.runLater(() -> statusBar.show(s)));
 * EngineProgress now = engine.state().current();   // any thread, no I/O
 * }</pre>
 * Thread-safe.
 */
public final class EngineStateTracker implements AutoCloseable {
    /** The shortest time between two snapshots taken because work moved (transitions of flags are not delayed longer). */
    public static final Duration MIN_INTERVAL = Duration.ofMillis(250);
    private static final Logger LOG = LoggerFactory.getLogger(EngineStateTracker.class);

    private final Supplier<EngineProgress> snapshots;
    private final Consumer<EngineProgress> recorder;
    private final List<EngineStateListener> listeners = new CopyOnWriteArrayList<>();
    private final ScheduledThreadPoolExecutor thread = new ScheduledThreadPoolExecutor(1,
            Thread.ofPlatform().daemon().name("alexandria-state").factory());
    private final AtomicBoolean refreshQueued = new AtomicBoolean();
    private volatile EngineProgress current;
    private volatile long lastRefreshNanos = System.nanoTime() - MIN_INTERVAL.toNanos();
    private long version;

    /**
     * @param initial   the snapshot before anything was computed (e.g. stopped)
     * @param snapshots takes a fresh snapshot (may read the ledger; called on the tracker's thread
     *                  or by {@link #refreshNow()} on the caller's)
     * @param recorder  told about every transition, on the tracker's thread, before the listeners
     */
    EngineStateTracker(EngineProgress initial, Supplier<EngineProgress> snapshots, Consumer<EngineProgress> recorder) {
        this.snapshots = snapshots;
        this.recorder = recorder;
        this.current = initial.published(0, Instant.now());
        thread.setExecuteExistingDelayedTasksAfterShutdownPolicy(false); // no snapshot after close
    }

    /** The latest published snapshot (never null; no I/O). */
    public EngineProgress current() {
        return current;
    }

    /**
     * Adds a listener; it first receives {@link #current()} (on the tracker's thread), then every
     * later snapshot.
     */
    public void addListener(EngineStateListener listener) {
        listeners.add(listener);
        submit(() -> deliver(listener, current));
    }

    /** Removes a listener (a snapshot already being delivered may still reach it). */
    public void removeListener(EngineStateListener listener) {
        listeners.remove(listener);
    }

    /**
     * Something that shapes the state happened: a fresh snapshot is taken soon, on the tracker's
     * thread — at once when the last one is older than {@link #MIN_INTERVAL}, else when it is.
     * Cheap and non-blocking: call it from any thread, as often as needed.
     */
    void changed() {
        if (refreshQueued.compareAndSet(false, true)) {
            long wait = lastRefreshNanos + MIN_INTERVAL.toNanos() - System.nanoTime();
            try {
                thread.schedule(this::refresh, Math.max(0, wait), TimeUnit.NANOSECONDS);
            } catch (RejectedExecutionException closed) {
                refreshQueued.set(false);
            }
        }
    }

    /** Takes a fresh snapshot on the caller's thread, publishes it when it differs, and returns it. */
    EngineProgress refreshNow() {
        return offer(snapshots.get());
    }

    private void refresh() {
        refreshQueued.set(false);
        lastRefreshNanos = System.nanoTime();
        try {
            offer(snapshots.get());
        } catch (RuntimeException e) {
            LOG.debug("cannot take a state snapshot (closing?): {}", e.toString());
        }
    }

    /** Publishes {@code next} when it differs from the current snapshot; returns what is current. */
    synchronized EngineProgress offer(EngineProgress next) {
        EngineProgress before = current;
        boolean transition = next.differsInState(before);
        if (!transition && !next.differsInFigures(before)) {
            return before;
        }
        EngineProgress published = next.published(++version, transition ? Instant.now() : before.since());
        current = published;
        submit(() -> {
            if (transition) {
                try {
                    recorder.accept(published);
                } catch (RuntimeException e) {
                    LOG.warn("cannot record the engine state {}: {}", published.state(), e.toString());
                }
                LOG.info("engine {}{}", published.state().key(),
                        published.reason() == null ? "" : ": " + published.reason());
            }
            for (EngineStateListener l : listeners) {
                deliver(l, published);
            }
        });
        return published;
    }

    private void submit(Runnable task) {
        try {
            thread.execute(task);
        } catch (RejectedExecutionException closed) {
            LOG.debug("state tracker closed: a snapshot was not delivered");
        }
    }

    private static void deliver(EngineStateListener l, EngineProgress s) {
        try {
            l.engineStateChanged(s);
        } catch (RuntimeException e) {
            LOG.warn("an engine state listener failed on {} (it keeps receiving): {}", s.state(), e.toString(), e);
        }
    }

    /**
     * Publishes {@code last} (the stopped state), delivers everything pending, and ends the
     * tracker's thread (waiting up to 10 s). Later {@link #changed()} calls do nothing.
     */
    void close(EngineProgress last) {
        offer(last);
        close();
    }

    /** Delivers what is pending and ends the tracker's thread (waiting up to 10 s). */
    @Override
    public void close() {
        thread.shutdown();
        boolean interrupted = false;
        try {
            if (!thread.awaitTermination(10, TimeUnit.SECONDS)) {
                LOG.warn("engine state listeners did not finish within 10 s");
                thread.shutdownNow();
            }
        } catch (InterruptedException e) {
            interrupted = true;
            thread.shutdownNow();
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }
}
