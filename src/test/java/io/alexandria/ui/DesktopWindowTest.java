package io.alexandria.ui;

import static io.alexandria.ui.FxTestKit.awaitFx;
import static io.alexandria.ui.FxTestKit.onFx;
import static io.alexandria.ui.FxTestKit.runFx;
import static io.alexandria.ui.FxTestKit.screenshot;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.alexandria.app.ThreadGuard;
import io.alexandria.events.EventRecord;
import io.alexandria.events.EventTypes;
import io.alexandria.search.SearchHit;
import io.alexandria.pipeline.DocumentOutcome;
import io.alexandria.sync.EngineProgress;
import io.alexandria.sync.SyncEngine;
import io.alexandria.ui.about.Libraries;
import io.alexandria.ui.theme.ThemeMode;
import io.alexandria.ui.tray.TrayAction;
import io.alexandria.ui.tray.TrayController;
import io.alexandria.ui.tray.TrayMenu;
import io.alexandria.ui.tray.TrayState;
import io.alexandria.ui.tray.TrayView;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Collectors;
import javafx.application.Application;
import javafx.scene.Node;
import javafx.scene.control.ButtonType;
import javafx.scene.control.ContextMenu;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.Menu;
import javafx.scene.control.MenuItem;
import javafx.scene.control.Tab;
import javafx.scene.control.TableRow;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.input.Clipboard;
import javafx.scene.input.KeyCode;
import javafx.scene.text.Text;
import org.controlsfx.control.CheckComboBox;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import org.kordamp.ikonli.javafx.FontIcon;
import org.testfx.api.FxRobot;

/**
 * The window's desktop side over the real core (engine, model, ledger, Qdrant test server) on two
 * notes of the corpus vault, one of them full of Obsidian Tasks emoji: the model and device in the
 * status bar, tab icons and the menu, the tray's menu driving the real engine (pause, resume,
 * sync, open, quit), Add books… with real paths in the Ingest list and its row menu (copy, open,
 * show in folder), readable event types, search hits with emoji runs and "Show in folder" where
 * Obsidian is missing, About with the licences, the light and dark themes, and a failed search
 * shown as an error, and no CSS warning in either theme (ControlsFX's pop-ups included).
 * Throughout, the JavaFX thread never reaches the blocking core.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class DesktopWindowTest {
    private static final Duration SYNC_WAIT = Duration.ofMinutes(3);
    @TempDir
    static Path tmp;
    private UiHarness app;
    private final FxRobot robot = new FxRobot();
    private long violationsBefore;
    /** What JavaFX's CSS engine complains about (a colour the theme does not define, say). */
    private final List<String> cssWarnings = new CopyOnWriteArrayList<>();
    /** Held here: java.util.logging keeps loggers only weakly, and a new one would not have the handler. */
    private final java.util.logging.Logger cssLogger = java.util.logging.Logger.getLogger("javafx.css");
    private final java.util.logging.Handler cssLog = new java.util.logging.Handler() {
        @Override
        public void publish(java.util.logging.LogRecord r) {
            cssWarnings.add(r.getMessage());
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };

    @BeforeAll
    void openTheApp() throws Exception {
        cssLogger.addHandler(cssLog);
        FxTestKit.startToolkit();
        EmojiText.preload();
        violationsBefore = ThreadGuard.violations();
        app = UiHarness.open(tmp, List.of("Introduction.md", "Getting Started/Priority.md"), null, false);
    }

    @AfterAll
    void closeTheApp() {
        cssLogger.removeHandler(cssLog);
        if (app != null) {
            app.close();
        }
    }

    private <T extends Node> T node(String query) {
        return robot.lookup(query).query();
    }

    private static MenuItem item(List<MenuItem> items, String text) {
        for (MenuItem i : items) {
            if (text.equals(i.getText())) {
                return i;
            }
            if (i instanceof Menu m) {
                for (MenuItem sub : m.getItems()) {
                    if (text.equals(sub.getText())) {
                        return sub;
                    }
                }
            }
        }
        throw new AssertionError("no menu item " + text + " in " + items.stream().map(MenuItem::getText).toList());
    }

    private MenuItem menuItem(String menu, String text) {
        return onFx(() -> item(app.window.menuBar().getMenus().stream().filter(m -> menu.equals(m.getText()))
                .findFirst().orElseThrow().getItems(), text));
    }

    @Test
    @Order(1)
    void theStatusBarShowsTheModelAndTheDevice() {
        awaitFx(Duration.ofSeconds(30), "the device item", () -> app.window.deviceText().contains("·"));
        assertEquals("bge-small · CPU", onFx(() -> app.window.deviceText()));
        String tip = onFx(() -> app.window.deviceTooltip());
        assertTrue(tip.contains("Model: bge-small-en-v1.5-q (384 dimensions)"), tip);
        assertTrue(tip.contains("Device setting: cpu"), tip);
        assertFalse(tip.contains("because"), "no fallback: " + tip);
        String devices = onFx(() -> app.window.settings().devicesText());
        awaitFx(Duration.ofSeconds(30), "devices listed", () -> app.window.settings().devicesText()
                .startsWith("Devices here: CPU ("));
    }

    @Test
    @Order(2)
    void everyTabHasAnIconAndTheMenuOffersTheDesktopCommands() {
        List<Tab> tabs = onFx(() -> List.copyOf(app.window.tabs().getTabs()));
        assertEquals(List.of("Ingest", "Search", "Sync health", "Events", "Hosts", "Settings"),
                tabs.stream().map(Tab::getText).toList());
        for (Tab t : tabs) {
            assertInstanceOf(FontIcon.class, t.getGraphic(), t.getText());
        }
        assertEquals(List.of("_File", "_Sync", "_View", "_Help"),
                onFx(() -> app.window.menuBar().getMenus().stream().map(Menu::getText).toList()));
        assertNotNull(menuItem("_File", "_Add books…").getAccelerator());
        assertNotNull(menuItem("_Sync", "_Sync now").getAccelerator());
        assertEquals("Shortcut+1", onFx(() -> menuItem("_View", "_Ingest").getAccelerator().getName()));
        runFx(() -> menuItem("_View", "Se_ttings").fire());
        assertEquals("Settings", onFx(() -> app.window.tabs().getSelectionModel().getSelectedItem().getText()));
        runFx(() -> menuItem("_File", "Open _data folder").fire());
        assertTrue(app.opened.contains(app.paths.dataDir().toUri().toString()), app.opened.toString());
    }

    /** A tray view that records what it is asked to show. */
    private static final class RecordingTray implements TrayView {
        final List<TrayMenu> shown = new CopyOnWriteArrayList<>();
        volatile boolean closed;

        @Override
        public void show(TrayMenu menu) {
            shown.add(menu);
        }

        @Override
        public void notify(Notifier.Level level, String title, String text) {
        }

        @Override
        public void close() {
            closed = true;
        }

        TrayMenu last() {
            return shown.getLast();
        }
    }

    @Test
    @Order(3)
    void theTrayMenuDrivesTheEngineAndFollowsItsState() {
        RecordingTray view = new RecordingTray();
        AtomicBoolean quit = new AtomicBoolean();
        TrayController tray = onFx(() -> new TrayController(app.model(), app.ctx().actions(), view,
                app.window::bringToFront, () -> quit.set(true)).start());
        awaitFx(Duration.ofSeconds(20), "idle", () -> view.last().state() == TrayState.IDLE
                && view.last().item(TrayAction.PAUSE).map(TrayMenu.Item::enabled).orElse(false));

        runFx(() -> tray.perform(TrayAction.PAUSE));
        awaitFx(Duration.ofSeconds(20), "paused", () -> view.last().state() == TrayState.PAUSED);
        assertTrue(view.last().item(TrayAction.RESUME).orElseThrow().enabled());
        assertEquals(EngineProgress.State.PAUSED, onFx(() -> app.model().progressProperty().get().state()));
        runFx(() -> tray.perform(TrayAction.PAUSE)); // not offered while paused: nothing happens
        runFx(() -> tray.perform(TrayAction.RESUME));
        awaitFx(Duration.ofSeconds(20), "resumed", () -> view.last().item(TrayAction.PAUSE).isPresent()
                && app.model().progressProperty().get().state() != EngineProgress.State.PAUSED);

        runFx(() -> tray.perform(TrayAction.SYNC_NOW));
        awaitFx(SYNC_WAIT, "the sync from the tray indexed both notes", () -> !app.model().syncRunningProperty().get()
                && app.model().lastSyncProperty().get() != null && app.model().lastSyncProperty().get().indexed() == 2);
        assertTrue(view.shown.stream().anyMatch(m -> m.state() == TrayState.SYNCING), "the icon showed the sync");
        awaitFx(Duration.ofSeconds(20), "idle again", () -> view.last().state() == TrayState.IDLE);

        runFx(() -> app.stage.hide());
        runFx(() -> tray.perform(TrayAction.OPEN));
        assertTrue(onFx(() -> app.stage.isShowing()), "Open shows the window again");
        runFx(() -> tray.perform(TrayAction.QUIT));
        assertTrue(quit.get());
        runFx(tray::close);
        assertTrue(view.closed);
    }

    @Test
    @Order(4)
    void addBooksIndexesTheChosenFilesAndTheListShowsTheirPaths() throws Exception {
        Path downloads = Files.createDirectories(tmp.resolve("Downloads"));
        Path log = Files.writeString(downloads.resolve("ship's log.txt"), "The schooner left the harbour at dawn.\n");
        Path gulls = Files.writeString(downloads.resolve("gulls.md"), "# Gulls\n\nGulls nest on the north cliff.\n");
        app.openAnswers.add(List.of(log, gulls));
        SyncEngine.DropResult r = onFx(() -> app.window.addBooks()).get(2, TimeUnit.MINUTES);
        assertEquals(Set.of(log, gulls), Set.copyOf(r.accepted()));
        Set<String> patterns = app.openFilters.stream().flatMap(f -> f.getExtensions().stream())
                .collect(Collectors.toSet());
        assertTrue(patterns.containsAll(Set.of("*.epub", "*.pdf", "*.txt", "*.md")), patterns.toString());
        assertEquals("Ingest", onFx(() -> app.window.tabs().getSelectionModel().getSelectedItem().getText()));

        TableView<OutcomeRow> table = node("#outcomeTable");
        awaitFx(SYNC_WAIT, "both files indexed", () -> table.getItems().stream().filter(o -> "file".equals(o.source())
                && o.kind() == DocumentOutcome.Kind.INDEXED).count() == 2);
        OutcomeRow row = onFx(() -> table.getItems().stream().filter(o -> "ship's log".equals(o.title()))
                .findFirst().orElseThrow());
        assertTrue(row.sourceId().matches("[0-9a-f]{16,}"), "the key is the content hash: " + row.sourceId());
        awaitFx(Duration.ofSeconds(20), "the path, not the hash", () -> app.window.ingest().pathShown(row)
                .equals(log.toString()));
        OutcomeRow note = onFx(() -> table.getItems().stream().filter(o -> "obsidian".equals(o.source()))
                .findFirst().orElseThrow());
        assertTrue(onFx(() -> app.window.ingest().pathShown(note)).endsWith(".md"));
        assertEquals("Indexed", OutcomeRow.kindName(row.kind()));
        screenshot(app.stage.getScene(), "desktop-ingest");

        // the row's context menu: copy the path, show the file in its folder, open it
        TableRow<OutcomeRow> tableRow = onFx(() -> robot.lookup(".table-row-cell").queryAllAs(TableRow.class).stream()
                .map(x -> (TableRow<OutcomeRow>) x).filter(x -> row.equals(x.getItem())).findFirst().orElseThrow());
        ContextMenu menu = onFx(tableRow::getContextMenu);
        assertEquals(List.of("Open", "Show in folder", "", "Copy title", "Copy path"),
                onFx(() -> menu.getItems().stream().map(i -> i.getText() == null ? "" : i.getText()).toList()));
        runFx(() -> item(menu.getItems(), "Copy path").fire());
        assertEquals(log.toString(), onFx(() -> Clipboard.getSystemClipboard().getString()));
        runFx(() -> item(menu.getItems(), "Show in folder").fire());
        assertEquals(List.of(log), app.revealed);
        runFx(() -> item(menu.getItems(), "Open").fire());
        assertEquals(log.toUri().toString(), app.opened.getLast());
    }

    @Test
    @Order(5)
    void eventTypesReadAsWords() {
        runFx(() -> app.window.select("eventsTab"));
        TableView<EventRecord> table = node("#eventTable");
        awaitFx(Duration.ofSeconds(30), "events", () -> table.getItems().size() >= 8);
        Set<String> shown = onFx(() -> table.getItems().stream()
                .map(e -> (String) ((javafx.scene.control.TableColumn<EventRecord, ?>) table.getColumns().get(1))
                        .getCellObservableValue(e).getValue())
                .collect(Collectors.toSet()));
        assertEquals(Set.of("Ingest started", "Ingested"), shown);
        CheckComboBox<String> types = node("#typeFilter");
        assertEquals("Ingest failed", onFx(() -> types.getConverter().toString(EventTypes.INGEST_ERROR)));
        runFx(() -> types.getCheckModel().check(EventTypes.INGEST_COMPLETE));
        awaitFx(Duration.ofSeconds(20), "filtered", () -> table.getItems().stream()
                .allMatch(e -> EventTypes.INGEST_COMPLETE.equals(e.eventType()))
                && ((Label) node("#eventsStatus")).getText().contains("Ingested"));
        runFx(() -> table.getSelectionModel().select(0));
        assertTrue(onFx(() -> ((Label) node("#detailTitle")).getText()).startsWith("Ingested — "));
        runFx(() -> types.getCheckModel().clearChecks());
    }

    @Test
    @Order(6)
    void searchHitsDrawEmojiWithTheEmojiFontAndShowNotesInTheirFolderWithoutObsidian() {
        runFx(() -> app.window.select("searchTab"));
        app.obsidian.set(false);
        robot.clickOn("#question").write("how do I give a task a high priority").type(KeyCode.ENTER);
        ListView<SearchHit> results = node("#searchResults");
        awaitFx(Duration.ofSeconds(60), "results", () -> !results.getItems().isEmpty());
        awaitFx(Duration.ofSeconds(10), "cells", () -> !robot.lookup(".hit-passage").queryAll().isEmpty());
        List<Text> emoji = onFx(() -> robot.lookup(".hit-passage").queryAll().stream()
                .flatMap(n -> ((javafx.scene.text.TextFlow) n).getChildren().stream()).map(Text.class::cast)
                .filter(t -> t.getStyleClass().contains(EmojiText.EMOJI_CLASS)).toList());
        assertFalse(emoji.isEmpty(), "the priority note's emoji are emoji runs");
        assertEquals("Noto Emoji", onFx(() -> emoji.getFirst().getFont().getFamily()));
        assertFalse(onFx(() -> ((Label) node("#searchStatus")).getStyleClass().contains("error-box")));
        screenshot(app.stage.getScene(), "desktop-search");

        javafx.scene.control.Button open = robot.lookup(".open-button").queryButton();
        assertEquals("Show in folder", onFx(open::getText));
        int before = app.revealed.size();
        robot.clickOn(open);
        awaitFx(Duration.ofSeconds(5), "revealed", () -> app.revealed.size() == before + 1);
        assertTrue(app.revealed.getLast().startsWith(app.vault), app.revealed.toString());
        assertTrue(Files.isRegularFile(app.revealed.getLast()), "a real note: " + app.revealed.getLast());
        app.obsidian.set(true);
    }

    @Test
    @Order(7)
    void aboutShowsTheVersionAndTheLicencesOfTheBundledLibraries() throws Exception {
        Dialog<ButtonType> about = onFx(() -> app.window.about()).get(30, TimeUnit.SECONDS);
        try {
            assertEquals("Version " + Libraries.version(), onFx(() -> ((Label) about.getDialogPane()
                    .lookup("#aboutVersion")).getText()));
            TableView<Libraries.Library> libs = onFx(() -> (TableView<Libraries.Library>) about.getDialogPane()
                    .lookup("#aboutLibraries"));
            List<String> lines = onFx(() -> libs.getItems().stream().map(l -> l.name() + ": " + l.licence()).toList());
            assertTrue(lines.contains("AtlantaFX: MIT"), lines.toString());
            assertTrue(lines.contains("Ikonli: Apache 2.0"), lines.toString());
            assertTrue(lines.stream().anyMatch(l -> l.startsWith("Noto Emoji font: SIL Open Font License")));
            screenshot(about.getDialogPane().getScene(), "desktop-about");
        } finally {
            runFx(about::close);
        }
    }

    @Test
    @Order(8)
    void lightAndDarkThemes() {
        runFx(() -> app.window.select("ingestTab"));
        assertTrue(Application.getUserAgentStylesheet().contains("primer-light"), Application.getUserAgentStylesheet());
        MenuItem dark = menuItem("_View", "_Dark");
        runFx(dark::fire);
        assertEquals(ThemeMode.DARK, onFx(() -> app.ctx().prefs().themeProperty().get()));
        assertTrue(Application.getUserAgentStylesheet().contains("primer-dark"), Application.getUserAgentStylesheet());
        assertTrue(onFx(() -> app.stage.getScene().getRoot().getStyleClass().contains("dark")));
        screenshot(app.stage.getScene(), "desktop-ingest-dark");
        runFx(() -> app.window.select("settingsTab"));
        assertEquals(ThemeMode.DARK, onFx(() -> ((javafx.scene.control.ComboBox<?>) node("#themeChoice")).getValue()),
                "Settings shows the same choice");
        runFx(() -> app.ctx().prefs().themeProperty().set(ThemeMode.LIGHT));
        assertFalse(onFx(() -> app.stage.getScene().getRoot().getStyleClass().contains("dark")));
        assertTrue(Application.getUserAgentStylesheet().contains("primer-light"));
    }

    @Test
    @Order(9)
    void aFailedSearchIsShownAsAnError() {
        runFx(() -> app.window.select("searchTab"));
        app.server.stop();
        runFx(() -> ((TextField) node("#question")).clear());
        robot.clickOn("#question").write("lighthouse").type(KeyCode.ENTER);
        awaitFx(Duration.ofSeconds(60), "the error", () -> app.window.search().statusIsError());
        String text = onFx(() -> ((Label) node("#searchStatus")).getText());
        assertTrue(text.startsWith("Search failed: "), text);
        assertInstanceOf(FontIcon.class, onFx(() -> ((Label) node("#searchStatus")).getGraphic()));
        screenshot(app.stage.getScene(), "desktop-search-error");
        app.server.restart();
    }

    @Test
    @Order(10)
    void theThemesCoverEveryControlIncludingNotificationPopUps() {
        for (ThemeMode mode : List.of(ThemeMode.LIGHT, ThemeMode.DARK, ThemeMode.LIGHT)) {
            runFx(() -> {
                app.ctx().prefs().themeProperty().set(mode);
                app.ctx().notifier().info("Theme", "A pop-up in the " + mode + " theme's colours.");
            });
            org.testfx.util.WaitForAsyncUtils.waitForFxEvents();
        }
        runFx(() -> app.window.select("eventsTab"));
        org.testfx.util.WaitForAsyncUtils.waitForFxEvents();
        assertEquals(List.of(), cssWarnings.stream().filter(w -> w != null && (w.contains("Caught")
                || w.contains("Could not resolve"))).toList());
    }

    @Test
    @Order(11)
    void theJavaFxThreadNeverReachedTheBlockingCore() {
        assertEquals(violationsBefore, ThreadGuard.violations(), "blocking core calls on the FX thread");
    }
}
