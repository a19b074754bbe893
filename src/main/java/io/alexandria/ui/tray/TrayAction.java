package io.alexandria.ui.tray;

/** The tray menu's commands. */
public enum TrayAction {
    /** Show the window and bring it forward. */
    OPEN,
    /** Scan every source and index what changed. */
    SYNC_NOW,
    /** Stop taking new work. */
    PAUSE,
    /** Take work again after a pause. */
    RESUME,
    /** Stop watching and exit. */
    QUIT
}
