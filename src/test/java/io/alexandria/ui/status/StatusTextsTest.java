package io.alexandria.ui.status;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.alexandria.store.Stage;
import io.alexandria.sync.EngineProgress;
import io.alexandria.sync.SyncSummary;
import io.alexandria.sync.SyncWatcher.WatchState;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The sentences about the engine's figures and the watcher. */
class StatusTextsTest {
    private static EngineProgress progress(EngineProgress.State state, Map<Stage, Integer> stages) {
        SyncSummary run = new SyncSummary(10, 4, 3, 1, 0, 40, 40, 40, 0, Map.of(), "m", "cpu", false, null);
        return new EngineProgress(state, "embed", "Moby Dick", stages, 12, 0, 0, Duration.ofSeconds(5), 8.5,
                Duration.ofSeconds(2), Map.of(), run);
    }

    @Test
    void runProgressAndRunLine() {
        EngineProgress syncing = progress(EngineProgress.State.SYNCING, Map.of(Stage.CHUNKED, 2));
        assertEquals(0.8, StatusTexts.runProgress(syncing), 1e-9, "8 of 10 done");
        assertEquals(-1, StatusTexts.runProgress(progress(EngineProgress.State.SCANNING, Map.of())));
        assertTrue(StatusTexts.runLine(syncing).startsWith("10 documents: 4 indexed, 3 unchanged, 1 failed"));
    }

    @Test
    void watchStateAndAlarms() {
        assertEquals("Not watching", StatusTexts.watch(Map.of()));
        assertEquals("Watching 2 folders", StatusTexts.watch(Map.of("a", WatchState.WATCHING, "b", WatchState.WATCHING)));
        assertEquals("Polling 1 folder", StatusTexts.watch(Map.of("a", WatchState.POLLING)));
        assertEquals("Waiting for 1 folder to come back",
                StatusTexts.watch(Map.of("a", WatchState.WAITING_FOR_FOLDER, "b", WatchState.WATCHING)));
        assertEquals("5 of 6 documents vanished from vault \"V\" at /v at once — deletions held", StatusTexts.alarm(
                "5 of 6 documents vanished from vault \"V\" at /v at once — deletions held; confirm with sync "
                        + "--confirm-deletes"));
    }
}
