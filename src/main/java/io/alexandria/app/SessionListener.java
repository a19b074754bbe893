package io.alexandria.app;

import io.alexandria.sync.EngineListener;
import io.alexandria.sync.EngineProgress;

/**
 * Observes an {@link AppSession}: its status, the engine's document outcomes, activity and
 * published events, and the engine's pushed state (relayed from whichever engine the session currently has, so
 * observers survive a rebuild). Called on background threads: UI observers hand over with
 * {@code Platform.runLater}. A {@link RuntimeException} thrown here is logged; the other
 * observers are still told.
 */
public interface SessionListener extends EngineListener {
    /** The session's status changed. */
    default void statusChanged(SessionStatus status) {
    }

    /**
     * The engine's state changed (see {@link io.alexandria.sync.EngineStateTracker}): its current
     * snapshot when the engine starts, then every transition and, while work flows, new figures
     * at most every {@link io.alexandria.sync.EngineStateTracker#MIN_INTERVAL}. Called on the
     * tracker's thread.
     */
    default void engineStateChanged(EngineProgress snapshot) {
    }
}
