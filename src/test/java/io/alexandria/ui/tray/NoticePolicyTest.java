package io.alexandria.ui.tray;

import static io.alexandria.ui.tray.TrayMenuTest.health;
import static io.alexandria.ui.tray.TrayMenuTest.progress;
import static io.alexandria.ui.tray.TrayMenuTest.run;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.alexandria.app.SessionStatus;
import io.alexandria.sync.EngineProgress;
import io.alexandria.ui.Notifier;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Which snapshots earn an OS notification: the first finished sync once, later runs only when
 * documents failed (one notice per run, however many documents), held deletions once per set,
 * a failed start once per reason — and nothing per document.
 */
class NoticePolicyTest {
    private final NoticePolicy policy = new NoticePolicy();

    private List<NoticePolicy.Notice> feed(EngineProgress... snapshots) {
        List<NoticePolicy.Notice> out = new ArrayList<>();
        for (EngineProgress p : snapshots) {
            out.addAll(policy.progress(p));
        }
        return out;
    }

    @Test
    void theFirstFinishedSyncIsAnnouncedOnceAndLaterCleanRunsAreQuiet() {
        List<NoticePolicy.Notice> first = feed(progress(EngineProgress.State.IDLE, 0, run(0, 0, 0, 0)),
                progress(EngineProgress.State.SCANNING, 0, run(0, 0, 0, 0)),
                progress(EngineProgress.State.SYNCING, 100, run(118, 10, 0, 0)),
                progress(EngineProgress.State.SYNCING, 50, run(118, 60, 0, 0)),
                progress(EngineProgress.State.IDLE, 0, run(118, 117, 1, 0)),
                progress(EngineProgress.State.IDLE, 0, run(118, 117, 1, 0)));
        assertEquals(1, first.size(), first.toString());
        assertEquals(Notifier.Level.INFO, first.getFirst().level());
        assertEquals("Alexandria is up to date", first.getFirst().title());
        assertEquals("118 documents are searchable (117 indexed, 1 unchanged).", first.getFirst().text());
        // a note edited later: one quiet run
        assertEquals(List.of(), feed(progress(EngineProgress.State.SYNCING, 1, run(1, 0, 0, 0)),
                progress(EngineProgress.State.IDLE, 0, run(1, 1, 0, 0))));
    }

    @Test
    void aRunWithFailuresGivesOneNoticeWhateverTheNumberOfDocuments() {
        feed(progress(EngineProgress.State.SYNCING, 3, run(3, 0, 0, 0)), progress(EngineProgress.State.IDLE, 0,
                run(3, 3, 0, 0)));
        List<NoticePolicy.Notice> n = feed(progress(EngineProgress.State.SYNCING, 40, run(40, 0, 0, 0)),
                progress(EngineProgress.State.SYNCING, 20, run(40, 10, 0, 10)),
                progress(EngineProgress.State.IDLE, 0, run(40, 15, 0, 25)));
        assertEquals(1, n.size(), n.toString());
        assertEquals("25 documents could not be indexed", n.getFirst().title());
        assertEquals(Notifier.Level.WARNING, n.getFirst().level());
    }

    @Test
    void aFirstSyncWithFailuresSaysBoth() {
        List<NoticePolicy.Notice> n = feed(progress(EngineProgress.State.SYNCING, 3, run(3, 0, 0, 0)),
                progress(EngineProgress.State.IDLE, 0, run(3, 2, 0, 1)));
        assertEquals(1, n.size());
        assertEquals(Notifier.Level.WARNING, n.getFirst().level());
        assertTrue(n.getFirst().text().contains("1 document could not be indexed"), n.getFirst().text());
    }

    @Test
    void heldDeletionsOncePerSetOfAlarms() {
        String alarm = "12 of 40 documents (30 %) vanished from the vault; confirm with sync --confirm-deletes.";
        assertEquals(List.of(), policy.health(health(true, List.of())));
        List<NoticePolicy.Notice> n = policy.health(health(true, List.of(alarm)));
        assertEquals(1, n.size());
        assertEquals("Deletions are on hold", n.getFirst().title());
        assertTrue(n.getFirst().text().startsWith("12 of 40 documents (30 %) vanished from the vault."),
                n.getFirst().text());
        assertEquals(List.of(), policy.health(health(true, List.of(alarm))), "the same alarm again");
        assertEquals(List.of(), policy.health(health(true, List.of())));
        assertEquals(1, policy.health(health(true, List.of(alarm))).size(), "held again after it cleared");
    }

    @Test
    void aFailedStartOncePerReason() {
        SessionStatus failed = new SessionStatus(SessionStatus.Phase.FAILED, "The model could not be loaded.");
        assertEquals(1, policy.status(failed).size());
        assertEquals(List.of(), policy.status(failed));
        assertEquals(List.of(), policy.status(TrayMenuTest.READY));
    }
}
