package io.alexandria.ui;

import static io.alexandria.ui.FxTestKit.awaitFx;
import static io.alexandria.ui.FxTestKit.onFx;
import static io.alexandria.ui.FxTestKit.runFx;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.alexandria.app.AppSession;
import io.alexandria.config.AppPaths;
import io.alexandria.config.Settings;
import io.alexandria.config.SettingsStore;
import io.alexandria.events.EventRecord;
import io.alexandria.events.EventTypes;
import io.alexandria.testserver.QdrantTestServer;
import io.alexandria.testsupport.Corpus;
import io.alexandria.ui.theme.ThemeMode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import javafx.scene.control.ListView;
import javafx.scene.control.TableView;
import javafx.stage.FileChooser;
import javafx.stage.Stage;
import javafx.stage.Window;
import org.controlsfx.control.CheckComboBox;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.testfx.api.FxRobot;

/**
 * Screenshots for the README on the real corpus (not a test of behaviour; tagged slow, run with
 * {@code mvn test -Pslow -Dtest=ScreenshotTourTest}): the whole corpus vault synced from the
 * window on host {@code study-pc}, the corpus Calibre library synced by a second, headless
 * session on host {@code nas} into the same Qdrant, a few books dropped onto the window (one of
 * them damaged). Each pane goes to {@code target/screenshots/tour/}, in the light theme
 * ({@code NAME.png}) and the dark one ({@code NAME-dark.png}); copy them to
 * {@code docs/screenshots/} for the README.
 */
@Tag("slow")
class ScreenshotTourTest {
    private final FxRobot robot = new FxRobot();

    private static Settings settings(String vault, String calibre, String url, boolean watch, String host) {
        Settings d = Settings.defaults();
        return new Settings(vault, calibre, url, d.model(), "cpu", d.chunkTokens(), d.chunkOverlap(), List.of(), watch,
                false, 10, d.formatPreference(), d.massDeleteShare(), host);
    }

    /** The pane in the light theme as {@code name.png} and in the dark theme as {@code name-dark.png}. */
    private static void shot(MainWindow w, String tab, String name) {
        runFx(() -> w.select(tab));
        org.testfx.util.WaitForAsyncUtils.waitForFxEvents();
        FxTestKit.screenshot(w.stage().getScene(), "tour/" + name);
        runFx(() -> w.context().prefs().themeProperty().set(ThemeMode.DARK));
        org.testfx.util.WaitForAsyncUtils.waitForFxEvents();
        FxTestKit.screenshot(w.stage().getScene(), "tour/" + name + "-dark");
        runFx(() -> w.context().prefs().themeProperty().set(ThemeMode.LIGHT));
        org.testfx.util.WaitForAsyncUtils.waitForFxEvents();
    }

    /** A fresh install's first screen: nothing chosen yet, no Qdrant at its address. */
    private static void firstRun(Path tmp, FileDialogs dialogs) throws Exception {
        QdrantTestServer gone = QdrantTestServer.start();
        gone.stop();
        AppPaths freshPaths = new AppPaths(tmp.resolve("fresh-data"));
        new SettingsStore(freshPaths.settingsFile()).save(settings(null, null, gone.url(), true, "new-pc"));
        try (AppSession fresh = new AppSession(freshPaths)) {
            MainWindow f = onFx(() -> MainWindow.open(new Stage(), fresh, uri -> { }, dialogs));
            fresh.start().get(2, TimeUnit.MINUTES);
            awaitFx(Duration.ofSeconds(60), "not set up", () -> f.context().model().healthProperty().get() != null
                    && f.context().model().appStatusProperty().get().kind()
                    == io.alexandria.ui.status.AppStatus.Kind.NOT_SET_UP);
            shot(f, "ingestTab", "first-run");
            runFx(() -> {
                f.close();
                f.stage().close();
            });
        }
    }

    @Test
    void tour() throws Exception {
        FxTestKit.startToolkit();
        // a fixed, readable place (the paths show in the screenshots), emptied first
        Path tmp = Path.of(System.getProperty("java.io.tmpdir"), "alexandria-tour");
        if (Files.exists(tmp)) {
            try (var walk = Files.walk(tmp)) {
                walk.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
        tmp = Files.createDirectories(tmp.resolve("ann"));
        Path vault = Corpus.copyVault(tmp.resolve("Documents/Obsidian Tasks"));
        Path library = Corpus.copyCalibreLibrary(tmp.resolve("Calibre Library"));
        QdrantTestServer server = QdrantTestServer.start();
        AppPaths nasPaths = new AppPaths(tmp.resolve("nas-data"));
        new SettingsStore(nasPaths.settingsFile()).save(settings(null, library.toString(), server.url(), false, "nas"));
        AppPaths paths = new AppPaths(tmp.resolve("data"));
        new SettingsStore(paths.settingsFile()).save(settings(vault.toString(), null, server.url(), true, "study-pc"));
        try (AppSession nas = new AppSession(nasPaths); AppSession session = new AppSession(paths)) {
            FileDialogs dialogs = new FileDialogs() {
                @Override
                public Optional<Path> saveFile(Window o, String t, String n, List<FileChooser.ExtensionFilter> f) {
                    return Optional.empty();
                }

                @Override
                public Optional<Path> chooseFolder(Window o, String t, Path i) {
                    return Optional.empty();
                }

                @Override
                public List<Path> openFiles(Window o, String t, List<FileChooser.ExtensionFilter> f) {
                    return List.of();
                }
            };
            firstRun(tmp, dialogs);
            // the window first: building it is FX work that the second host's embedding would starve
            MainWindow w = onFx(() -> MainWindow.open(new Stage(), session, uri -> { }, dialogs));
            nas.start().get(2, TimeUnit.MINUTES);
            var nasSync = nas.call(s -> s.engine().syncNow(false, Duration.ofMinutes(20)));
            session.start().get(2, TimeUnit.MINUTES);
            awaitFx(Duration.ofSeconds(30), "ready", () -> w.context().model().statusProperty().get().ready());
            // watching is on: the app indexes what changed while it was closed (here: everything) by itself
            awaitFx(Duration.ofMinutes(10), "half-way", () -> {
                var p = w.context().model().progressProperty().get();
                return p != null && p.run().indexed() > 40 && p.documentsWaiting() > 10;
            });
            shot(w, "ingestTab", "ingest-syncing");
            awaitFx(Duration.ofMinutes(20), "vault synced", () -> {
                var p = w.context().model().progressProperty().get();
                return p != null && p.state() == io.alexandria.sync.EngineProgress.State.IDLE && p.run().indexed() > 100;
            });

            Path drops = Files.createDirectories(tmp.resolve("Downloads"));
            Path pdf = Corpus.copyBook("robert-louis-stevenson_the-strange-case-of-dr-jekyll-and-mr-hyde.pdf", drops);
            Path txt = Corpus.copyBook("f-scott-fitzgerald_the-great-gatsby.txt", drops);
            Path broken = Files.write(drops.resolve("damaged-download.epub"), "truncated".getBytes());
            Path exe = Files.writeString(drops.resolve("installer.exe"), "MZ");
            w.drops().drop(List.of(pdf, txt, broken, exe)).get(2, TimeUnit.MINUTES);
            assertTrue(nasSync.get(20, TimeUnit.MINUTES).complete());
            awaitFx(Duration.ofMinutes(10), "drops indexed", () -> w.context().model().outcomes().stream()
                    .filter(o -> "file".equals(o.source())).count() == 3
                    && w.context().model().progressProperty().get().documentsWaiting() == 0);
            shot(w, "ingestTab", "ingest");

            runFx(() -> w.select("searchTab"));
            onFx(() -> w.search().search("How is the urgency of a task calculated?")).get(1, TimeUnit.MINUTES);
            shot(w, "searchTab", "search-notes");
            onFx(() -> w.search().search("append the due date signifier to the end of the task")).get(1, TimeUnit.MINUTES);
            shot(w, "searchTab", "search-emoji");
            onFx(() -> w.search().search("the doctor's potion that turns him into another man")).get(1, TimeUnit.MINUTES);
            ListView<?> results = robot.lookup("#searchResults").query();
            assertTrue(onFx(() -> !results.getItems().isEmpty()));
            shot(w, "searchTab", "search-books");

            runFx(() -> w.select("healthTab"));
            onFx(() -> w.context().actions().verifyAndRepair()).get(2, TimeUnit.MINUTES);
            w.context().model().pollHealthSoon();
            awaitFx(Duration.ofSeconds(20), "health", () -> w.context().model().healthProperty().get() != null
                    && w.context().model().healthProperty().get().pending() == 0
                    && w.context().model().healthProperty().get().lastVerify() != null);
            shot(w, "healthTab", "health");

            runFx(() -> w.select("eventsTab"));
            TableView<EventRecord> events = robot.lookup("#eventTable").query();
            awaitFx(Duration.ofSeconds(30), "events", () -> events.getItems().size() >= 50);
            runFx(() -> events.getSelectionModel().select(3));
            shot(w, "eventsTab", "events");
            CheckComboBox<String> types = robot.lookup("#typeFilter").query();
            runFx(() -> types.getCheckModel().check(EventTypes.INGEST_ERROR));
            awaitFx(Duration.ofSeconds(30), "errors", () -> !events.getItems().isEmpty()
                    && events.getItems().stream().allMatch(e -> EventTypes.INGEST_ERROR.equals(e.eventType())));
            runFx(() -> events.getSelectionModel().select(events.getItems().stream()
                    .filter(e -> "damaged-download".equals(e.title())).findFirst().orElse(events.getItems().getFirst())));
            shot(w, "eventsTab", "events-error");
            runFx(() -> types.getCheckModel().clearChecks());

            runFx(() -> w.select("hostsTab"));
            TableView<?> hosts = robot.lookup("#hostTable").query();
            awaitFx(Duration.ofSeconds(30), "two hosts", () -> hosts.getItems().size() == 2);
            shot(w, "hostsTab", "hosts");

            runFx(() -> w.select("settingsTab"));
            onFx(() -> w.settings().check()).get(1, TimeUnit.MINUTES);
            awaitFx(Duration.ofSeconds(30), "devices listed", () -> w.settings().devicesText().startsWith("Devices here"));
            shot(w, "settingsTab", "settings");

            var about = onFx(w::about).get(1, TimeUnit.MINUTES);
            org.testfx.util.WaitForAsyncUtils.waitForFxEvents();
            FxTestKit.screenshot(about.getDialogPane().getScene(), "tour/about");
            runFx(() -> w.context().prefs().themeProperty().set(ThemeMode.DARK));
            org.testfx.util.WaitForAsyncUtils.waitForFxEvents();
            FxTestKit.screenshot(about.getDialogPane().getScene(), "tour/about-dark");
            runFx(() -> {
                w.context().prefs().themeProperty().set(ThemeMode.LIGHT);
                about.close();
            });

            // a quarter of the vault vanishes at once (an unmounted share, a bad sync): deletions are held
            List<Path> notes;
            try (var walk = Files.walk(vault)) {
                notes = walk.filter(p -> p.toString().endsWith(".md")).sorted().limit(40).toList();
            }
            for (Path n : notes) {
                Files.delete(n);
            }
            runFx(() -> w.select("healthTab"));
            awaitFx(Duration.ofMinutes(2), "the alarm", () -> {
                var h = w.context().model().healthProperty().get();
                return h != null && !h.alarms().isEmpty();
            });
            shot(w, "healthTab", "health-alarm");

            server.stop();
            runFx(() -> w.select("healthTab"));
            awaitFx(Duration.ofSeconds(40), "degraded", () -> !w.context().model().healthProperty().get()
                    .qdrantReachable());
            shot(w, "healthTab", "health-degraded");
            runFx(w::close);
        } finally {
            server.stop();
        }
    }
}
