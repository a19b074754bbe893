package io.alexandria.sync;

/**
 * Receives the engine's state as {@link EngineStateTracker} pushes it. Called on the tracker's
 * own thread ({@code alexandria-state}), one snapshot at a time, in publication order — never on
 * an engine worker and never on the JavaFX thread: a UI listener hands over with
 * {@code Platform.runLater}. It must not block for long (it holds up later snapshots, not the
 * engine). A {@link RuntimeException} it throws is logged and the next listener still gets the
 * snapshot.
 */
@FunctionalInterface
public interface EngineStateListener {
    /**
     * A new snapshot: the current one right after {@link EngineStateTracker#addListener}, then
     * every transition ({@link EngineProgress#differsInState}) and, while work flows, new figures
     * at most every {@link EngineStateTracker#MIN_INTERVAL}.
     */
    void engineStateChanged(EngineProgress snapshot);
}
