package io.alexandria.ui.tray;

import io.alexandria.app.SessionStatus;
import io.alexandria.health.HealthReport;
import io.alexandria.sync.EngineProgress;

/** What the tray icon shows: one of four states, from the session's latest snapshots. */
public enum TrayState {
    /** Everything is in sync (or the engine is starting). */
    IDLE("Idle — everything is in sync"),
    /** Scanning or indexing. */
    SYNCING("Syncing"),
    /** Paused by the user. */
    PAUSED("Paused"),
    /** Something needs attention: the start failed, a stage is failing, Qdrant is unreachable, deletions are on hold. */
    ERROR("Needs attention");

    private final String label;

    TrayState(String label) {
        this.label = label;
    }

    /** A few words for the tooltip. */
    public String label() {
        return label;
    }

    /**
     * The state for these snapshots (any may be null).
     *
     * @param syncRunning whether a Sync now is running
     */
    public static TrayState of(SessionStatus status, EngineProgress progress, HealthReport health, boolean syncRunning) {
        if (status != null && status.phase() == SessionStatus.Phase.FAILED) {
            return ERROR;
        }
        if (progress != null && progress.state() == EngineProgress.State.ERROR) {
            return ERROR;
        }
        if (status != null && status.ready() && health != null
                && (!health.qdrantReachable() || !health.alarms().isEmpty())) {
            return ERROR;
        }
        if (progress != null && progress.state() == EngineProgress.State.PAUSED) {
            return PAUSED;
        }
        if (syncRunning || progress != null && (progress.state() == EngineProgress.State.SYNCING
                || progress.state() == EngineProgress.State.SCANNING)) {
            return SYNCING;
        }
        return IDLE;
    }
}
