package io.alexandria.ui.tray;

/**
 * What the tray icon shows: one of four states, as the window's one state
 * ({@link io.alexandria.ui.status.AppStatus#tray()}) says.
 */
public enum TrayState {
    /** Everything is in sync (or the engine is starting, or nothing is set up yet). */
    IDLE("Idle — everything is in sync"),
    /** Scanning or indexing. */
    SYNCING("Syncing"),
    /** Paused by the user. */
    PAUSED("Paused"),
    /**
     * Something needs attention: the start failed, a stage is failing, Qdrant is unreachable, a
     * source's folder is missing, deletions are on hold.
     */
    ERROR("Needs attention");

    private final String label;

    TrayState(String label) {
        this.label = label;
    }

    /** A few words for the tooltip. */
    public String label() {
        return label;
    }
}
