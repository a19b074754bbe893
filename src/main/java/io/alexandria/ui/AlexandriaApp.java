package io.alexandria.ui;

import io.alexandria.app.AppServices;
import io.alexandria.app.AppSession;
import io.alexandria.app.LaunchOptions;
import io.alexandria.app.ThreadGuard;
import io.alexandria.config.AppPaths;
import io.alexandria.ui.smoke.SmokeRun;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.IntConsumer;
import javafx.application.Application;
import javafx.application.Platform;
import javafx.stage.Stage;

/**
 * The desktop app: opens the main window over an {@link AppSession} built from the saved settings
 * (or the defaults: the embedded H2 ledger and the bundled model, even with no Qdrant), and with
 * {@code --smoke} runs {@link SmokeRun} and exits with its code. Closing the window stops the
 * watcher and the engine in the background (queued work stays in the ledger), then exits.
 */
public final class AlexandriaApp extends Application {
    private LaunchOptions options;
    private final IntConsumer exit;
    private AppSession session;
    private MainWindow window;
    private Stage stage;
    private boolean exiting;

    /** The app as {@code Application.launch} creates it (options from the command line). */
    public AlexandriaApp() {
        this(null, code -> {
            Platform.exit();
            System.exit(code);
        });
    }

    /**
     * An app with given options and a given way to exit (tests).
     *
     * @param options the options, or null to parse the command line
     * @param exit    called with the exit code once everything is closed
     */
    AlexandriaApp(LaunchOptions options, IntConsumer exit) {
        this.options = options;
        this.exit = exit;
    }

    @Override
    public void start(Stage primary) {
        this.stage = primary;
        if (options == null) {
            try {
                options = LaunchOptions.parse(getParameters().getRaw());
            } catch (IllegalArgumentException e) {
                System.err.println("alexandria: " + e.getMessage());
                exit.accept(1);
                return;
            }
        }
        Platform.setImplicitExit(false);
        ThreadGuard.forbid(Thread.currentThread());
        session = new AppSession(AppPaths.resolve(options.dataDir()));
        window = MainWindow.open(primary, session, getHostServices()::showDocument, FileDialogs.system());
        primary.setOnCloseRequest(e -> {
            e.consume();
            shutdown(0);
        });
        CompletableFuture<AppServices> started = session.start(options::applyTo);
        if (options.smoke()) {
            SmokeRun.run(window, started, options).thenAccept(r -> Platform.runLater(() -> {
                (r.exitCode() == 0 ? System.out : System.err).println(r.line());
                shutdown(r.exitCode());
            }));
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

    /** Hides the window, closes the session in the background, then exits with {@code code}. */
    void shutdown(int code) {
        if (exiting) {
            return;
        }
        exiting = true;
        stage.hide();
        window.close();
        session.closeAsync().orTimeout(90, TimeUnit.SECONDS).whenComplete((v, e) -> exit.accept(code));
    }
}
