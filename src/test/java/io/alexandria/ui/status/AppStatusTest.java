package io.alexandria.ui.status;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.alexandria.app.SessionStatus;
import io.alexandria.health.HealthReport;
import io.alexandria.store.Stage;
import io.alexandria.sync.EngineProgress;
import io.alexandria.sync.EngineProgress.State;
import io.alexandria.sync.SyncSummary;
import io.alexandria.ui.status.AppStatus.Kind;
import io.alexandria.ui.tray.TrayState;
import java.time.Duration;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The window's one state: every engine state reads as one text and one tray state, nothing set
 * up is one calm invitation (not an alarm), a missing folder is never "in sync", the Qdrant item
 * follows the engine while it waits, and a failed start gets its advice.
 */
class AppStatusTest {
    private static final SessionStatus READY = new SessionStatus(SessionStatus.Phase.READY, "Ready");

    private static HealthReport health(boolean reachable, List<String> alarms) {
        return new HealthReport(10, 10, 0, 0, 0, 0, 0, 100, reachable && alarms.isEmpty() ? "healthy" : "degraded",
                reachable, reachable ? 4 : -1, reachable ? "ok" : "Qdrant unreachable at http://nas:6334 (UNAVAILABLE)",
                0, null, null, alarms, null, Map.of());
    }

    private static EngineProgress progress(State state, String reason, int waiting, long failed) {
        SyncSummary run = new SyncSummary(10, 4, 3, failed, 0, 40, 40, 40, 0, Map.of(), "m", "cpu", false, null);
        return new EngineProgress(state, reason, "embed", "Moby Dick", Map.of(Stage.CHUNKED, waiting), 12, 0, 0,
                Duration.ofSeconds(5), 8.5, Duration.ofSeconds(2), Map.of(), run, 1, null);
    }

    private static AppStatus of(EngineProgress p, Boolean setUp, HealthReport h) {
        return AppStatus.of(READY, p, setUp, h, false, 0, null);
    }

    @Test
    void everyEngineStateHasItsOwnTextAndKeepsItsKey() {
        Set<String> lines = new HashSet<>();
        Set<String> labels = new HashSet<>();
        for (State s : State.values()) {
            String reason = switch (s) {
                case ERROR -> "upload: Qdrant refused the request (retrying)";
                case WAITING_FOR_INDEX -> "Qdrant UNAVAILABLE: io exception";
                case SOURCE_MISSING -> "the vault folder /mnt/nas/Vault is missing";
                default -> null;
            };
            AppStatus st = of(progress(s, reason, 2, 0), true, health(true, List.of()));
            assertEquals(s.key(), st.kind().key(), "the window names the state as the engine and the CLI do");
            assertTrue(lines.add(st.line()), "one text per state: " + st.line());
            assertTrue(labels.add(st.label()), "one badge per state: " + st.label());
        }
        assertEquals("Syncing: 2 documents waiting — embedding “Moby Dick”",
                of(progress(State.SYNCING, null, 2, 0), true, null).line());
        assertEquals("Paused: 2 documents waiting", of(progress(State.PAUSED, "paused", 2, 0), true, null).line());
        assertEquals("Error: upload: Qdrant refused the request (retrying)",
                of(progress(State.ERROR, "upload: Qdrant refused the request (retrying)", 2, 0), true, null).line());
        assertEquals("Scanning for changes… — adding 3 dropped files", AppStatus.of(READY,
                progress(State.SCANNING, null, 0, 0), true, null, false, 3, null).line());
    }

    @Test
    void idleIsInSyncOnlyWhenNothingFailedAndNothingIsHeld() {
        assertEquals("Idle — everything is in sync", of(progress(State.IDLE, null, 0, 0), true,
                health(true, List.of())).line());
        assertEquals(AppStatus.Tone.GOOD, of(progress(State.IDLE, null, 0, 0), true, health(true, List.of())).tone());
        assertTrue(of(progress(State.IDLE, null, 0, 2), true, health(true, List.of())).line()
                .startsWith("Idle — 2 documents were not indexed"));
        AppStatus held = of(progress(State.IDLE, null, 0, 0), true, health(true, List.of("5 of 6 documents vanished")));
        assertFalse(held.line().contains("in sync"), held.line());
        assertTrue(held.banner().text().startsWith("Deletions are on hold: 5 of 6"));
        assertEquals(TrayState.ERROR, held.tray());
        AppStatus away = of(progress(State.IDLE, null, 0, 0), true, health(false, List.of()));
        assertFalse(away.line().contains("in sync"), away.line());
        assertEquals("Qdrant: unreachable — work is queued", away.connection());
        assertTrue(away.banner().text().contains("changes are queued here"));
    }

    @Test
    void nothingSetUpIsOneCalmInvitationNotThreeAlarms() {
        // the engine waits for a Qdrant that is not there, the probe says so too: still no alarm
        AppStatus st = of(progress(State.WAITING_FOR_INDEX, "Qdrant UNAVAILABLE: io exception", 0, 0), false,
                health(false, List.of()));
        assertEquals(Kind.NOT_SET_UP, st.kind());
        assertEquals(AppStatus.NOT_SET_UP_LINE, st.line());
        assertEquals(AppStatus.Tone.CALM, st.tone());
        assertTrue(st.banner().callToAction());
        assertEquals(AppStatus.SET_UP_TEXT, st.banner().text());
        assertEquals(TrayState.IDLE, st.tray());
        assertFalse(st.needsAttention());
        assertFalse(st.connected());
        assertEquals("Qdrant: not connected", st.connection());
        assertTrue(st.canSync(), "Sync now explains what to do");
        assertEquals(Kind.NOT_SET_UP, of(progress(State.IDLE, null, 0, 0), false, null).kind());
        // dropped files being worked on show the real work, and a paused engine stays paused
        assertEquals(Kind.SYNCING, of(progress(State.SYNCING, null, 2, 0), false, null).kind());
        assertEquals(Kind.PAUSED, of(progress(State.PAUSED, "paused", 0, 0), false, null).kind());
        // not known yet: no invitation before the session says so
        assertEquals(Kind.IDLE, of(progress(State.IDLE, null, 0, 0), null, null).kind());
    }

    @Test
    void aMissingFolderIsAWarningThatNamesIt() {
        AppStatus st = of(progress(State.SOURCE_MISSING, "the vault folder /mnt/nas/Vault is missing", 0, 0), true,
                health(true, List.of("not syncing vault \"Vault\": the vault folder /mnt/nas/Vault is missing")));
        assertEquals(Kind.SOURCE_MISSING, st.kind());
        assertEquals("Source missing: the vault folder /mnt/nas/Vault is missing — nothing is deleted", st.line());
        assertEquals(AppStatus.Tone.WARNING, st.tone());
        assertTrue(st.banner().text().startsWith("The vault folder /mnt/nas/Vault is missing. Nothing is deleted"),
                st.banner().text());
        assertFalse(st.banner().callToAction());
        assertEquals(TrayState.ERROR, st.tray());
    }

    @Test
    void theQdrantItemFollowsTheEngineWhileItWaits() {
        EngineProgress waiting = progress(State.WAITING_FOR_INDEX, "Qdrant UNAVAILABLE: io exception", 3, 0);
        AppStatus probeStale = of(waiting, true, health(true, List.of()));
        assertFalse(probeStale.connected(), "not 'connected' while the engine still waits");
        assertEquals("Qdrant: reachable again — resuming shortly", probeStale.connection());
        assertEquals("Qdrant: unreachable — work is queued", of(waiting, true, null).connection());
        assertEquals("Waiting for Qdrant: 3 documents queued", probeStale.line());
        assertTrue(probeStale.banner().text().startsWith("Qdrant cannot be reached (Qdrant UNAVAILABLE"));
        AppStatus connected = of(progress(State.SYNCING, null, 3, 0), true, health(true, List.of()));
        assertEquals("Qdrant: connected (4 ms)", connected.connection());
        assertTrue(connected.connected());
        assertEquals("Qdrant: checking…", of(progress(State.IDLE, null, 0, 0), true, null).connection());
    }

    @Test
    void startingAndFailedStartsAndTheirAdvice() {
        AppStatus starting = AppStatus.of(SessionStatus.starting("Loading the model"), null, null, null, false, 0,
                null);
        assertEquals(Kind.STARTING, starting.kind());
        assertEquals("Loading the model", starting.line());
        assertEquals("Qdrant: not connected", starting.connection());
        assertFalse(starting.canSync());
        assertFalse(starting.canPause());
        assertNull(starting.banner());
        AppStatus failed = AppStatus.of(new SessionStatus(SessionStatus.Phase.FAILED, "Alexandria could not start: x."),
                null, null, null, false, 0, null);
        assertTrue(failed.banner().text().endsWith("Open Settings to fix it."));
        assertEquals(TrayState.ERROR, failed.tray());
        String why = "Alexandria could not start: another Alexandria (the app, a watch or a sync) is already syncing "
                + "with the data directory /home/ann/.local/share/alexandria; stop it first, or use it";
        assertEquals("Alexandria could not start: another Alexandria (the app, a watch or a sync) is already syncing "
                + "with the data directory /home/ann/.local/share/alexandria. Stop it, then press Save and apply in "
                + "Settings to start again.", AppStatus.of(new SessionStatus(SessionStatus.Phase.FAILED, why), null,
                null, null, false, 0, null).banner().text());
    }

    @Test
    void commandsFollowTheState() {
        AppStatus paused = of(progress(State.PAUSED, "paused", 2, 0), true, null);
        assertTrue(paused.paused());
        assertTrue(paused.canPause());
        AppStatus syncing = AppStatus.of(READY, progress(State.SYNCING, null, 2, 0), true, null, true, 0, null);
        assertFalse(syncing.canSync(), "one Sync now at a time");
        assertEquals(0.7, syncing.progress(), 1e-9, "7 of 10 done");
        assertNotNull(syncing.label());
        for (Kind k : EnumSet.allOf(Kind.class)) {
            assertFalse(AppStatus.label(k).isBlank());
        }
    }
}
