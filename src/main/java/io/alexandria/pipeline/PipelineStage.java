package io.alexandria.pipeline;

/** One stage of the durable pipeline, run repeatedly by a {@link StageWorker}. */
interface PipelineStage {
    /** Short name shown in progress and health: extract, embed, upload, events. */
    String name();

    /**
     * Takes a bounded amount of waiting work and does it.
     *
     * @return true when some work was done (the worker then looks again at once)
     * @throws Exception on a failure that should hold the stage (Qdrant down, model broken): the
     *                   worker backs off and retries; no work is lost
     */
    boolean runOnce() throws Exception;

    /** Releases what the stage holds (threads); called once its worker stopped. */
    default void close() {
    }
}
