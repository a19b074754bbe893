package io.alexandria.ui;

import io.alexandria.app.AppServices;
import io.alexandria.app.AppSession;
import io.alexandria.app.SessionListener;
import io.alexandria.app.SessionStatus;
import io.alexandria.health.HealthReport;
import io.alexandria.pipeline.DocumentOutcome;
import io.alexandria.sync.EngineProgress;
import io.alexandria.sync.ModelSwitch;
import io.alexandria.sync.SyncSummary;
import io.alexandria.sync.SyncWatcher;
import io.alexandria.ui.status.AppStatus;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import javafx.application.Platform;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The session as the panes see it: JavaFX properties updated only on the JavaFX thread. The
 * engine's state arrives pushed ({@link SessionListener#engineStateChanged}, from the engine's
 * {@link io.alexandria.sync.EngineStateTracker}) and is handed over with
 * {@code Platform.runLater}; so do the engine's "events published" notices (a running count,
 * {@link #eventsPublishedProperty()}, which the Events and Hosts panes reload on). A new health
 * report is asked for on every state transition and every few seconds (it probes Qdrant); the
 * watcher's and the model switch's in-memory states are read every 500 ms (no I/O); document
 * outcomes from the engine threads arrive in batches ({@link FxBatcher}).
 *
 * <p>From these, one derived value, {@link #appStatusProperty()}, is what every place that shows
 * the state binds to (status bar, Ingest pane, banner, menus, tray): see {@link AppStatus}. Panes
 * observe these properties; they never call the core themselves, and nothing here reads the
 * database on the JavaFX thread.
 */
public final class SessionModel implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(SessionModel.class);
    /** Most rows the document list keeps (oldest dropped first). */
    public static final int MAX_OUTCOMES = 5000;
    /** Poll period of the watcher's and the model switch's in-memory states. */
    public static final long PROGRESS_MS = 500;
    /** Health poll period. */
    public static final long HEALTH_MS = 3000;

    private final AppSession session;
    private final ObjectProperty<SessionStatus> status = new SimpleObjectProperty<>();
    private final ObjectProperty<EngineProgress> progress = new SimpleObjectProperty<>();
    private final ObjectProperty<HealthReport> health = new SimpleObjectProperty<>();
    private final ObjectProperty<Map<String, SyncWatcher.WatchState>> watch = new SimpleObjectProperty<>(Map.of());
    private final ObjectProperty<SyncSummary> lastSync = new SimpleObjectProperty<>();
    private final BooleanProperty syncRunning = new SimpleBooleanProperty();
    private final BooleanProperty verifyRunning = new SimpleBooleanProperty();
    private final IntegerProperty filesBeingAdded = new SimpleIntegerProperty();
    private final ObjectProperty<ModelSwitch.Progress> modelSwitch = new SimpleObjectProperty<>();
    private final javafx.beans.property.StringProperty modelSwitchError =
            new javafx.beans.property.SimpleStringProperty();
    private final ObjectProperty<Boolean> setUp = new SimpleObjectProperty<>();
    private final javafx.beans.property.LongProperty eventsPublished = new javafx.beans.property.SimpleLongProperty();
    private final java.util.concurrent.atomic.AtomicLong eventsPublishedTotal = new java.util.concurrent.atomic.AtomicLong();
    private final AtomicBoolean eventsPublishedPending = new AtomicBoolean();
    private final javafx.beans.binding.ObjectBinding<AppStatus> appStatus = javafx.beans.binding.Bindings
            .createObjectBinding(() -> AppStatus.of(status.get(), progress.get(), setUp.get(), health.get(),
                    syncRunning.get(), filesBeingAdded.get(), modelSwitch.get()), status, progress, setUp, health,
                    syncRunning, filesBeingAdded, modelSwitch);
    private final ObservableList<OutcomeRow> outcomes = FXCollections.observableArrayList();
    private final FxBatcher<OutcomeRow> outcomeBatcher = new FxBatcher<>(this::addOutcomes);
    private final ScheduledExecutorService poller = Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().daemon().name("alexandria-ui-poll").factory());
    private final AtomicBoolean healthPending = new AtomicBoolean();
    private final SessionListener listener = new SessionListener() {
        @Override
        public void statusChanged(SessionStatus s) {
            Boolean configured = s.ready() ? configured() : null;
            Platform.runLater(() -> {
                if (configured != null) {
                    setUp.set(configured);
                }
                status.set(s);
            });
            if (s.ready()) {
                pollHealthSoon();
            }
        }

        @Override
        public void eventsPublished(int count) {
            eventsPublishedTotal.addAndGet(count);
            if (eventsPublishedPending.compareAndSet(false, true)) {
                Platform.runLater(() -> {
                    eventsPublishedPending.set(false);
                    eventsPublished.set(eventsPublishedTotal.get());
                });
            }
        }

        @Override
        public void documentDone(DocumentOutcome outcome) {
            outcomeBatcher.add(OutcomeRow.of(outcome));
        }

        @Override
        public void engineStateChanged(EngineProgress snapshot) {
            EngineProgress before = lastState;
            lastState = snapshot;
            Platform.runLater(() -> {
                if (session.services().isPresent()) {
                    progress.set(snapshot);
                }
            });
            if (snapshot.differsInState(before)) {
                pollHealthSoon();
            }
        }
    };
    private volatile EngineProgress lastState;

    /** A model of {@code session}; call {@link #start()} to begin observing. */
    public SessionModel(AppSession session) {
        this.session = session;
        this.status.set(session.status());
    }

    /** Starts observing: the session's listener and the pollers. */
    public void start() {
        session.addListener(listener);
        if (session.status().ready()) {
            setUp.set(configured());
        }
        status.set(session.status());
        poller.scheduleWithFixedDelay(this::pollProgress, 0, PROGRESS_MS, TimeUnit.MILLISECONDS);
        poller.scheduleWithFixedDelay(this::pollHealth, 200, HEALTH_MS, TimeUnit.MILLISECONDS);
    }

    /** Asks for a fresh health report as soon as possible (after a sync, a verify). */
    public void pollHealthSoon() {
        if (healthPending.compareAndSet(false, true)) {
            try {
                poller.execute(() -> {
                    healthPending.set(false);
                    pollHealth();
                });
            } catch (java.util.concurrent.RejectedExecutionException e) {
                healthPending.set(false);
            }
        }
    }

    /** Whether the session's engine syncs a vault or a library (a source with a folder); in memory. */
    private Boolean configured() {
        return session.services().map(s -> s.engine().sources().stream().anyMatch(src -> src.root() != null))
                .orElse(null);
    }

    /** Reads the watcher's and the model switch's in-memory states (the engine's state is pushed). */
    private void pollProgress() {
        AppServices s = session.services().orElse(null);
        if (s == null) {
            lastState = null;
            Platform.runLater(() -> {
                progress.set(null);
                watch.set(Map.of());
            });
            return;
        }
        try {
            Map<String, SyncWatcher.WatchState> w = s.watcher() == null ? Map.of() : s.watcher().states();
            ModelSwitch.Progress m = session.modelSwitchProgress().orElse(null);
            String switchError = session.modelSwitchError();
            EngineProgress pushed = lastState;
            Platform.runLater(() -> {
                if (progress.get() == null && pushed != null) {
                    progress.set(pushed);
                }
                watch.set(w);
                modelSwitch.set(m);
                modelSwitchError.set(switchError);
            });
        } catch (RuntimeException e) {
            LOG.debug("watch state poll failed (closing?): {}", e.toString());
        }
    }

    private void pollHealth() {
        AppServices s = session.services().orElse(null);
        if (s == null) {
            return;
        }
        try {
            HealthReport r = s.health().report();
            Platform.runLater(() -> health.set(r));
        } catch (RuntimeException e) {
            LOG.debug("health poll failed (engine closing?): {}", e.toString());
        }
    }

    private void addOutcomes(List<OutcomeRow> rows) {
        outcomes.addAll(0, rows.reversed());
        if (outcomes.size() > MAX_OUTCOMES) {
            outcomes.remove(MAX_OUTCOMES, outcomes.size());
        }
    }

    /** The session. */
    public AppSession session() {
        return session;
    }

    /** The session's status. */
    public ObjectProperty<SessionStatus> statusProperty() {
        return status;
    }

    /**
     * The window's one state, derived from the properties here (session status, the engine's
     * pushed state, whether a source is configured, health, Sync now, dropped files, the model
     * switch); every place that shows the state binds to it.
     */
    public javafx.beans.binding.ObjectBinding<AppStatus> appStatusProperty() {
        return appStatus;
    }

    /**
     * Whether a vault or a library is configured: null until the session is first ready, then
     * true or false (with neither, the window invites the user to choose one).
     */
    public ObjectProperty<Boolean> setUpProperty() {
        return setUp;
    }

    /**
     * How many events the engine has published to Qdrant's events collection in this session
     * (a running count, updated as batches are published): readers of the event history reload
     * when it moves.
     */
    public javafx.beans.property.LongProperty eventsPublishedProperty() {
        return eventsPublished;
    }

    /** The engine's latest pushed state snapshot (null while there is no engine). */
    public ObjectProperty<EngineProgress> progressProperty() {
        return progress;
    }

    /** The latest health report (null until the first one). */
    public ObjectProperty<HealthReport> healthProperty() {
        return health;
    }

    /** Watch state per watched folder (empty when not watching). */
    public ObjectProperty<Map<String, SyncWatcher.WatchState>> watchProperty() {
        return watch;
    }

    /** The last finished Sync now. */
    public ObjectProperty<SyncSummary> lastSyncProperty() {
        return lastSync;
    }

    /** Whether a Sync now is running. */
    public BooleanProperty syncRunningProperty() {
        return syncRunning;
    }

    /** Whether a Verify and repair is running. */
    public BooleanProperty verifyRunningProperty() {
        return verifyRunning;
    }

    /** Dropped files being checked and queued (not yet in the pipeline). */
    public IntegerProperty filesBeingAddedProperty() {
        return filesBeingAdded;
    }

    /** The running model switch (a new model chosen in Settings), or null. */
    public ObjectProperty<ModelSwitch.Progress> modelSwitchProperty() {
        return modelSwitch;
    }

    /** Why the last model switch stopped, or null. */
    public javafx.beans.property.StringProperty modelSwitchErrorProperty() {
        return modelSwitchError;
    }

    /** Document outcomes, newest first. */
    public ObservableList<OutcomeRow> outcomes() {
        return outcomes;
    }

    /** Stops the pollers and the listener. */
    @Override
    public void close() {
        session.removeListener(listener);
        poller.shutdownNow();
    }
}
