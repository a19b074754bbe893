package io.alexandria.sync;

import io.alexandria.pipeline.DocumentOutcome;

/**
 * Observes what the engine does to documents (the Ingest pane's list, {@code watch}'s output).
 * Called from engine threads (the stage workers, a scan's caller), never the JavaFX thread: UI
 * listeners must hand over with {@code Platform.runLater}, and must not block. A
 * {@link RuntimeException} thrown here is logged and the pipeline goes on. The engine's state is
 * pushed separately, by {@link SyncEngine#state()}.
 */
public interface EngineListener {
    /** A document finished a sync step. */
    default void documentDone(DocumentOutcome outcome) {
    }

    /** The engine's activity changed (a stage started or finished work, an error appeared). */
    default void activity(String stage, String documentTitle) {
    }

    /**
     * Events were published from the outbox to Qdrant's events collection: a reader of the event
     * history (the Events and Hosts panes) finds {@code count} more there.
     */
    default void eventsPublished(int count) {
    }
}
