package io.alexandria.ui.status;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.alexandria.app.SessionStatus;
import io.alexandria.health.HealthReport;
import io.alexandria.store.Stage;
import io.alexandria.sync.EngineProgress;
import io.alexandria.sync.SyncSummary;
import io.alexandria.sync.SyncWatcher.WatchState;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The status bar's and the banner's sentences. */
class StatusTextsTest {
    private static final SessionStatus READY = new SessionStatus(SessionStatus.Phase.READY, "Ready");

    private static HealthReport health(boolean reachable, List<String> alarms) {
        return new HealthReport(10, 10, 0, 0, 0, 0, 0, 100, reachable && alarms.isEmpty() ? "healthy" : "degraded",
                reachable, reachable ? 4 : -1, reachable ? "ok" : "Qdrant unreachable at http://nas:6334 (UNAVAILABLE)",
                0, null, null, alarms, null, Map.of());
    }

    private static EngineProgress progress(EngineProgress.State state, Map<Stage, Integer> stages,
                                           Map<String, String> errors) {
        SyncSummary run = new SyncSummary(10, 4, 3, 1, 0, 40, 40, 40, 0, Map.of(), "m", "cpu", false, null);
        return new EngineProgress(state, "embed", "Moby Dick", stages, 12, 0, 0, Duration.ofSeconds(5), 8.5,
                Duration.ofSeconds(2), errors, run);
    }

    @Test
    void connectionTellsConnectedUnreachableOrStarting() {
        assertEquals("Qdrant: connected (4 ms)", StatusTexts.connection(READY, health(true, List.of())));
        assertEquals("Qdrant: unreachable — work is queued", StatusTexts.connection(READY, health(false, List.of())));
        assertEquals("Qdrant: checking…", StatusTexts.connection(READY, null));
        assertEquals("Qdrant: not connected", StatusTexts.connection(SessionStatus.starting("Loading"), null));
    }

    @Test
    void activitySaysWhatTheEngineDoes() {
        EngineProgress syncing = progress(EngineProgress.State.SYNCING, Map.of(Stage.CHUNKED, 2), Map.of());
        assertEquals("Syncing: 2 documents waiting — embedding “Moby Dick”",
                StatusTexts.activity(READY, syncing, true, 0));
        assertEquals("Scanning for changes… — adding 3 dropped files", StatusTexts.activity(READY,
                progress(EngineProgress.State.SCANNING, Map.of(), Map.of()), false, 3));
        assertEquals("Error: upload: Qdrant unreachable (retrying)", StatusTexts.activity(READY,
                progress(EngineProgress.State.ERROR, Map.of(), Map.of("upload", "Qdrant unreachable")), false, 0));
        assertEquals("Loading the model", StatusTexts.activity(SessionStatus.starting("Loading the model"), null,
                false, 0));
        assertEquals(0.8, StatusTexts.runProgress(syncing), 1e-9, "8 of 10 done");
        assertEquals(-1, StatusTexts.runProgress(progress(EngineProgress.State.SCANNING, Map.of(), Map.of())));
        assertTrue(StatusTexts.runLine(syncing).startsWith("10 documents: 4 indexed, 3 unchanged, 1 failed"));
    }

    @Test
    void watchStateAndBanner() {
        assertEquals("Not watching", StatusTexts.watch(Map.of()));
        assertEquals("Watching 2 folders", StatusTexts.watch(Map.of("a", WatchState.WATCHING, "b", WatchState.WATCHING)));
        assertEquals("Polling 1 folder", StatusTexts.watch(Map.of("a", WatchState.POLLING)));
        assertEquals("Waiting for 1 folder to come back",
                StatusTexts.watch(Map.of("a", WatchState.WAITING_FOR_FOLDER, "b", WatchState.WATCHING)));
        assertNull(StatusTexts.banner(READY, health(true, List.of())));
        assertTrue(StatusTexts.banner(READY, health(false, List.of())).contains("changes are queued here"));
        assertTrue(StatusTexts.banner(READY, health(true, List.of("5 of 6 documents vanished")))
                .startsWith("Deletions are on hold: 5 of 6"));
        assertEquals("5 of 6 documents vanished from vault \"V\" at /v at once — deletions held", StatusTexts.alarm(
                "5 of 6 documents vanished from vault \"V\" at /v at once — deletions held; confirm with sync "
                        + "--confirm-deletes"));
        assertTrue(StatusTexts.banner(new SessionStatus(SessionStatus.Phase.FAILED, "Alexandria could not start: x."),
                null).endsWith("Open Settings to fix it."));
    }

    @Test
    void anotherEngineOnTheDataFolderGetsItsOwnAdvice() {
        String why = "Alexandria could not start: another Alexandria (the app, a watch or a sync) is already syncing "
                + "with the data directory /home/ann/.local/share/alexandria; stop it first, or use it";
        String b = StatusTexts.banner(new SessionStatus(SessionStatus.Phase.FAILED, why), null);
        assertEquals("Alexandria could not start: another Alexandria (the app, a watch or a sync) is already syncing "
                + "with the data directory /home/ann/.local/share/alexandria. Stop it, then press Save and apply in "
                + "Settings to start again.", b);
    }
}
