package io.alexandria.pipeline;

/**
 * Told by the stages what happens to documents. Called on the stage threads, in the middle of
 * their work: implementations must be quick and must not block (hand over to another thread for
 * anything slow). A {@link RuntimeException} thrown here is logged and ignored; an {@link Error}
 * propagates and counts as a failure of the stage.
 */
public interface PipelineObserver {
    /** A document finished a step: indexed, unchanged, updated, failed, deleted or skipped. */
    void documentDone(DocumentOutcome outcome);

    /**
     * A stage started work on a document ({@code documentTitle}) or on a batch across documents
     * ({@code documentTitle} null).
     *
     * @param stage {@code extract}, {@code embed}, {@code upload} or {@code events}
     */
    void activity(String stage, String documentTitle);

    /**
     * The event stage published {@code count} events from the outbox to Qdrant's events
     * collection (they can be read there now).
     */
    default void eventsPublished(int count) {
    }
}
