package io.alexandria.app;

import io.alexandria.config.ApiKeyStore;
import io.alexandria.config.AppPaths;
import io.alexandria.config.Settings;
import io.alexandria.config.SettingsStore;
import io.alexandria.embedding.Embedder;
import io.alexandria.embedding.Embedders;
import io.alexandria.embedding.EmbeddingException;
import io.alexandria.index.QdrantEndpoint;
import io.alexandria.sources.DocumentSource;
import io.alexandria.pipeline.DocumentOutcome;
import io.alexandria.sync.EngineListener;
import io.alexandria.sync.EngineStateListener;
import io.alexandria.sync.ModelSwitch;
import io.alexandria.sync.SyncEngine;
import io.alexandria.sync.SyncWatcher;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.UnaryOperator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The desktop app's wiring, UI-free: from {@link Settings} and {@link AppPaths} it assembles, on a
 * background thread, the one engine ({@link EngineBootstrap}), the watcher when watching is on,
 * and the health, search and events services over the same ledger and Qdrant client; applying new
 * settings saves them and rebuilds everything in the background; a newly chosen model is switched
 * to by a {@link ModelSwitch} in the background (search keeps using the active model until the new
 * index is complete), then the services are rebuilt on it. A Qdrant that cannot be reached
 * is not a failure: the engine starts anyway and queues its work (the health report says so).
 *
 * <p>Threads: lifecycle work (start, apply, close) runs in order on one thread; {@link #call}
 * runs a piece of core work on a pool of daemon threads and returns a future. Nothing here ever
 * runs on the caller's thread, so the JavaFX thread can call every method except {@link #close()}.
 * Observers ({@link SessionListener}) are called on background threads and survive rebuilds.
 */
public final class AppSession implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(AppSession.class);
    /** How long the catch-up sync at start (watching on) waits for the pipeline to drain. */
    static final java.time.Duration CATCH_UP_WAIT = java.time.Duration.ofHours(12);
    /** How long the settings check waits for Qdrant. */
    static final java.time.Duration PROBE_TIMEOUT = java.time.Duration.ofSeconds(5);

    /** Opens the engine and its services for some settings ({@link EngineBootstrap#open} in the app). */
    @FunctionalInterface
    public interface EngineFactory {
        /** Opens an assembly (its engine not started). */
        Assembly open(AppPaths paths, Settings settings, QdrantEndpoint endpoint, String hostname)
                throws EmbeddingException;
    }

    /** Loads the model a settings change asks for ({@link Embedders#load} in the app). */
    @FunctionalInterface
    public interface ModelLoader {
        /** Loads {@code modelId} on {@code device}. */
        Embedder load(String modelId, String device, Path modelsDir) throws EmbeddingException;
    }

    /** A piece of core work run on a background thread with the current services. */
    @FunctionalInterface
    public interface ServiceCall<T> {
        /** Does the work; may block. */
        T call(AppServices services) throws Exception;
    }

    private record InFlight(Future<?> task, CompletableFuture<?> result) {
    }

    private final AppPaths paths;
    private final SettingsStore store;
    private final ApiKeyStore keys;
    private final EngineFactory factory;
    private final ModelLoader models;
    /** Guards the running model switch against the services being shut down (check-then-act). */
    private final Object switchLock = new Object();
    private ModelSwitch modelSwitch;
    private volatile String modelSwitchError;
    private final ExecutorService lifecycle = Executors.newSingleThreadExecutor(
            Thread.ofPlatform().daemon().name("alexandria-session").factory());
    private final ExecutorService work = Executors.newCachedThreadPool(
            Thread.ofPlatform().daemon().name("alexandria-work-", 0).factory());
    private final Map<Object, InFlight> inFlight = new ConcurrentHashMap<>();
    private final List<SessionListener> listeners = new CopyOnWriteArrayList<>();
    private final EngineListener relay = new EngineListener() {
        @Override
        public void documentDone(DocumentOutcome outcome) {
            tell(l -> l.documentDone(outcome));
        }

        @Override
        public void activity(String stage, String documentTitle) {
            tell(l -> l.activity(stage, documentTitle));
        }

        @Override
        public void eventsPublished(int count) {
            tell(l -> l.eventsPublished(count));
        }
    };
    private final EngineStateListener stateRelay = snapshot -> tell(l -> l.engineStateChanged(snapshot));
    private volatile AppServices services;
    private volatile SessionStatus status = SessionStatus.starting("Starting…");
    private volatile Settings settings;
    private volatile boolean apiKeyStored;
    private volatile String apiKeyLocation;

    /** A session on the data directory's settings file and API key store, with {@link EngineBootstrap#open}. */
    public AppSession(AppPaths paths) {
        this(paths, new SettingsStore(paths.settingsFile()), ApiKeyStore.forDataDir(paths), EngineBootstrap::open);
    }

    /**
     * A session with explicit parts.
     *
     * @param store   where settings are loaded from and saved to
     * @param keys    where the Qdrant API key is kept
     * @param factory opens the engine
     */
    public AppSession(AppPaths paths, SettingsStore store, ApiKeyStore keys, EngineFactory factory) {
        this(paths, store, keys, factory, Embedders::load);
    }

    /**
     * A session with explicit parts, including how a newly chosen model is loaded.
     *
     * @param models loads the model the settings name when it is not the active one
     */
    public AppSession(AppPaths paths, SettingsStore store, ApiKeyStore keys, EngineFactory factory,
                      ModelLoader models) {
        this.paths = paths;
        this.store = store;
        this.keys = keys;
        this.factory = factory;
        this.models = models;
    }

    /** The data directory. */
    public AppPaths paths() {
        return paths;
    }

    /** Loads the saved settings and assembles the services, in the background. */
    public CompletableFuture<AppServices> start() {
        return start(UnaryOperator.identity());
    }

    /**
     * Loads the saved settings, adjusts them without saving (the {@code --smoke} run's vault and
     * Qdrant) and assembles the services, in the background.
     */
    public CompletableFuture<AppServices> start(UnaryOperator<Settings> adjust) {
        return lifecycle(x -> open(adjust.apply(store.load())));
    }

    /**
     * Saves {@code next} (and the API key when given) and rebuilds the services with them, in the
     * background. Work in flight on the old services is cancelled; queued work stays in the ledger
     * and resumes on the new engine.
     *
     * @param apiKey the new API key; null keeps the stored one, blank removes it
     */
    public CompletableFuture<AppServices> apply(Settings next, String apiKey) {
        return lifecycle(x -> {
            setStatus(SessionStatus.starting("Applying the new settings…"));
            store.save(next);
            if (apiKey != null) {
                apiKeyLocation = keys.save(apiKey);
            }
            shutdownServices("the settings changed");
            return open(next);
        });
    }

    /**
     * Runs {@code call} with the current services on a background thread.
     *
     * @return its result; fails with {@link SessionNotReadyException} when there are no services,
     *         or {@link CancellationException} when settings are applied meanwhile
     */
    public <T> CompletableFuture<T> call(ServiceCall<T> call) {
        AppServices s = services;
        if (s == null) {
            return CompletableFuture.failedFuture(new SessionNotReadyException(status.message()));
        }
        CompletableFuture<T> result = new CompletableFuture<>();
        Object token = new Object();
        try {
            Future<?> task = work.submit(() -> {
                try {
                    result.complete(call.call(s));
                } catch (Throwable e) {
                    result.completeExceptionally(e);
                } finally {
                    inFlight.remove(token);
                }
            });
            inFlight.put(token, new InFlight(task, result));
            if (result.isDone()) {
                inFlight.remove(token);
            }
        } catch (java.util.concurrent.RejectedExecutionException e) {
            result.completeExceptionally(new SessionNotReadyException("Alexandria is closing."));
        }
        return result;
    }

    /** The current services, when ready. */
    public Optional<AppServices> services() {
        return Optional.ofNullable(services);
    }

    /** The current status. */
    public SessionStatus status() {
        return status;
    }

    /** The settings in effect (or being applied); null until the first start has read them. */
    public Settings settings() {
        return settings;
    }

    /** Whether an API key was found when the services were last assembled. */
    public boolean hasApiKey() {
        return apiKeyStored;
    }

    /** Where the API key went when last saved (for the settings pane), or null. */
    public String apiKeyLocation() {
        return apiKeyLocation;
    }

    /**
     * Checks a settings form in the background (folders, one Qdrant probe), with the new API key
     * when given, else the stored one.
     *
     * @param newApiKey the key typed in the form, or null to use the stored one
     */
    public CompletableFuture<SettingsCheck> check(Settings candidate, String newApiKey) {
        return CompletableFuture.supplyAsync(() -> new SettingsValidator(PROBE_TIMEOUT).check(candidate,
                newApiKey != null && !newApiKey.isBlank() ? newApiKey : keys.load().orElse(null)), work);
    }

    /** Adds an observer (called on background threads). */
    public void addListener(SessionListener listener) {
        listeners.add(listener);
    }

    /** Removes an observer. */
    public void removeListener(SessionListener listener) {
        listeners.remove(listener);
    }

    private AppServices open(Settings s) throws Exception {
        settings = s;
        try {
            setStatus(SessionStatus.starting("Reading the API key…"));
            String key = keys.load().orElse(null);
            apiKeyStored = key != null;
            QdrantEndpoint endpoint;
            try {
                endpoint = s.endpoint(key);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(e.getMessage() + " — fix the Qdrant URL in Settings.", e);
            }
            String host = Hostnames.resolve(s.hostname());
            setStatus(SessionStatus.starting("Loading the model and the local ledger…"));
            Assembly assembly = factory.open(paths, s, endpoint, host);
            SyncEngine engine = assembly.engine();
            try {
                boolean watchable = false;
                for (DocumentSource source : assembly.sources().configured()) {
                    engine.addSource(source);
                    watchable |= source.root() != null;
                }
                engine.addListener(relay);
                engine.state().addListener(stateRelay);
                engine.start("app");
                SyncWatcher watcher = null;
                if (s.watch() && watchable) {
                    watcher = new SyncWatcher(engine, SyncWatcher.Options.defaults(s.reconcileMinutes(), s.polling()));
                    watcher.start();
                }
                AppServices svc = new AppServices(s, endpoint, host, engine, watcher, assembly.health(),
                        assembly.search(), assembly.events());
                services = svc;
                setStatus(new SessionStatus(SessionStatus.Phase.READY, "Ready"));
                LOG.info("session ready: {}", svc);
                if (watcher != null) {
                    // catch up with what changed while the app was closed (a full sync, so the last
                    // sync time is recorded once it is done); the watcher takes over from there
                    call(x -> x.engine().syncNow(false, CATCH_UP_WAIT));
                }
                if (!s.model().equals(engine.model().id())) {
                    switchModel(svc, s);
                }
                return svc;
            } catch (RuntimeException e) {
                engine.close();
                throw e;
            }
        } catch (Exception e) {
            String why = e.getMessage() == null ? e.toString() : e.getMessage();
            LOG.warn("cannot start: {}", why, e);
            setStatus(new SessionStatus(SessionStatus.Phase.FAILED, "Alexandria could not start: " + why));
            throw e;
        }
    }

    /**
     * The settings name another model than the one search uses: a {@link ModelSwitch} rebuilds the
     * index for it in the background while everything keeps working on the active model; once it
     * has switched, the services are rebuilt on the new model.
     */
    private void switchModel(AppServices svc, Settings s) {
        modelSwitchError = null;
        work.execute(() -> {
            Embedder target = null;
            ModelSwitch change = null;
            try {
                target = models.load(s.model(), s.device(), paths.models());
                synchronized (switchLock) {
                    // checked and registered under the lock shutdownServices takes: either it sees
                    // this switch and stops it, or this sees the services gone and stops here
                    if (services != svc) {
                        target.close();
                        return;
                    }
                    change = new ModelSwitch(svc.engine(), target);
                    modelSwitch = change;
                    change.start();
                }
                LOG.info("switching the model to {}: rebuilding {} in the background", s.model(), change.collection());
                while (!change.await(Duration.ofSeconds(30))) {
                    if (change.progress().error() != null || services != svc) {
                        break;
                    }
                }
                if (!change.progress().switched()) {
                    modelSwitchError = change.progress().error();
                    stop(change);
                    return;
                }
                change.takeTarget().close();
                lifecycle(x -> {
                    if (services != svc) {
                        return null;
                    }
                    setStatus(SessionStatus.starting("Switching to the new model…"));
                    shutdownServices("the model switch finished");
                    return open(s);
                });
            } catch (Exception e) {
                modelSwitchError = e.getMessage() == null ? e.toString() : e.getMessage();
                LOG.warn("cannot switch the model to {}: {}", s.model(), modelSwitchError);
                if (change != null) {
                    stop(change);
                } else if (target != null) {
                    target.close();
                }
            }
        });
    }

    /** Stops a switch that did not finish (its model is closed) and forgets it. */
    private void stop(ModelSwitch change) {
        synchronized (switchLock) {
            if (modelSwitch == change) {
                modelSwitch = null;
            }
        }
        change.close();
    }

    /** The running model switch's progress (settings name a new model), if one is running. */
    public Optional<ModelSwitch.Progress> modelSwitchProgress() {
        ModelSwitch m;
        synchronized (switchLock) {
            m = modelSwitch;
        }
        return m == null || m.progress().switched() ? Optional.empty() : Optional.of(m.progress());
    }

    /** Why the last model switch stopped, or null. */
    public String modelSwitchError() {
        return modelSwitchError;
    }

    private void shutdownServices(String why) {
        AppServices s;
        ModelSwitch change;
        synchronized (switchLock) {
            s = services;
            services = null;
            change = modelSwitch;
            modelSwitch = null;
        }
        if (change != null) {
            try {
                change.close();
            } catch (RuntimeException e) {
                LOG.warn("stopping the model switch: {}", e.toString());
            }
        }
        for (InFlight f : List.copyOf(inFlight.values())) {
            f.result().completeExceptionally(new CancellationException("stopped: " + why));
            f.task().cancel(true);
        }
        inFlight.clear();
        if (s != null) {
            try {
                if (s.watcher() != null) {
                    s.watcher().close();
                }
            } catch (RuntimeException e) {
                LOG.warn("closing the watcher: {}", e.toString());
            }
            try {
                s.engine().state().removeListener(stateRelay);
                s.engine().close();
            } catch (RuntimeException e) {
                LOG.warn("closing the engine: {}", e.toString());
            }
        }
    }

    private void setStatus(SessionStatus s) {
        status = s;
        tell(l -> l.statusChanged(s));
    }

    /** Tells every observer; one that fails is logged and the others are still told. */
    private void tell(java.util.function.Consumer<SessionListener> message) {
        for (SessionListener l : listeners) {
            try {
                message.accept(l);
            } catch (RuntimeException e) {
                LOG.warn("a session listener failed", e);
            }
        }
    }

    private <T> CompletableFuture<T> lifecycle(ServiceCall<T> step) {
        CompletableFuture<T> f = new CompletableFuture<>();
        try {
            lifecycle.execute(() -> {
                try {
                    f.complete(step.call(services));
                } catch (Throwable e) {
                    f.completeExceptionally(e);
                }
            });
        } catch (java.util.concurrent.RejectedExecutionException e) {
            f.completeExceptionally(new SessionNotReadyException("Alexandria is closing."));
        }
        return f;
    }

    /**
     * Stops everything in the background: the watcher, then the engine (each stage finishes its
     * current unit; queued work stays in the ledger), then the threads.
     */
    public CompletableFuture<Void> closeAsync() {
        CompletableFuture<Void> done = lifecycle(x -> {
            shutdownServices("Alexandria is closing");
            setStatus(new SessionStatus(SessionStatus.Phase.CLOSED, "Closed"));
            return null;
        });
        lifecycle.shutdown();
        return done.whenComplete((v, e) -> work.shutdownNow());
    }

    /** Closes and waits (at most two minutes); never on the JavaFX thread. */
    @Override
    public void close() {
        ThreadGuard.check("closing the session");
        try {
            closeAsync().get(2, TimeUnit.MINUTES);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception e) {
            LOG.warn("closing the session: {}", e.toString());
        }
    }

    @Override
    public String toString() {
        return "AppSession[" + paths.dataDir() + ", " + status.phase() + "]";
    }
}
