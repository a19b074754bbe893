package io.alexandria.sync;

import io.alexandria.sources.DocumentSource;
import io.alexandria.sources.SourceKinds;
import io.alexandria.sources.vault.VaultSource;
import io.methvin.watcher.DirectoryChangeEvent;
import io.methvin.watcher.DirectoryChangeListener;
import io.methvin.watcher.DirectoryWatcher;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the engine's sources in step continuously: file events from
 * {@code io.methvin:directory-watcher} on each source's folder, debounced (editors save several
 * times a second: a source is rescanned once it has been quiet for {@link Options#debounce()}, or
 * at the latest {@link Options#maxDelay()} after its first event), a periodic reconcile scan of
 * every source as the safety net, and a polling mode (a scan every {@link Options#pollEvery()})
 * for network shares where file events do not arrive. A vault ignores events on paths its scanner
 * ignores ({@code .obsidian/}, hidden files, {@code .alexandriaignore}); a Calibre library reacts
 * to {@code metadata.db} changes. When a watched folder disappears (an unmounted NAS) the watcher
 * re-attaches once it is back; meanwhile the reconcile scans raise the mass-deletion alarm and
 * delete nothing. Each reconcile also retries a stage halted by a fatal failure, so a headless
 * {@code watch} recovers without a restart.
 *
 * <p>Threads: two scheduler threads ({@code alexandria-watch-N}) for debouncing, scans and
 * re-attaching, and one thread per watched folder ({@code alexandria-watch-folder-N}) from a pool
 * the watcher owns, reused when a folder is re-attached; {@link #close()} ends them all.
 */
public final class SyncWatcher implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(SyncWatcher.class);

    /**
     * @param debounce       quiet time after the last event before a rescan
     * @param maxDelay       longest wait after the first event of a burst
     * @param reconcileEvery safety-net scan of every source
     * @param polling        scan on a timer instead of file events
     * @param pollEvery      the polling period
     * @param reattachDelay  how long to wait before watching a folder again that vanished or
     *                       could not be watched
     */
    public record Options(Duration debounce, Duration maxDelay, Duration reconcileEvery, boolean polling,
                          Duration pollEvery, Duration reattachDelay) {
        /** Options re-attaching a vanished folder after 5 s. */
        public Options(Duration debounce, Duration maxDelay, Duration reconcileEvery, boolean polling,
                       Duration pollEvery) {
            this(debounce, maxDelay, reconcileEvery, polling, pollEvery, Duration.ofSeconds(5));
        }

        /** 300 ms debounce, 2 s at most, a reconcile every {@code reconcileMinutes}, file events. */
        public static Options defaults(int reconcileMinutes, boolean polling) {
            return new Options(Duration.ofMillis(300), Duration.ofSeconds(2), Duration.ofMinutes(reconcileMinutes),
                    polling, Duration.ofSeconds(5));
        }

        /** A copy with another re-attach delay. */
        public Options withReattachDelay(Duration delay) {
            return new Options(debounce, maxDelay, reconcileEvery, polling, pollEvery, delay);
        }
    }

    /** What the watcher does for one source, for the status bar. */
    public enum WatchState { WATCHING, POLLING, WAITING_FOR_FOLDER, STOPPED }

    private final SyncEngine engine;
    private final Options options;
    private final ScheduledExecutorService scheduler = Executors.newScheduledThreadPool(2,
            Thread.ofPlatform().daemon().name("alexandria-watch-", 0).factory());
    private final Map<DocumentSource, DirectoryWatcher> watchers = new ConcurrentHashMap<>();
    private final Map<DocumentSource, Burst> bursts = new ConcurrentHashMap<>();
    private final Map<DocumentSource, WatchState> states = new ConcurrentHashMap<>();
    /** Runs each watched folder's blocking watch loop; threads are reused across re-attaches. */
    private final ExecutorService folderThreads = Executors.newCachedThreadPool(
            Thread.ofPlatform().daemon().name("alexandria-watch-folder-", 0).factory());
    /** Guards attaching against closing: no watcher is created once {@link #close()} began. */
    private final Object lifecycle = new Object();
    private final AtomicInteger attaches = new AtomicInteger();
    private volatile boolean closed;

    private static final class Burst {
        volatile long first;
        volatile long last;
        volatile boolean scheduled;
    }

    public SyncWatcher(SyncEngine engine, Options options) {
        this.engine = engine;
        this.options = options;
    }

    /** Starts watching every source the engine has (with a root folder) and the reconcile timer. */
    public void start() {
        for (DocumentSource s : engine.sources()) {
            if (s.root() == null) {
                continue;
            }
            if (options.polling()) {
                states.put(s, WatchState.POLLING);
                long ms = options.pollEvery().toMillis();
                scheduler.scheduleWithFixedDelay(() -> scan(s), ms, ms, TimeUnit.MILLISECONDS);
            } else {
                attach(s);
            }
        }
        long every = options.reconcileEvery().toMillis();
        scheduler.scheduleWithFixedDelay(this::reconcile, every, every, TimeUnit.MILLISECONDS);
    }

    /** The state per source (described). */
    public Map<String, WatchState> states() {
        Map<String, WatchState> out = new LinkedHashMap<>();
        for (DocumentSource s : engine.sources()) {
            if (s.root() != null) {
                out.put(s.describe(), closed ? WatchState.STOPPED : states.getOrDefault(s, WatchState.STOPPED));
            }
        }
        return out;
    }

    private void attach(DocumentSource source) {
        Path root = source.root();
        synchronized (lifecycle) {
            if (closed) {
                return;
            }
            if (!Files.isDirectory(root)) {
                states.put(source, WatchState.WAITING_FOR_FOLDER);
                reattachLater(source);
                return;
            }
            try {
                DirectoryWatcher w = DirectoryWatcher.builder().path(root).fileHashing(false)
                        .listener(new Listener(source)).build();
                watchers.put(source, w);
                WatchState before = states.put(source, WatchState.WATCHING);
                attaches.incrementAndGet();
                w.watchAsync(folderThreads).whenComplete((v, e) -> detached(source, w, e));
                if (before == WatchState.WAITING_FOR_FOLDER) {
                    changed(source); // the folder is back: rescan what changed while it was away
                }
            } catch (IOException | java.util.concurrent.RejectedExecutionException e) {
                LOG.warn("cannot watch {} ({}); retrying", source.describe(), e.getMessage());
                states.put(source, WatchState.WAITING_FOR_FOLDER);
                reattachLater(source);
            }
        }
    }

    private void reattachLater(DocumentSource source) {
        try {
            scheduler.schedule(() -> attach(source), options.reattachDelay().toMillis(), TimeUnit.MILLISECONDS);
        } catch (java.util.concurrent.RejectedExecutionException closing) {
            // closed meanwhile: nothing to re-attach
        }
    }

    private void detached(DocumentSource source, DirectoryWatcher watcher, Throwable error) {
        synchronized (lifecycle) {
            watchers.remove(source, watcher);
            if (closed) {
                return;
            }
            states.put(source, WatchState.WAITING_FOR_FOLDER);
        }
        LOG.warn("stopped watching {}{}; re-attaching when the folder is back", source.describe(),
                error == null ? "" : " (" + error.getMessage() + ")");
        changed(source);
        reattachLater(source);
    }

    /**
     * Stops watching {@code source}'s folder as if it had vanished: the watcher detaches, rescans
     * and re-attaches after {@link Options#reattachDelay()} (for tests of that path).
     */
    void dropWatch(DocumentSource source) throws IOException {
        DirectoryWatcher w = watchers.get(source);
        if (w != null) {
            w.close();
        }
    }

    /** How many times a folder watch was attached (for tests). */
    int attaches() {
        return attaches.get();
    }

    private final class Listener implements DirectoryChangeListener {
        private final DocumentSource source;

        Listener(DocumentSource source) {
            this.source = source;
        }

        @Override
        public void onEvent(DirectoryChangeEvent event) {
            if (event.eventType() == DirectoryChangeEvent.EventType.OVERFLOW || relevant(source, event.path())) {
                changed(source);
            }
        }

        @Override
        public boolean isWatching() {
            return !closed;
        }

        @Override
        public void onException(Exception e) {
            LOG.warn("watch error on {}: {}", source.describe(), e.getMessage());
            changed(source);
        }
    }

    /** Whether a changed path can matter to the source (cheap filter before a rescan). */
    static boolean relevant(DocumentSource source, Path path) {
        Path root = source.root();
        if (path == null || !path.startsWith(root)) {
            return false;
        }
        if (path.equals(root)) {
            return true;
        }
        String rel = root.relativize(path).toString().replace('\\', '/');
        if (source instanceof VaultSource vault) {
            return !vault.scanner().isIgnored(rel, Files.isDirectory(path));
        }
        if (SourceKinds.CALIBRE.equals(source.kind())) {
            return rel.startsWith("metadata.db");
        }
        return true;
    }

    /** Notes an event for {@code source}; the rescan happens once the burst is over. */
    void changed(DocumentSource source) {
        long now = System.nanoTime();
        Burst b = bursts.computeIfAbsent(source, k -> new Burst());
        synchronized (b) {
            if (!b.scheduled) {
                b.first = now;
                b.scheduled = true;
                b.last = now;
                try {
                    scheduler.schedule(() -> settle(source, b), options.debounce().toMillis(), TimeUnit.MILLISECONDS);
                } catch (java.util.concurrent.RejectedExecutionException closing) {
                    b.scheduled = false;
                }
            } else {
                b.last = now;
            }
        }
    }

    private void settle(DocumentSource source, Burst b) {
        long now = System.nanoTime();
        long quiet = now - b.last;
        long age = now - b.first;
        if (quiet < options.debounce().toNanos() && age < options.maxDelay().toNanos()) {
            long wait = Math.min(options.debounce().toNanos() - quiet, options.maxDelay().toNanos() - age);
            scheduler.schedule(() -> settle(source, b), Math.max(1, wait / 1_000_000), TimeUnit.MILLISECONDS);
            return;
        }
        synchronized (b) {
            b.scheduled = false;
        }
        scan(source);
    }

    private void scan(DocumentSource source) {
        if (closed) {
            return;
        }
        try {
            engine.scan(source, false);
        } catch (RuntimeException e) {
            LOG.warn("rescan of {} failed: {}", source.describe(), e.getMessage());
        }
    }

    private void reconcile() {
        engine.retry();
        for (DocumentSource s : List.copyOf(engine.sources())) {
            if (s.root() != null) {
                scan(s);
            }
        }
    }

    /**
     * Stops watching: no folder is attached any more, every watch and scheduler thread ends
     * (waiting up to 10 s each; in-flight scans finish; queued work stays in H2). Idempotent.
     */
    @Override
    public void close() {
        List<DirectoryWatcher> open;
        synchronized (lifecycle) {
            closed = true;
            open = List.copyOf(watchers.values());
            watchers.clear();
        }
        for (DirectoryWatcher w : open) {
            try {
                w.close();
            } catch (IOException e) {
                LOG.debug("closing a watcher: {}", e.getMessage());
            }
        }
        scheduler.shutdownNow();
        folderThreads.shutdownNow();
        boolean interrupted = false;
        for (ExecutorService pool : List.of(scheduler, folderThreads)) {
            try {
                if (!pool.awaitTermination(10, TimeUnit.SECONDS)) {
                    LOG.warn("a watcher thread did not end within 10 s");
                }
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }
}
