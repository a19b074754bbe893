package io.alexandria.ui.tray;

import io.alexandria.app.SessionStatus;
import io.alexandria.health.HealthReport;
import io.alexandria.sync.EngineProgress;
import io.alexandria.sync.SyncSummary;
import io.alexandria.ui.Formats;
import io.alexandria.ui.Notifier;
import io.alexandria.ui.status.StatusTexts;
import java.util.ArrayList;
import java.util.List;

/**
 * Which OS notifications the session's snapshots deserve — few, and never one per document: the
 * first sync of the session that finishes (how many documents are searchable), a later sync that
 * ends with failed documents (how many), deletions put on hold (once per set of alarms), and a
 * start that failed (once per reason). Fed with every snapshot, in order; pure, no JavaFX.
 */
public final class NoticePolicy {
    /**
     * A notification.
     *
     * @param level severity
     * @param title a few words
     * @param text  one or two sentences
     */
    public record Notice(Notifier.Level level, String title, String text) {
    }

    private EngineProgress.State lastState;
    private boolean firstSyncReported;
    private List<String> lastAlarms = List.of();
    private String lastFailure;

    /** Notices for a new progress snapshot: a run that has just ended (busy → idle). */
    public List<Notice> progress(EngineProgress p) {
        if (p == null) {
            return List.of();
        }
        EngineProgress.State before = lastState;
        lastState = p.state();
        if (before == null || before == EngineProgress.State.IDLE || p.state() != EngineProgress.State.IDLE) {
            return List.of();
        }
        SyncSummary r = p.run();
        if (r.documents() == 0) {
            return List.of();
        }
        List<Notice> out = new ArrayList<>();
        if (!firstSyncReported) {
            firstSyncReported = true;
            long searchable = r.indexed() + r.unchanged();
            String text = Formats.count(searchable) + (searchable == 1 ? " document is" : " documents are")
                    + " searchable (" + Formats.count(r.indexed()) + " indexed, " + Formats.count(r.unchanged())
                    + " unchanged).";
            if (r.failed() > 0) {
                text += " " + failedSentence(r.failed());
            }
            out.add(new Notice(r.failed() > 0 ? Notifier.Level.WARNING : Notifier.Level.INFO,
                    "Alexandria is up to date", text));
        } else if (r.failed() > 0) {
            out.add(new Notice(Notifier.Level.WARNING, r.failed() == 1 ? "A document could not be indexed"
                    : Formats.count(r.failed()) + " documents could not be indexed", failedSentence(r.failed())));
        }
        return out;
    }

    private static String failedSentence(long failed) {
        return Formats.count(failed) + (failed == 1 ? " document" : " documents")
                + " could not be indexed: the Ingest pane says why.";
    }

    /** Notices for a new health report: deletions newly put on hold. */
    public List<Notice> health(HealthReport h) {
        if (h == null) {
            return List.of();
        }
        List<String> alarms = h.alarms();
        if (alarms.isEmpty()) {
            lastAlarms = List.of();
            return List.of();
        }
        if (alarms.equals(lastAlarms)) {
            return List.of();
        }
        lastAlarms = List.copyOf(alarms);
        return List.of(new Notice(Notifier.Level.WARNING, "Deletions are on hold",
                String.join("; ", alarms.stream().map(StatusTexts::alarm).toList())
                        + ". Nothing is deleted until you confirm in Sync health."));
    }

    /** Notices for a new session status: a start that failed. */
    public List<Notice> status(SessionStatus s) {
        if (s == null || s.phase() != SessionStatus.Phase.FAILED) {
            return List.of();
        }
        if (s.message().equals(lastFailure)) {
            return List.of();
        }
        lastFailure = s.message();
        return List.of(new Notice(Notifier.Level.ERROR, "Alexandria could not start", s.message()));
    }
}
