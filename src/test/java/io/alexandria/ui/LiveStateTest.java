package io.alexandria.ui;

import static io.alexandria.ui.FxTestKit.awaitFx;
import static io.alexandria.ui.FxTestKit.onFx;
import static io.alexandria.ui.FxTestKit.runFx;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.alexandria.app.ThreadGuard;
import io.alexandria.cli.AlexandriaCommand;
import io.alexandria.common.Json;
import io.alexandria.events.EventRecord;
import io.alexandria.events.HostStats;
import io.alexandria.pipeline.DocumentOutcome;
import io.alexandria.sync.EngineProgress;
import io.alexandria.sync.EngineStateListener;
import io.alexandria.sync.SyncEngine;
import io.alexandria.ui.status.AppStatus;
import io.alexandria.ui.tray.TrayMenu;
import io.alexandria.ui.tray.TrayState;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import javafx.scene.Node;
import javafx.scene.control.ContextMenu;
import javafx.scene.control.Label;
import javafx.scene.control.Labeled;
import javafx.scene.control.MenuItem;
import javafx.scene.control.TableRow;
import javafx.scene.control.TableView;
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
 * The window live and exact, over the real engine, model, watcher and Qdrant test server on four
 * notes with watching on (the start's catch-up sync indexes them): each run's counts are that
 * run's own; the Events and Hosts panes update as the watcher ingests, with no refresh; the time
 * left counts documents not extracted yet; the window, the engine's listener and
 * {@code health --json} on the same data folder report the same state through pause, Qdrant
 * stopping (waiting for the index) and resuming; and a failed document is tried again from its
 * row's menu. The JavaFX thread never reaches the blocking core.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class LiveStateTest {
    private static final Duration WORK = Duration.ofMinutes(3);
    private static final List<String> NOTES = List.of("Introduction.md", "Editing/Quick Search.md",
            "Advanced/Urgency.md", "Getting Started/Statuses/Core Statuses.md");
    @TempDir
    static Path tmp;
    private UiHarness app;
    private final FxRobot robot = new FxRobot();
    private long violationsBefore;

    @BeforeAll
    void openTheApp() throws Exception {
        FxTestKit.startToolkit();
        violationsBefore = ThreadGuard.violations();
        app = UiHarness.open(tmp, NOTES, null, true);
    }

    @AfterAll
    void closeTheApp() {
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

    private AppStatus status() {
        return onFx(() -> app.model().appStatusProperty().get());
    }

    private void select(String tabId) {
        runFx(() -> app.window.select(tabId));
    }

    private SyncEngine engine() {
        return app.session.services().orElseThrow().engine();
    }

    private void edit(String note, String line) throws Exception {
        Files.writeString(app.vault.resolve(note), "\n\n" + line + "\n", StandardOpenOption.APPEND);
    }

    /** The engine's state as {@code alexandria health --json} on the same data folder reports it. */
    private String cliState() {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        picocli.CommandLine cmd = AlexandriaCommand.commandLine();
        cmd.setOut(new PrintWriter(out));
        cmd.setErr(new PrintWriter(err));
        int code = cmd.execute("health", "--json", "--data-dir", app.paths.dataDir().toString(), "--qdrant",
                app.server.url());
        assertTrue(code == 0 || code == 3, code + ": " + err);
        try {
            JsonNode engine = Json.MAPPER.readTree(out.toString()).get("engine");
            return engine.get("state").asText();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Test
    @Order(1)
    void theFirstRunCountsItsOwnDocuments() {
        select("ingestTab");
        awaitFx(WORK, "the catch-up sync indexed the four notes", () -> app.model().appStatusProperty().get().kind()
                == AppStatus.Kind.IDLE && ((Label) node("#runLine")).getText()
                .startsWith("4 documents: 4 indexed, 0 unchanged, 0 failed, 0 deleted"));
        assertEquals("Idle — everything is in sync", onFx(app.window::statusText));
        assertEquals("Watching 1 folder", onFx(() -> ((Labeled) ((StatusBar) node(".status-bar")).getRightItems()
                .get(1)).getText()));
    }

    @Test
    @Order(2)
    void eventsAndHostsFollowWhatTheWatcherIngestsAndTheRunCountsAreThatRunsOwn() throws Exception {
        select("eventsTab");
        TableView<EventRecord> events = node("#eventTable");
        awaitFx(Duration.ofSeconds(30), "the first run's 8 events", () -> events.getItems().size() == 8);

        edit("Advanced/Urgency.md", "Urgency is recomputed whenever a task changes.");
        awaitFx(WORK, "two more events, with no refresh", () -> events.getItems().size() == 10);
        assertEquals(List.of("ingest_complete", "ingest_start"), onFx(() -> events.getItems().subList(0, 2).stream()
                .map(EventRecord::eventType).toList()), "newest first");
        assertEquals("Advanced/Urgency.md", onFx(() -> events.getItems().getFirst().sourceId()));
        select("ingestTab");
        awaitFx(WORK, "the second run's own counts", () -> app.model().appStatusProperty().get().kind()
                == AppStatus.Kind.IDLE && ((Label) node("#runLine")).getText()
                .startsWith("4 documents: 1 indexed, 3 unchanged, 0 failed, 0 deleted"));

        select("hostsTab");
        TableView<HostStats> hosts = node("#hostTable");
        awaitFx(Duration.ofSeconds(30), "five ingests", () -> hosts.getItems().size() == 1
                && hosts.getItems().getFirst().books() == 5);
        edit("Introduction.md", "A line the watcher picks up while the Hosts pane is shown.");
        awaitFx(WORK, "six ingests, with no refresh", () -> hosts.getItems().getFirst().books() == 6);
        HostStats h = onFx(() -> hosts.getItems().getFirst());
        assertTrue(h.busySec() > 0 && h.busySec() <= h.durationSec() + 1e-6, h.toString());
        assertEquals(h.chunks() / h.busySec(), h.chunksPerSecond(), 1e-9, "chunks over wall-clock busy time");
    }

    @Test
    @Order(3)
    void timeLeftCountsDocumentsNotExtractedYet() throws Exception {
        select("ingestTab");
        awaitFx(WORK, "idle", () -> app.model().appStatusProperty().get().kind() == AppStatus.Kind.IDLE);
        robot.clickOn("#pauseButton");
        awaitFx(Duration.ofSeconds(20), "paused", () -> "paused".equals(((Label) node("#stateBadge")).getText()));
        edit("Editing/Quick Search.md", "Quick search also matches the task's tags.");
        edit("Getting Started/Statuses/Core Statuses.md", "Core statuses cannot be deleted.");
        edit("Introduction.md", "Another line, waiting for extraction.");
        awaitFx(WORK, "three notes to extract", () -> "3".equals(((Label) node("#toExtract")).getText()));
        EngineProgress p = onFx(() -> app.model().progressProperty().get());
        assertEquals(0, p.chunksToEmbed(), "nothing chunked yet: all that waits is unextracted");
        String shown = onFx(app.window.ingest()::timeLeftShown);
        assertNotEquals("—", shown, "the time left covers the documents still to extract");
        if (p.chunksPerSecond() > 0) {
            assertTrue(p.eta() != null && p.eta().toSeconds() >= 1, "at least a chunk each: " + p.eta());
        } else {
            assertEquals("measuring…", shown);
        }
    }

    @Test
    @Order(4)
    void theWindowTheListenerAndHealthJsonReportTheSameState() {
        List<EngineProgress> pushed = new CopyOnWriteArrayList<>();
        EngineStateListener listener = pushed::add;
        engine().state().addListener(listener);
        try {
            await().atMost(Duration.ofSeconds(20)).until(() -> !pushed.isEmpty()
                    && pushed.getLast().state() == EngineProgress.State.PAUSED);
            agree("paused");
            assertTrue(onFx(app.window::statusText).startsWith("Paused: 3 documents waiting"),
                    onFx(app.window::statusText));
            assertEquals(TrayState.PAUSED, TrayMenu.of(status(), false).state());

            app.server.stop();
            robot.clickOn("#pauseButton"); // resume: the notes are extracted and embedded, the upload finds no Qdrant
            await().atMost(WORK).until(() -> pushed.getLast().state() == EngineProgress.State.WAITING_FOR_INDEX);
            agree("waiting_for_index");
            assertTrue(onFx(app.window::statusText).startsWith("Waiting for Qdrant: "), onFx(app.window::statusText));
            awaitFx(Duration.ofSeconds(30), "the Qdrant item says so too", () -> "Qdrant: unreachable — work is queued"
                    .equals(((Labeled) ((StatusBar) node(".status-bar")).getRightItems().getFirst()).getText()));
            assertTrue(text("#bannerText").startsWith("Qdrant cannot be reached"), text("#bannerText"));
            assertEquals(TrayState.ERROR, TrayMenu.of(status(), false).state());

            app.server.restart();
            await().atMost(WORK).until(() -> pushed.getLast().state() == EngineProgress.State.IDLE);
            agree("idle");
            assertEquals("Idle — everything is in sync", onFx(app.window::statusText));
            assertEquals(TrayState.IDLE, TrayMenu.of(status(), false).state());
        } finally {
            engine().state().removeListener(listener);
        }
        awaitFx(Duration.ofSeconds(10), "this run's counts", () -> ((Label) node("#runLine")).getText()
                .startsWith("4 documents: 3 indexed, 1 unchanged, 0 failed, 0 deleted"));
    }

    /**
     * Waits until the window's state, the engine's pushed state and {@code health --json} agree
     * on {@code key} (each front end takes the transition in its own time).
     */
    private void agree(String key) {
        await("all report " + key).atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(250))
                .untilAsserted(() -> {
                    assertEquals(key, engine().state().current().state().key(), "the engine's listener");
                    assertEquals(key, status().kind().key(), "the window");
                    assertEquals(AppStatus.label(status().kind()), text("#stateBadge"), "the Ingest pane");
                    assertEquals(key, cliState(), "health --json");
                });
    }

    @Test
    @Order(5)
    void aFailedDocumentIsTriedAgainFromItsRow() throws Exception {
        select("ingestTab");
        Path drops = Files.createDirectories(tmp.resolve("drops"));
        Path log = Files.writeString(drops.resolve("Harbour Log.md"),
                "# Harbour log\n\nThe pilot boat went out at dawn to meet the grain ship.\n");
        Path away = tmp.resolve("Harbour Log.md.away");
        robot.clickOn("#pauseButton");
        awaitFx(Duration.ofSeconds(20), "paused", () -> app.model().appStatusProperty().get().paused());
        onFx(() -> app.window.addFiles(List.of(log))).get();
        awaitFx(Duration.ofSeconds(30), "queued", () -> "1".equals(((Label) node("#toExtract")).getText()));
        Files.move(log, away); // the drive went away before the file was read
        robot.clickOn("#pauseButton");
        TableView<OutcomeRow> table = node("#outcomeTable");
        awaitFx(WORK, "the document failed", () -> table.getItems().stream().anyMatch(r ->
                r.kind() == DocumentOutcome.Kind.FAILED && "file".equals(r.source())));
        OutcomeRow failed = onFx(() -> table.getItems().stream().filter(r -> r.kind() == DocumentOutcome.Kind.FAILED)
                .findFirst().orElseThrow());
        assertFalse(failed.reason().isBlank());
        ContextMenu indexedMenu = onFx(() -> app.window.ingest().menuFor(table.getItems().stream()
                .filter(r -> r.kind() == DocumentOutcome.Kind.INDEXED).findFirst().orElseThrow()));
        assertTrue(onFx(() -> indexedMenu.getItems().stream().noneMatch(i -> "retryItem".equals(i.getId()))),
                "only a failed document offers a retry");

        Files.move(away, log); // back, unchanged: a rescan would not queue it again
        runFx(() -> table.scrollTo(failed));
        @SuppressWarnings("unchecked")
        TableRow<OutcomeRow> row = (TableRow<OutcomeRow>) robot.lookup(n -> n instanceof TableRow<?> r
                && failed.equals(r.getItem())).query();
        MenuItem retry = onFx(() -> row.getContextMenu().getItems().stream()
                .filter(i -> "retryItem".equals(i.getId())).findFirst().orElseThrow());
        assertEquals("Try again", retry.getText());
        runFx(retry::fire);
        awaitFx(WORK, "indexed on the second try", () -> table.getItems().stream().anyMatch(r ->
                r.kind() == DocumentOutcome.Kind.INDEXED && r.key().equals(failed.key())));
        app.model().pollHealthSoon();
        awaitFx(Duration.ofSeconds(30), "Sync health counts no failed document",
                () -> app.model().healthProperty().get().failed() == 0);
    }

    @Test
    @Order(6)
    void theJavaFxThreadNeverReachedTheBlockingCore() {
        assertEquals(violationsBefore, ThreadGuard.violations(), "blocking core calls on the FX thread");
    }
}
