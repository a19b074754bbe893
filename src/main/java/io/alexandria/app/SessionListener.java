package io.alexandria.app;

import io.alexandria.sync.EngineListener;

/**
 * Observes an {@link AppSession}: its status, and the engine's document outcomes and activity
 * (relayed from whichever engine the session currently has, so observers survive a rebuild).
 * Called on background threads: UI observers hand over with {@code Platform.runLater}.
 */
public interface SessionListener extends EngineListener {
    /** The session's status changed. */
    default void statusChanged(SessionStatus status) {
    }
}
