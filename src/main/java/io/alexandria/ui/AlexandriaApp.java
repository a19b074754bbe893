package io.alexandria.ui;

import io.alexandria.app.AppServices;
import io.alexandria.app.AppSession;
import io.alexandria.app.LaunchOptions;
import io.alexandria.app.ThreadGuard;
import io.alexandria.config.AppPaths;
import io.alexandria.ipc.InstanceServer;
import io.alexandria.ipc.LaunchRequest;
import io.alexandria.ui.prefs.UiPrefs;
import io.alexandria.ui.prefs.UiPrefsModel;
import io.alexandria.ui.prefs.UiPrefsStore;
import io.alexandria.ui.shell.SystemShell;
import io.alexandria.ui.smoke.SmokeRun;
import io.alexandria.ui.theme.Appearance;
import io.alexandria.ui.theme.OsColorScheme;
import io.alexandria.ui.tray.AwtTrayView;
import io.alexandria.ui.tray.CommandNotifications;
import io.alexandria.ui.tray.DesktopNotices;
import io.alexandria.ui.tray.NoticePolicy;
import io.alexandria.ui.tray.TrayController;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.IntConsumer;
import javafx.application.Application;
import javafx.application.Platform;
import javafx.stage.Stage;

/**
 * The desktop app: opens the main window over an {@link AppSession} built from the saved settings
 * (or the defaults: the embedded H2 ledger and the bundled model, even with no Qdrant), and with
 * {@code --smoke} runs {@link SmokeRun} and exits with its code. It is the one instance for its
 * data folder: later launches hand it their files through the {@link InstanceServer} and bring
 * the window forward. Where the desktop has a tray it shows its state there (Open, Sync now,
 * Pause / Resume, Quit), closing the window keeps watching in the tray (a preference), and the
 * few notifications worth an OS notification go there (else through {@link CommandNotifications}).
 * Quitting stops the watcher and the engine in the background (queued work stays in the ledger),
 * then exits.
 *
 * <p>{@link #init()} does the start's file and process work off the JavaFX thread: the window's
 * preferences, the OS's dark mode, the emoji font.
 */
public final class AlexandriaApp extends Application {
    private static volatile InstanceServer pendingServer;
    private LaunchOptions options;
    private List<Path> files = List.of();
    private String argumentError;
    private final IntConsumer exit;
    private InstanceServer server;
    private UiPrefs prefs = UiPrefs.defaults();
    private UiPrefsStore prefsStore;
    private Optional<Boolean> osDark = Optional.empty();
    private AppSession session;
    private MainWindow window;
    private Stage stage;
    private TrayController tray;
    private AwtTrayView trayView;
    private final CommandNotifications commandNotifications = new CommandNotifications();
    private boolean trayHintShown;
    private boolean exiting;

    /** The app as {@code Application.launch} creates it (options from the command line). */
    public AlexandriaApp() {
        this(null, List.of(), code -> {
            Platform.exit();
            System.exit(code);
        }, null);
    }

    /**
     * An app with given options and a given way to exit (tests).
     *
     * @param options the options, or null to parse the command line
     * @param exit    called with the exit code once everything is closed
     */
    AlexandriaApp(LaunchOptions options, IntConsumer exit) {
        this(options, List.of(), exit, null);
    }

    /**
     * An app with given options, files to add, a way to exit and a single-instance server (tests).
     *
     * @param files  files to add once the engine is up (the command line's)
     * @param server serves later launches, or null
     */
    AlexandriaApp(LaunchOptions options, List<Path> files, IntConsumer exit, InstanceServer server) {
        this.options = options;
        this.files = List.copyOf(files);
        this.exit = exit;
        this.server = server;
    }

    /**
     * Hands the app the server that {@code DesktopLauncher} started before launching JavaFX
     * ({@code Application.launch} creates the app itself, so the server waits here).
     */
    public static void serveOtherLaunches(InstanceServer s) {
        pendingServer = s;
    }

    @Override
    public void init() {
        if (options == null) {
            DesktopArgs args = DesktopArgs.split(getParameters().getRaw());
            try {
                options = LaunchOptions.parse(args.options());
                files = args.files();
            } catch (IllegalArgumentException e) {
                argumentError = e.getMessage();
                return;
            }
        }
        if (server == null) {
            server = pendingServer;
            pendingServer = null;
        }
        Path dataDir = AppPaths.resolve(options.dataDir()).dataDir();
        prefsStore = new UiPrefsStore(dataDir);
        prefs = prefsStore.load();
        osDark = OsColorScheme.prefersDark();
        EmojiText.preload();
    }

    @Override
    public void start(Stage primary) {
        this.stage = primary;
        if (argumentError != null || options == null) {
            System.err.println("alexandria: " + (argumentError != null ? argumentError : "no options"));
            exit.accept(1);
            return;
        }
        Platform.setImplicitExit(false);
        ThreadGuard.forbid(Thread.currentThread());
        session = new AppSession(AppPaths.resolve(options.dataDir()));
        Appearance appearance = new Appearance(prefs.theme(), osDark);
        UiPrefsModel prefsModel = new UiPrefsModel(prefs, options.smoke() ? null : prefsStore);
        window = MainWindow.open(primary, session, new MainWindow.Options(
                new SystemShell(getHostServices()::showDocument), FileDialogs.system(), prefsModel, appearance));
        window.setOnQuit(() -> shutdown(0));
        primary.setOnCloseRequest(e -> {
            e.consume();
            closeRequested();
        });
        CompletableFuture<AppServices> started = session.start(options::applyTo);
        if (options.smoke()) {
            window.context().notifier().setPopups(false);
            SmokeRun.run(window, started, options).thenAccept(r -> Platform.runLater(() -> {
                (r.exitCode() == 0 ? System.out : System.err).println(r.line());
                shutdown(r.exitCode());
            }));
            return;
        }
        new DesktopNotices(window.context().model(), this::notice);
        startTray();
        if (!files.isEmpty()) {
            List<Path> first = files;
            started.thenRun(() -> Platform.runLater(() -> window.addFiles(first)));
        }
        if (server != null) {
            server.setHandler(request -> started.handle((s, e) -> null)
                    .thenRun(() -> Platform.runLater(() -> handOver(request))));
        }
    }

    /** A later launch's request: bring the window forward and add its files. */
    private void handOver(LaunchRequest request) {
        if (exiting) {
            return;
        }
        window.bringToFront();
        if (!request.files().isEmpty()) {
            window.addFiles(request.paths());
        }
    }

    /** Adds the tray icon in the background where the desktop has a tray. */
    private void startTray() {
        CompletableFuture.supplyAsync(() -> AwtTrayView.install(action -> Platform.runLater(() -> {
            if (tray != null) {
                tray.perform(action);
            }
        }))).thenAccept(view -> Platform.runLater(() -> view.ifPresent(v -> {
            if (exiting) {
                v.close();
                return;
            }
            trayView = v;
            tray = new TrayController(window.context().model(), window.context().actions(), v, window::bringToFront,
                    () -> shutdown(0)).start();
            window.context().trayAvailable().set(true);
        })));
    }

    /** The window's close button: to the tray when there is one and the preference says so, else quit. */
    private void closeRequested() {
        boolean toTray = tray != null && window.context().prefs().closeToTrayProperty().get();
        if (!toTray) {
            shutdown(0);
            return;
        }
        stage.hide();
        if (!trayHintShown) {
            trayHintShown = true;
            trayView.notify(Notifier.Level.INFO, "Alexandria keeps watching",
                    "It stays in the tray and keeps your index up to date. Quit from the tray icon's menu.");
        }
    }

    /** An OS notification, unless the window is in front (it shows the same there). */
    private void notice(NoticePolicy.Notice n) {
        if (stage.isShowing() && stage.isFocused()) {
            return;
        }
        if (trayView != null) {
            trayView.notify(n.level(), n.title(), n.text());
        } else {
            commandNotifications.notify(n.level(), n.title(), n.text());
        }
    }

    /** The main window (null before {@link #start}). */
    MainWindow window() {
        return window;
    }

    /** The session (null before {@link #start}). */
    AppSession session() {
        return session;
    }

    /** The tray controller, when the desktop has a tray. */
    TrayController tray() {
        return tray;
    }

    /**
     * The toolkit is shutting down without the window's close button (e.g. the OS's quit command):
     * stop the engine so queued work is left cleanly in the ledger. The window is gone by now, so
     * waiting here blocks nothing the user sees.
     */
    @Override
    public void stop() {
        if (!exiting && session != null) {
            exiting = true;
            closeDesktopParts();
            window.close();
            try {
                session.closeAsync().get(60, TimeUnit.SECONDS);
            } catch (Exception e) {
                System.err.println("alexandria: closing: " + Fx.describe(e));
            }
        }
    }

    private void closeDesktopParts() {
        if (tray != null) {
            tray.close();
            tray = null;
        }
        if (server != null) {
            server.close();
        }
    }

    /** Hides the window, closes the session in the background, then exits with {@code code}. */
    void shutdown(int code) {
        if (exiting) {
            return;
        }
        exiting = true;
        closeDesktopParts();
        stage.hide();
        window.close();
        session.closeAsync().orTimeout(90, TimeUnit.SECONDS).whenComplete((v, e) -> exit.accept(code));
    }
}
