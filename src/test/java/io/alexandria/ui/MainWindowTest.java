package io.alexandria.ui;

import static io.alexandria.ui.FxTestKit.awaitFx;
import static io.alexandria.ui.FxTestKit.onFx;
import static io.alexandria.ui.FxTestKit.runFx;
import static io.alexandria.ui.FxTestKit.screenshot;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.alexandria.app.ThreadGuard;
import io.alexandria.events.EventRecord;
import io.alexandria.events.EventTypes;
import io.alexandria.events.HostStats;
import io.alexandria.search.SearchHit;
import io.alexandria.pipeline.DocumentOutcome;
import io.alexandria.sync.SyncSummary;
import io.alexandria.ui.health.HealthController;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import javafx.scene.Node;
import javafx.scene.chart.BarChart;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.Labeled;
import javafx.scene.control.ListView;
import javafx.scene.control.TableView;
import javafx.scene.control.TextArea;
import javafx.scene.control.TextField;
import javafx.scene.control.TitledPane;
import javafx.scene.input.DragEvent;
import javafx.scene.input.Dragboard;
import javafx.scene.input.KeyCode;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;
import org.controlsfx.control.CheckComboBox;
import org.controlsfx.control.StatusBar;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;

/**
 * The desktop window over the real core (engine, model, H2 ledger, events service) and the Qdrant
 * test server, on six notes of the corpus vault, driven like a user: Sync now (paused, then
 * resumed, so the live progress is seen), the document list and its filters, the Events pane with
 * filters, details, a document's history and export, the Hosts pane, Sync health at 100 %, Search
 * and opening a note in Obsidian, a rejected settings folder, files dropped onto the window with
 * real drag events, the mass-deletion alarm and its confirmation, and degraded health when Qdrant
 * stops. Each pane is captured to {@code target/screenshots/}. Throughout, the JavaFX thread never
 * reaches the blocking core ({@link ThreadGuard}) and never stalls for long.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class MainWindowTest {
    private static final Duration SYNC_WAIT = Duration.ofMinutes(3);
    @TempDir
    static Path tmp;
    private UiHarness app;
    private final FxRobot robot = new FxRobot();
    private FxTestKit.Watchdog watchdog;
    private long violationsBefore;

    @BeforeAll
    void openTheApp() throws Exception {
        FxTestKit.startToolkit();
        violationsBefore = ThreadGuard.violations();
        app = UiHarness.open(tmp, UiHarness.NOTES, "ui-secret-key", false);
        watchdog = new FxTestKit.Watchdog(); // from the open window on: building it is legitimately FX work
    }

    @AfterAll
    void closeTheApp() {
        if (watchdog != null) {
            watchdog.close();
        }
        if (app != null) {
            app.close();
        }
    }

    private <T extends Node> T node(String query) {
        return robot.lookup(query).query();
    }

    private String text(String query) {
        return onFx(() -> ((Labeled) node(query)).getText());
    }

    private void selectTab(String title) {
        Node header = robot.lookup(n -> n.getStyleClass().contains("tab-label") && n instanceof Labeled l
                && title.equals(l.getText())).query();
        robot.clickOn(header);
        awaitFx(Duration.ofSeconds(5), "tab " + title + " selected",
                () -> title.equals(app.window.tabs().getSelectionModel().getSelectedItem().getText()));
    }

    private SyncSummary awaitSync() {
        awaitFx(SYNC_WAIT, "the sync finishes", () -> !app.model().syncRunningProperty().get()
                && app.model().lastSyncProperty().get() != null);
        return onFx(() -> app.model().lastSyncProperty().get());
    }

    @Test
    @Order(1)
    void opensConnectedWithTheStatusBarTellingWhatIsHappening() {
        awaitFx(Duration.ofSeconds(20), "first health report and progress", () -> app.model().healthProperty().get()
                != null && app.model().progressProperty().get() != null);
        StatusBar bar = node(".status-bar");
        List<String> right = onFx(() -> bar.getRightItems().stream().map(n -> ((Labeled) n).getText()).toList());
        assertTrue(right.getFirst().startsWith("Qdrant: connected"), right.toString());
        assertEquals("Not watching", right.get(1));
        assertFalse(onFx(() -> node("#banner").isVisible()), "no banner while all is well");
        assertTrue(onFx(() -> bar.getText()).startsWith("Idle"), onFx(bar::getText));
    }

    @Test
    @Order(2)
    void syncNowIndexesTheVaultWhileTheIngestPaneShowsLiveProgress() {
        selectTab("Ingest");
        awaitFx(Duration.ofSeconds(10), "pause enabled", () -> !node("#pauseButton").isDisabled());
        robot.clickOn("#pauseButton");
        awaitFx(Duration.ofSeconds(10), "paused", () -> "paused".equals(((Label) node("#stateBadge")).getText()));
        robot.clickOn("#ingestSyncButton");
        // while paused, the scan queues every note and the pane shows them waiting
        awaitFx(Duration.ofSeconds(30), "six notes waiting to be extracted",
                () -> "6".equals(((Label) node("#toExtract")).getText()));
        assertEquals("Syncing…", text("#ingestSyncButton"));
        assertTrue(onFx(() -> node("#ingestSyncButton").isDisabled()), "one sync at a time");
        assertTrue(text("#activity").startsWith("Paused: 6 documents waiting"), text("#activity"));
        screenshot(app.stage.getScene(), "ingest-paused");

        robot.clickOn("#pauseButton");
        SyncSummary s = awaitSync();
        assertTrue(s.complete(), String.valueOf(s.message()));
        assertEquals(6, s.documents());
        assertEquals(6, s.indexed());
        awaitFx(Duration.ofSeconds(10), "idle", () -> "idle".equals(((Label) node("#stateBadge")).getText()));
        assertTrue(text("#runLine").startsWith("6 documents: 6 indexed, 0 unchanged, 0 failed, 0 deleted"),
                text("#runLine"));
        assertEquals("0", text("#toExtract"));
        TableView<OutcomeRow> table = node("#outcomeTable");
        awaitFx(Duration.ofSeconds(5), "six rows", () -> table.getItems().size() == 6);
        assertTrue(onFx(() -> table.getItems().stream().allMatch(r -> r.kind() == DocumentOutcome.Kind.INDEXED
                && r.chunks() > 0 && "obsidian".equals(r.source()))));
        assertEquals("_Sync now", text("#ingestSyncButton"));
        screenshot(app.stage.getScene(), "ingest");
    }

    @Test
    @Order(3)
    void theDocumentListFiltersByTextAndOutcome() {
        selectTab("Ingest");
        TableView<OutcomeRow> table = node("#outcomeTable");
        robot.clickOn("#filterText").write("urgency");
        awaitFx(Duration.ofSeconds(5), "one row", () -> table.getItems().size() == 1);
        assertEquals("Advanced/Urgency.md", onFx(() -> table.getItems().getFirst().sourceId()));
        assertEquals("1 of 6 shown", text("#shownCount"));
        CheckComboBox<DocumentOutcome.Kind> kinds = node("#kindFilter");
        runFx(() -> kinds.getCheckModel().clearCheck(DocumentOutcome.Kind.INDEXED));
        awaitFx(Duration.ofSeconds(5), "no indexed rows", () -> table.getItems().isEmpty());
        runFx(() -> {
            kinds.getCheckModel().check(DocumentOutcome.Kind.INDEXED);
            ((TextField) node("#filterText")).clear();
        });
        awaitFx(Duration.ofSeconds(5), "all rows back", () -> table.getItems().size() == 6);
    }

    @Test
    @Order(4)
    void theEventsPaneListsFiltersDetailsHistoryAndExport() throws Exception {
        selectTab("Events");
        TableView<EventRecord> table = node("#eventTable");
        awaitFx(Duration.ofSeconds(20), "12 events (start and complete per note)", () -> table.getItems().size() == 12);
        List<EventRecord> events = onFx(() -> List.copyOf(table.getItems()));
        for (int i = 1; i < events.size(); i++) {
            assertFalse(events.get(i).instant().isAfter(events.get(i - 1).instant()), "newest first");
        }
        screenshot(app.stage.getScene(), "events");

        CheckComboBox<String> types = node("#typeFilter");
        runFx(() -> types.getCheckModel().check(EventTypes.INGEST_COMPLETE));
        awaitFx(Duration.ofSeconds(10), "only complete events", () -> table.getItems().size() == 6
                && table.getItems().stream().allMatch(e -> EventTypes.INGEST_COMPLETE.equals(e.eventType())));
        ComboBox<String> host = node("#hostFilter");
        runFx(() -> host.setValue("another-host"));
        awaitFx(Duration.ofSeconds(10), "no event of another host", () -> table.getItems().isEmpty());
        runFx(() -> host.setValue(UiHarness.HOST));
        awaitFx(Duration.ofSeconds(10), "this host's", () -> table.getItems().size() == 6);
        ComboBox<String> source = node("#eventSource");
        runFx(() -> source.setValue("calibre"));
        awaitFx(Duration.ofSeconds(10), "no calibre events", () -> table.getItems().isEmpty());
        runFx(() -> source.setValue("obsidian"));
        ComboBox<Object> time = node("#timeFilter");
        runFx(() -> time.getSelectionModel().select(1)); // last hour
        awaitFx(Duration.ofSeconds(10), "the last hour's", () -> table.getItems().size() == 6);
        assertTrue(text("#eventsStatus").contains("Ingested"), text("#eventsStatus"));

        // details of one event, then its document's whole history
        runFx(() -> table.getSelectionModel().select(0));
        String details = onFx(() -> ((TextArea) node("#eventDetails")).getText());
        assertTrue(details.contains("event_type: ingest_complete"), details);
        assertTrue(details.contains("chunks_created: "), details);
        String sourceId = onFx(() -> table.getItems().getFirst().sourceId());
        robot.clickOn("#historyButton");
        awaitFx(Duration.ofSeconds(10), "the document's two events", () -> table.getItems().size() == 2);
        assertEquals(List.of(EventTypes.INGEST_START, EventTypes.INGEST_COMPLETE),
                onFx(() -> table.getItems().stream().map(EventRecord::eventType).toList()));
        assertTrue(onFx(() -> table.getItems().stream().allMatch(e -> sourceId.equals(e.sourceId()))));
        assertTrue(text("#eventsStatus").startsWith("History of"), text("#eventsStatus"));
        robot.clickOn("#backButton");
        awaitFx(Duration.ofSeconds(10), "back to the filtered list", () -> table.getItems().size() == 6);

        // export what the filters match, through the (answered) file dialog
        Path csv = tmp.resolve("events.csv");
        app.saveAnswers.add(csv);
        robot.clickOn("#exportButton");
        awaitFx(Duration.ofSeconds(20), "exported", () -> text("#eventsStatus").startsWith("Exported"));
        List<String> lines = Files.readAllLines(csv, StandardCharsets.UTF_8);
        assertEquals(7, lines.size(), "a header and six complete events: " + lines);
        assertTrue(lines.getFirst().contains("event_type"), lines.getFirst());
        runFx(() -> {
            types.getCheckModel().clearChecks();
            host.setValue("Any host");
            source.setValue("Any source");
            time.getSelectionModel().select(0);
        });
        awaitFx(Duration.ofSeconds(10), "every event again", () -> table.getItems().size() == 12);
        Path json = tmp.resolve("events.json");
        app.saveAnswers.add(json);
        robot.clickOn("#exportButton");
        awaitFx(Duration.ofSeconds(20), "exported as JSON", () -> text("#eventsStatus").startsWith("Exported")
                && text("#eventsStatus").contains("events.json"));
        String exported = Files.readString(json);
        assertEquals(12, exported.split("\"event_type\"", -1).length - 1, exported);
    }

    @Test
    @Order(5)
    void theHostsPaneShowsThisHostInTheTableAndTheChart() {
        selectTab("Hosts");
        TableView<HostStats> table = node("#hostTable");
        awaitFx(Duration.ofSeconds(20), "one host", () -> table.getItems().size() == 1);
        HostStats h = onFx(() -> table.getItems().getFirst());
        assertEquals(UiHarness.HOST, h.hostname());
        assertEquals(6, h.books());
        assertTrue(h.chunks() >= 6, h.toString());
        assertEquals(0, h.errors());
        assertNotNull(h.lastActivity());
        BarChart<String, Number> chart = node("#chart");
        assertEquals(List.of(UiHarness.HOST + "=6.0"), onFx(() -> chart.getData().getFirst().getData().stream()
                .map(d -> d.getXValue() + "=" + d.getYValue().doubleValue()).toList()));
        assertTrue(text("#hostsStatus").startsWith("1 host, 6 documents ingested"), text("#hostsStatus"));
        screenshot(app.stage.getScene(), "hosts");
    }

    @Test
    @Order(6)
    void syncHealthReaches100Percent() {
        selectTab("Sync health");
        awaitFx(Duration.ofSeconds(20), "100 %", () -> "100.0 %".equals(((Label) node("#percent")).getText()));
        assertEquals("healthy", text("#verdict"));
        assertEquals("6", text("#synced"));
        assertEquals("6", text("#total"));
        assertEquals("0", text("#failed"));
        assertEquals("yes", text("#reachable"));
        assertFalse(text("#lastSync").equals("never"));
        robot.clickOn("#verifyButton");
        awaitFx(Duration.ofSeconds(30), "verified", () -> !"never".equals(((Label) node("#lastVerify")).getText()));
        awaitFx(Duration.ofSeconds(10), "no orphans", () -> "0".equals(((Label) node("#orphans")).getText()));
        screenshot(app.stage.getScene(), "health");
    }

    @Test
    @Order(7)
    void searchFindsAKnownPassageAndOpensTheNoteInObsidian() {
        selectTab("Search");
        robot.clickOn("#question").write("filter tasks by their description").type(KeyCode.ENTER);
        ListView<SearchHit> results = node("#searchResults");
        awaitFx(Duration.ofSeconds(30), "results", () -> !results.getItems().isEmpty());
        SearchHit best = onFx(() -> results.getItems().getFirst());
        assertEquals("Editing/Quick Search.md", best.sourceId());
        assertTrue(best.text().contains("filter tasks by their description"), best.text());
        assertTrue(text("#searchStatus").contains("passages"), text("#searchStatus"));
        screenshot(app.stage.getScene(), "search");
        Node open = robot.lookup(".open-button").query();
        robot.clickOn(open);
        awaitFx(Duration.ofSeconds(5), "opened", () -> !app.opened.isEmpty());
        assertEquals("obsidian://open?vault=Tasks%20Vault&file=Editing%2FQuick%20Search", app.opened.getFirst());
    }

    @Test
    @Order(8)
    void settingsRejectAFolderThatIsNotAVaultWithAMessage() throws Exception {
        selectTab("Settings");
        Path notAVault = Files.createDirectories(tmp.resolve("Pictures"));
        Files.writeString(notAVault.resolve("photo.jpg"), "not a note");
        Path notALibrary = Files.createDirectories(tmp.resolve("Books"));
        awaitFx(Duration.ofSeconds(5), "form filled", () -> !((TextField) node("#vaultPath")).getText().isEmpty());
        app.folderAnswers.add(notAVault);
        robot.clickOn("#browseVault");
        assertEquals(notAVault.toString(), onFx(() -> ((TextField) node("#vaultPath")).getText()));
        robot.clickOn("#calibrePath").write(notALibrary.toString());
        robot.clickOn("#saveButton");
        awaitFx(Duration.ofSeconds(20), "checked", () -> ((Label) node("#formStatus")).getText().startsWith("Not saved"));
        String vaultMessage = text("#vaultMessage");
        assertTrue(vaultMessage.contains("is not an Obsidian vault"), vaultMessage);
        assertTrue(onFx(() -> node("#vaultMessage").getStyleClass().contains("msg-error")));
        assertFalse(text("#calibreMessage").isBlank(), "the library folder is refused too");
        assertTrue(onFx(() -> node("#calibreMessage").getStyleClass().contains("msg-error")));
        assertTrue(text("#qdrantMessage").startsWith("Connected to Qdrant"), text("#qdrantMessage"));
        assertEquals(app.vault.toString(), app.session.settings().vaultPath(), "nothing was applied");
        screenshot(app.stage.getScene(), "settings");
        robot.clickOn("#revertButton");
        assertEquals(app.vault.toString(), onFx(() -> ((TextField) node("#vaultPath")).getText()));
    }

    @Test
    @Order(9)
    void filesDroppedOnTheWindowAreIngestedAndUnsupportedOnesRefusedByName() throws Exception {
        selectTab("Ingest");
        Path drops = Files.createDirectories(tmp.resolve("drops"));
        Path note = Files.writeString(drops.resolve("Lighthouse Log.md"),
                "# Lighthouse log\n\nThe keeper trimmed the wick at dusk and logged a passing schooner.\n");
        Path text = Files.writeString(drops.resolve("tide-tables.txt"),
                "Tide tables for the northern harbour: high water at six, low water at noon.\n");
        Path exe = Files.writeString(drops.resolve("setup.exe"), "MZ not really a program");
        Path broken = Files.write(drops.resolve("broken.epub"), "this is not a zip archive".getBytes());
        Path folder = Files.createDirectories(drops.resolve("more"));
        Files.writeString(folder.resolve("gulls.md"), "# Gulls\n\nHerring gulls nest on the north cliff every spring.\n");
        Files.writeString(folder.resolve("image.png"), "png?");
        Files.writeString(folder.resolve(".hidden.md"), "# Hidden\n");
        List<File> files = List.of(note.toFile(), text.toFile(), exe.toFile(), broken.toFile(), folder.toFile());
        Dragboard board = FxTestKit.dragboardWithFiles(files);
        assertEquals(files, onFx(board::getFiles));

        int before = onFx(() -> app.model().outcomes().size());
        Node target = node("#outcomeTable");
        DragEvent over = onFx(() -> {
            FxTestKit.dragEvent(app.stage.getScene().getRoot(), DragEvent.DRAG_ENTERED, board);
            return FxTestKit.dragEvent(target, DragEvent.DRAG_OVER, board);
        });
        assertTrue(over.isAccepted(), "the window accepts files");
        assertTrue(onFx(() -> node("#dropOverlay").isVisible()), "the drop hint is shown");
        DragEvent dropped = onFx(() -> FxTestKit.dragEvent(target, DragEvent.DRAG_DROPPED, board));
        assertTrue(dropped.isDropCompleted());
        assertFalse(onFx(() -> node("#dropOverlay").isVisible()));

        awaitFx(Duration.ofSeconds(30), "a warning names the refused files", () -> app.ctx().notifier().history()
                .stream().anyMatch(n -> n.level() == Notifier.Level.WARNING && n.text().contains("setup.exe")));
        Notifier.Note warning = onFx(() -> app.ctx().notifier().history().stream()
                .filter(n -> n.text().contains("setup.exe")).findFirst().orElseThrow());
        assertTrue(warning.text().contains("image.png"), warning.text());
        assertFalse(warning.text().contains("Lighthouse"), warning.text());
        awaitFx(SYNC_WAIT, "four dropped files indexed and one failed", () -> {
            List<OutcomeRow> rows = app.model().outcomes().subList(0, app.model().outcomes().size() - before);
            return rows.stream().filter(r -> r.kind() == DocumentOutcome.Kind.INDEXED).count() == 3
                    && rows.stream().filter(r -> r.kind() == DocumentOutcome.Kind.FAILED).count() == 1;
        });
        List<OutcomeRow> rows = onFx(() -> new ArrayList<>(app.model().outcomes()
                .subList(0, app.model().outcomes().size() - before)));
        assertEquals(List.of("Lighthouse Log", "gulls", "tide-tables"), rows.stream()
                .filter(r -> r.kind() == DocumentOutcome.Kind.INDEXED).map(OutcomeRow::title).sorted().toList());
        assertTrue(rows.stream().allMatch(r -> "file".equals(r.source())));
        OutcomeRow failed = rows.stream().filter(r -> r.kind() == DocumentOutcome.Kind.FAILED).findFirst().orElseThrow();
        assertEquals("broken", failed.title());
        assertFalse(failed.reason().isBlank(), "failed with a reason");
        screenshot(app.stage.getScene(), "ingest-drop");

        // the failure's event carries the error and its stack trace
        selectTab("Events");
        CheckComboBox<String> types = node("#typeFilter");
        runFx(() -> types.getCheckModel().check(EventTypes.INGEST_ERROR));
        TableView<EventRecord> table = node("#eventTable");
        awaitFx(Duration.ofSeconds(20), "the error event", () -> table.getItems().size() == 1);
        runFx(() -> table.getSelectionModel().select(0));
        assertTrue(onFx(() -> node("#stackPane").isVisible()), "the stack trace is shown");
        String trace = onFx(() -> ((TextArea) node("#stackTrace")).getText());
        assertTrue(trace.contains("\tat ") || trace.contains("at io.alexandria"), trace);
        String details = onFx(() -> ((TextArea) node("#eventDetails")).getText());
        assertTrue(details.startsWith("Error: "), details);
        assertFalse(details.contains("stacktrace:"), "the trace has its own area");
        screenshot(app.stage.getScene(), "events-error");
        runFx(() -> types.getCheckModel().clearChecks());
    }

    @Test
    @Order(10)
    void massDeletionIsHeldUntilTheUserConfirms() throws Exception {
        selectTab("Sync health");
        for (String n : UiHarness.NOTES.subList(1, 6)) {
            Files.delete(app.vault.resolve(n));
        }
        robot.clickOn("#healthSyncButton");
        awaitSync();
        VBox alarm = node("#alarmBox");
        awaitFx(Duration.ofSeconds(20), "the alarm", alarm::isVisible);
        assertTrue(text("#alarmText").contains("5 of 6 documents vanished"), text("#alarmText"));
        assertFalse(text("#alarmText").contains("--confirm-deletes"), "no command-line hint in the window");
        assertEquals("degraded", text("#verdict"));
        assertEquals("0", text("#deleted"), "nothing deleted yet");
        assertTrue(onFx(() -> node("#banner").isVisible()), "the banner points at the alarm");
        screenshot(app.stage.getScene(), "health-alarm");

        robot.clickOn("#confirmDeletesButton");
        Button delete = robot.lookup("#confirmDeleteButton").queryButton();
        assertEquals(HealthController.DELETE.getText(), onFx(delete::getText));
        robot.clickOn(delete);
        awaitFx(SYNC_WAIT, "five documents deleted", () -> "5".equals(((Label) node("#deleted")).getText())
                && !alarm.isVisible());
        awaitFx(Duration.ofSeconds(20), "no deletion on hold any more",
                () -> !((Label) node("#healthSummary")).getText().contains("Deletions are on hold"));
        assertFalse(text("#bannerText").contains("Deletions are on hold"), text("#bannerText"));
    }

    @Test
    @Order(11)
    void syncHealthTurnsDegradedWhenQdrantStopsAndTheWindowSaysSo() {
        selectTab("Sync health");
        app.server.stop();
        awaitFx(Duration.ofSeconds(40), "unreachable", () -> "no".equals(((Label) node("#reachable")).getText()));
        assertEquals("degraded", text("#verdict"));
        assertTrue(text("#healthSummary").contains("Qdrant is not reachable"), text("#healthSummary"));
        StatusBar bar = node(".status-bar");
        assertEquals("Qdrant: unreachable — work is queued",
                onFx(() -> ((Labeled) bar.getRightItems().getFirst()).getText()));
        HBox banner = node("#banner");
        assertTrue(onFx(banner::isVisible));
        assertTrue(text("#bannerText").contains("changes are queued"), text("#bannerText"));
        screenshot(app.stage.getScene(), "health-degraded");
        app.server.restart();
        awaitFx(Duration.ofSeconds(40), "reachable again", () -> "yes".equals(((Label) node("#reachable")).getText()));
    }

    @Test
    @Order(12)
    void theJavaFxThreadNeverReachedTheBlockingCoreNorStalled() {
        assertEquals(violationsBefore, ThreadGuard.violations(), "blocking core calls on the FX thread");
        assertTrue(watchdog.worst().compareTo(Duration.ofSeconds(3)) < 0, "FX thread stalled " + watchdog.worst()
                + "\n" + watchdog.worstStack());
        List<String> errors = new CopyOnWriteArrayList<>(onFx(() -> app.ctx().notifier().history().stream()
                .filter(n -> n.level() == Notifier.Level.ERROR).map(n -> n.title() + ": " + n.text()).toList()));
        assertTrue(errors.stream().noneMatch(e -> e.contains("JavaFX")), errors.toString());
    }
}
