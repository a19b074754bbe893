package io.alexandria.sync;

/**
 * Observes the engine (the desktop window, the CLI's progress line). Called from engine threads,
 * never the JavaFX thread: UI listeners must hand over with {@code Platform.runLater}.
 */
public interface EngineListener {
    /** A document finished a sync step. */
    default void documentDone(DocumentOutcome outcome) {
    }

    /** The engine's activity changed (a stage started or finished work, an error appeared). */
    default void activity(String stage, String documentTitle) {
    }
}
