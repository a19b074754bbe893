package io.alexandria.ui;

import io.alexandria.app.AppSession;
import io.alexandria.config.ApiKeyStore;
import io.alexandria.config.AppPaths;
import io.alexandria.config.Settings;
import io.alexandria.config.SettingsStore;
import io.alexandria.testserver.QdrantTestServer;
import io.alexandria.testsupport.Corpus;
import io.alexandria.ui.prefs.UiPrefsModel;
import io.alexandria.ui.shell.DesktopShell;
import io.alexandria.ui.theme.Appearance;
import io.alexandria.ui.theme.ThemeMode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import javafx.stage.FileChooser;
import javafx.stage.Stage;
import javafx.stage.Window;

/**
 * The real app on a small copy of the corpus vault: a Qdrant test server, a data directory with
 * saved settings (and the API key in its owner-only file), an {@link AppSession} with the real
 * engine and model, and the {@link MainWindow} on its own stage (light theme). Links the window
 * opens, files it shows in their folder and file dialogs it asks for are recorded / answered here;
 * whether Obsidian is installed is a switch ({@link #obsidian}, on by default).
 */
final class UiHarness implements AutoCloseable {
    static final String HOST = "ui-test-host";
    static final String VAULT_NAME = "Tasks Vault";
    /** Small notes of the corpus vault (a few KB each). */
    static final List<String> NOTES = List.of("Introduction.md", "Editing/Quick Search.md", "Advanced/Urgency.md",
            "Getting Started/Statuses/Core Statuses.md", "Scripting/JavaScript in Tasks Queries.md",
            "Editing/Toggling and Editing Statuses.md");

    final Path root;
    final Path vault;
    final AppPaths paths;
    final QdrantTestServer server;
    final AppSession session;
    final List<String> opened = new CopyOnWriteArrayList<>();
    final List<Path> revealed = new CopyOnWriteArrayList<>();
    final AtomicBoolean obsidian = new AtomicBoolean(true);
    final Deque<Path> saveAnswers = new ArrayDeque<>();
    final Deque<Path> folderAnswers = new ArrayDeque<>();
    final Deque<List<Path>> openAnswers = new ArrayDeque<>();
    final List<FileChooser.ExtensionFilter> openFilters = new CopyOnWriteArrayList<>();
    /** Every state the window showed, from before the session started (JavaFX thread). */
    final List<io.alexandria.ui.status.AppStatus> statesShown = new CopyOnWriteArrayList<>();
    /** Every engine state pushed to the session, from before it started. */
    final List<io.alexandria.sync.EngineProgress> enginePushed = new CopyOnWriteArrayList<>();
    /** Whether the Ingest pane's red line of failing stages was ever shown. */
    final AtomicBoolean stageErrorsShown = new AtomicBoolean();
    Stage stage;
    MainWindow window;

    private UiHarness(Path root, List<String> notes, String apiKey, boolean watch) throws IOException {
        this.root = root;
        this.vault = notes == null ? null : copyNotes(root.resolve(VAULT_NAME), notes);
        this.server = QdrantTestServer.start(0, apiKey);
        this.paths = new AppPaths(root.resolve("data"));
        Settings s = Settings.defaults().withVaultPath(vault == null ? null : vault.toString())
                .withQdrantUrl(server.url());
        s = new Settings(s.vaultPath(), null, s.qdrantUrl(), s.model(), "cpu", s.chunkTokens(), s.chunkOverlap(),
                List.of(), watch, false, s.reconcileMinutes(), s.formatPreference(), s.massDeleteShare(), HOST);
        new SettingsStore(paths.settingsFile()).save(s);
        if (apiKey != null) {
            ApiKeyStore.forDataDir(paths).save(apiKey);
        }
        this.session = new AppSession(paths);
    }

    /** Copies {@code notes} of the corpus vault into {@code dir}. */
    static Path copyNotes(Path dir, List<String> notes) throws IOException {
        Path corpus = Corpus.root().resolve("obsidian-tasks-docs");
        for (String n : notes) {
            Path target = dir.resolve(n);
            Files.createDirectories(target.getParent());
            Files.copy(corpus.resolve(n), target);
        }
        return dir;
    }

    /**
     * A first run: no vault or library in the settings, and no Qdrant at the settings' URL (the
     * test server's port, closed); returns once the session is ready.
     */
    static UiHarness openNotSetUp(Path root) throws Exception {
        return open(root, null, null, true, true);
    }

    /** Starts the server, the session and the window; returns once the session is ready. */
    static UiHarness open(Path root, List<String> notes, String apiKey, boolean watch) throws Exception {
        return open(root, notes, apiKey, watch, false);
    }

    /**
     * Starts the server (stopped again at once with {@code qdrantDown}), the session and the
     * window; returns once the session is ready.
     *
     * @param notes the vault's notes, or null for no vault
     */
    static UiHarness open(Path root, List<String> notes, String apiKey, boolean watch, boolean qdrantDown)
            throws Exception {
        UiHarness h = new UiHarness(root, notes, apiKey, watch);
        if (qdrantDown) {
            h.server.stop();
        }
        FileDialogs dialogs = new FileDialogs() {
            @Override
            public Optional<Path> saveFile(Window owner, String title, String initialName,
                                           List<FileChooser.ExtensionFilter> filters) {
                return Optional.ofNullable(h.saveAnswers.poll());
            }

            @Override
            public Optional<Path> chooseFolder(Window owner, String title, Path initial) {
                return Optional.ofNullable(h.folderAnswers.poll());
            }

            @Override
            public List<Path> openFiles(Window owner, String title, List<FileChooser.ExtensionFilter> filters) {
                h.openFilters.addAll(filters);
                List<Path> answer = h.openAnswers.poll();
                return answer == null ? List.of() : answer;
            }
        };
        DesktopShell shell = new DesktopShell() {
            @Override
            public void open(String uri) {
                h.opened.add(uri);
            }

            @Override
            public void reveal(Path file) {
                h.revealed.add(file);
            }

            @Override
            public boolean obsidianInstalled() {
                return h.obsidian.get();
            }
        };
        FxTestKit.runFx(() -> {
            h.stage = new Stage();
            h.window = MainWindow.open(h.stage, h.session, new MainWindow.Options(shell, dialogs,
                    UiPrefsModel.inMemory(),
                    new Appearance(ThemeMode.LIGHT,
                            Optional.of(false))));
            h.window.context().model().appStatusProperty().addListener((o, a, b) -> h.statesShown.add(b));
            h.stage.getScene().lookup("#stageErrors").visibleProperty().addListener((o, a, b) -> {
                if (b) {
                    h.stageErrorsShown.set(true);
                }
            });
        });
        h.session.addListener(new io.alexandria.app.SessionListener() {
            @Override
            public void engineStateChanged(io.alexandria.sync.EngineProgress snapshot) {
                h.enginePushed.add(snapshot);
            }
        });
        h.session.start().get(2, TimeUnit.MINUTES);
        FxTestKit.awaitFx(Duration.ofSeconds(30), "the window sees the session ready",
                () -> h.window.context().model().statusProperty().get().ready());
        return h;
    }

    UiContext ctx() {
        return window.context();
    }

    SessionModel model() {
        return window.context().model();
    }

    @Override
    public void close() {
        if (window != null) {
            FxTestKit.runFx(() -> {
                window.close();
                stage.close();
            });
        }
        session.close();
        server.stop();
    }
}
