package io.alexandria.sync;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.alexandria.store.Stage;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The state tracker alone (no engine, no ledger): snapshots come from a supplier the test
 * controls. It pushes the current snapshot to a new listener, then every transition and new
 * figures, in order, coalescing bursts; records transitions only; survives a failing listener;
 * and stops after close.
 */
class EngineStateTrackerTest {
    private static final SyncSummary RUN = new SyncSummary(0, 0, 0, 0, 0, 0, 0, 0, 0, Map.of(), "m", "cpu", true,
            null);
    private final AtomicReference<EngineProgress> next = new AtomicReference<>(snapshot(EngineProgress.State.IDLE,
            null, 0));
    private final AtomicInteger taken = new AtomicInteger();
    private final List<EngineProgress> recorded = new CopyOnWriteArrayList<>();
    private final EngineStateTracker tracker = new EngineStateTracker(
            snapshot(EngineProgress.State.STOPPED, "not started", 0), () -> {
                taken.incrementAndGet();
                return next.get();
            }, recorded::add);

    @AfterEach
    void close() {
        tracker.close();
    }

    private static EngineProgress snapshot(EngineProgress.State state, String reason, int detected) {
        return new EngineProgress(state, reason, null, null, Map.of(Stage.DETECTED, detected), 0, 0, 0, null, 0, null,
                Map.of(), RUN, 0, null);
    }

    private List<EngineProgress> listen() {
        List<EngineProgress> seen = new CopyOnWriteArrayList<>();
        tracker.addListener(seen::add);
        return seen;
    }

    @Test
    void aNewListenerGetsTheCurrentStateThenEveryTransitionInOrder() {
        List<EngineProgress> seen = listen();
        await().atMost(Duration.ofSeconds(5)).until(() -> seen.size() == 1);
        assertEquals(EngineProgress.State.STOPPED, seen.getFirst().state());

        next.set(snapshot(EngineProgress.State.SCANNING, null, 0));
        tracker.changed();
        await().atMost(Duration.ofSeconds(5)).until(() -> seen.size() == 2);
        next.set(snapshot(EngineProgress.State.SYNCING, null, 3));
        tracker.changed();
        await().atMost(Duration.ofSeconds(5)).until(() -> seen.size() == 3);
        next.set(snapshot(EngineProgress.State.WAITING_FOR_INDEX, "upload: Qdrant UNAVAILABLE", 3));
        tracker.changed();
        await().atMost(Duration.ofSeconds(5)).until(() -> seen.size() == 4);

        assertEquals(List.of(EngineProgress.State.STOPPED, EngineProgress.State.SCANNING, EngineProgress.State.SYNCING,
                EngineProgress.State.WAITING_FOR_INDEX), seen.stream().map(EngineProgress::state).toList());
        for (int i = 1; i < seen.size(); i++) {
            assertEquals(seen.get(i - 1).version() + 1, seen.get(i).version(), "versions count up in delivery order");
            assertNotNull(seen.get(i).since());
        }
        assertEquals("upload: Qdrant UNAVAILABLE", tracker.current().reason());
        assertEquals(seen.getLast(), tracker.current());
    }

    @Test
    void newFiguresArePushedButOnlyTransitionsAreRecordedAndNothingIsPushedTwice() {
        List<EngineProgress> seen = listen();
        next.set(snapshot(EngineProgress.State.SYNCING, null, 5));
        tracker.changed();
        await().atMost(Duration.ofSeconds(5)).until(() -> seen.size() == 2);
        next.set(snapshot(EngineProgress.State.SYNCING, null, 4));
        tracker.changed();
        await().atMost(Duration.ofSeconds(5)).until(() -> seen.size() == 3);
        assertEquals(4, seen.getLast().documentsWaiting());
        assertEquals(seen.get(1).since(), seen.getLast().since(), "the state began with the transition");

        long version = tracker.current().version();
        int before = taken.get();
        tracker.changed();
        await().atMost(Duration.ofSeconds(5)).until(() -> taken.get() > before);
        assertEquals(version, tracker.refreshNow().version(), "an identical snapshot is not published");
        assertEquals(3, seen.size());
        assertEquals(List.of(EngineProgress.State.SYNCING), recorded.stream().map(EngineProgress::state).toList(),
                "the recorder sees transitions only");
    }

    @Test
    void aBurstOfChangesIsCoalesced() {
        long t0 = System.nanoTime();
        for (int i = 0; i < 10_000; i++) {
            tracker.changed();
        }
        long elapsedMs = (System.nanoTime() - t0) / 1_000_000;
        await().atMost(Duration.ofSeconds(5)).until(() -> taken.get() >= 1);
        long bound = elapsedMs / EngineStateTracker.MIN_INTERVAL.toMillis() + 2;
        assertTrue(taken.get() <= bound, taken.get() + " snapshots for 10,000 changes in " + elapsedMs + " ms");
    }

    @Test
    void aFailingListenerIsLoggedAndTheOthersStillReceive() {
        List<EngineProgress> failing = new ArrayList<>();
        tracker.addListener(s -> {
            failing.add(s);
            throw new IllegalStateException("listener bug");
        });
        List<EngineProgress> seen = listen();
        next.set(snapshot(EngineProgress.State.SYNCING, null, 1));
        tracker.changed();
        await().atMost(Duration.ofSeconds(5)).until(() -> seen.size() == 2);
        next.set(snapshot(EngineProgress.State.IDLE, null, 0));
        tracker.changed();
        await().atMost(Duration.ofSeconds(5)).until(() -> seen.size() == 3);
        assertEquals(3, failing.size(), "the failing listener keeps receiving");
    }

    @Test
    void closeDeliversTheLastStateThenNothingMore() {
        List<EngineProgress> seen = listen();
        tracker.close(snapshot(EngineProgress.State.STOPPED, "closed", 0));
        assertEquals(EngineProgress.State.STOPPED, seen.getLast().state());
        assertEquals("closed", seen.getLast().reason());
        int size = seen.size();
        next.set(snapshot(EngineProgress.State.SYNCING, null, 2));
        tracker.changed();
        assertEquals(size, seen.size());
        assertEquals("closed", recorded.getLast().reason());
    }
}
