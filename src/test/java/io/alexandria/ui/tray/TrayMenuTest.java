package io.alexandria.ui.tray;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.alexandria.app.SessionStatus;
import io.alexandria.health.HealthReport;
import io.alexandria.store.Stage;
import io.alexandria.sync.EngineProgress;
import io.alexandria.sync.SyncSummary;
import io.alexandria.ui.status.AppStatus;
import java.awt.Color;
import java.awt.image.BufferedImage;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The tray without AWT: which state each snapshot shows, the menu's items and which can be used,
 * the tooltip, and the four icon images (drawn headless).
 */
class TrayMenuTest {
    static final SessionStatus READY = new SessionStatus(SessionStatus.Phase.READY, "Ready");

    static EngineProgress progress(EngineProgress.State state, int waiting, SyncSummary run) {
        return new EngineProgress(state, null, null, Map.of(Stage.DETECTED, waiting), 0, 0, 0, null, 0, null, Map.of(),
                run);
    }

    static SyncSummary run(long documents, long indexed, long unchanged, long failed) {
        return new SyncSummary(documents, indexed, unchanged, failed, 0, 0, 0, 0, 0, Map.of(), "m", "cpu", true, null);
    }

    /** The menu for these snapshots, with a vault configured. */
    static TrayMenu menu(SessionStatus status, EngineProgress p, HealthReport health, boolean syncRunning) {
        return TrayMenu.of(AppStatus.of(status, p, true, health, syncRunning, 0, null), syncRunning);
    }

    static TrayState state(SessionStatus status, EngineProgress p, HealthReport health, boolean syncRunning) {
        return menu(status, p, health, syncRunning).state();
    }

    static HealthReport health(boolean reachable, List<String> alarms) {
        return new HealthReport(10, 10, 0, 0, 0, 0, 0, 100, "healthy", reachable, 3,
                reachable ? null : "Qdrant unreachable at http://nas:6334", 0, null, null, alarms, null, Map.of());
    }

    @Test
    void statesFromTheSnapshots() {
        assertEquals(TrayState.IDLE, state(READY, progress(EngineProgress.State.IDLE, 0, run(0, 0, 0, 0)),
                health(true, List.of()), false));
        assertEquals(TrayState.SYNCING, state(READY, progress(EngineProgress.State.SYNCING, 4, run(9, 5, 0, 0)),
                health(true, List.of()), false));
        assertEquals(TrayState.SYNCING, state(READY, progress(EngineProgress.State.IDLE, 0, run(0, 0, 0, 0)),
                null, true), "a Sync now that is finishing");
        assertEquals(TrayState.PAUSED, state(READY, progress(EngineProgress.State.PAUSED, 4, run(9, 5, 0, 0)),
                health(true, List.of()), false));
        assertEquals(TrayState.ERROR, state(READY, progress(EngineProgress.State.IDLE, 0, run(0, 0, 0, 0)),
                health(false, List.of()), false), "Qdrant unreachable");
        assertEquals(TrayState.ERROR, state(READY, progress(EngineProgress.State.IDLE, 0, run(0, 0, 0, 0)),
                health(true, List.of("12 of 40 documents vanished")), false), "deletions on hold");
        assertEquals(TrayState.ERROR, state(new SessionStatus(SessionStatus.Phase.FAILED, "no model"), null,
                null, false));
        assertEquals(TrayState.IDLE, state(SessionStatus.starting("Starting…"), null, null, false));
    }

    @Test
    void theMenuOffersPauseOrResumeAndDisablesWhatCannotBeUsed() {
        TrayMenu idle = menu(READY, progress(EngineProgress.State.IDLE, 0, run(0, 0, 0, 0)),
                health(true, List.of()), false);
        assertEquals(List.of("Open Alexandria", "", "Sync now", "Pause", "", "Quit Alexandria"),
                idle.items().stream().map(TrayMenu.Item::label).toList());
        assertTrue(idle.item(TrayAction.SYNC_NOW).orElseThrow().enabled());
        assertTrue(idle.item(TrayAction.PAUSE).orElseThrow().enabled());
        assertTrue(idle.item(TrayAction.RESUME).isEmpty());
        assertEquals("Alexandria — Idle — everything is in sync", idle.tooltip());

        TrayMenu paused = menu(READY, progress(EngineProgress.State.PAUSED, 3, run(3, 0, 0, 0)),
                health(true, List.of()), false);
        assertEquals(TrayState.PAUSED, paused.state());
        assertTrue(paused.item(TrayAction.RESUME).orElseThrow().enabled());
        assertTrue(paused.item(TrayAction.PAUSE).isEmpty());
        assertTrue(paused.tooltip().contains("Paused: 3 documents waiting"), paused.tooltip());

        TrayMenu syncing = menu(READY, progress(EngineProgress.State.SYNCING, 3, run(5, 2, 0, 0)),
                health(true, List.of()), true);
        assertEquals("Syncing…", syncing.item(TrayAction.SYNC_NOW).orElseThrow().label());
        assertFalse(syncing.item(TrayAction.SYNC_NOW).orElseThrow().enabled(), "one sync at a time");

        TrayMenu starting = menu(SessionStatus.starting("Loading the model…"), null, null, false);
        assertFalse(starting.item(TrayAction.SYNC_NOW).orElseThrow().enabled());
        assertFalse(starting.item(TrayAction.PAUSE).orElseThrow().enabled());
        assertTrue(starting.item(TrayAction.OPEN).orElseThrow().enabled());
        assertTrue(starting.item(TrayAction.QUIT).orElseThrow().enabled());

        TrayMenu down = menu(READY, progress(EngineProgress.State.IDLE, 0, run(0, 0, 0, 0)),
                health(false, List.of()), false);
        assertTrue(down.tooltip().startsWith("Alexandria — Needs attention\nQdrant unreachable at http://nas:6334"),
                down.tooltip());
        assertTrue(down.tooltip().length() <= 127, "Windows cuts tooltips at 127 characters: " + down.tooltip());

        TrayMenu notSetUp = TrayMenu.of(AppStatus.of(READY, progress(EngineProgress.State.WAITING_FOR_INDEX, 0,
                run(0, 0, 0, 0)), false, health(false, List.of()), false, 0, null), false);
        assertEquals(TrayState.IDLE, notSetUp.state(), "nothing set up is no alarm");
        assertEquals("Alexandria — " + AppStatus.NOT_SET_UP_LINE, notSetUp.tooltip());
        assertTrue(notSetUp.item(TrayAction.SYNC_NOW).orElseThrow().enabled(), "it says what to do");
    }

    @Test
    void eachStateHasItsOwnBadgeColour() {
        for (TrayState s : TrayState.values()) {
            for (int size : new int[] {16, 22, 32}) {
                BufferedImage img = TrayIcons.render(s, size);
                assertEquals(size, img.getWidth());
                double[] c = TrayIcons.badgeCentre(size);
                double r = Math.max(7, size * 0.56) * 0.45;
                Map<Integer, Integer> counts = new java.util.HashMap<>();
                for (int y = 0; y < size; y++) {
                    for (int x = 0; x < size; x++) {
                        if (Math.hypot(x + 0.5 - c[0], y + 0.5 - c[1]) < r) {
                            counts.merge(img.getRGB(x, y), 1, Integer::sum);
                        }
                    }
                }
                int dominant = counts.entrySet().stream().max(Map.Entry.comparingByValue()).orElseThrow().getKey();
                assertEquals(TrayIcons.color(s).getRGB(), dominant, s + " at " + size + " px: " + new Color(dominant, true));
            }
        }
    }
}
