package io.alexandria.pipeline;

import io.alexandria.store.DocumentRow;
import java.time.Instant;
import java.util.Map;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Fails one document without stopping its stage: the {@code failed} transition (ledger row failed
 * with the reason, {@code ingest_error} queued), its lease given back, the run's failure counter,
 * and a {@link DocumentOutcome.Kind#FAILED} outcome.
 */
record DocumentFailures(PipelineStore store, Leases leases, Supplier<RunStats> stats, PipelineObserver observers) {
    private static final Logger LOG = LoggerFactory.getLogger(DocumentFailures.class);

    /**
     * Fails {@code doc}.
     *
     * @param started when its ingest began, if {@code ingest_start} was not queued yet; else null
     * @param payload document fields for the events, may be empty
     */
    void fail(DocumentRow doc, Instant started, String errorType, String message, Throwable cause,
              Map<String, Object> payload) {
        LOG.warn("cannot ingest {}: {} ({})", doc.key(), message, errorType);
        store.failed(doc, started, errorType, message, cause, payload);
        leases.release(doc.docUuid());
        stats.get().failed.incrementAndGet();
        observers.documentDone(new DocumentOutcome(doc.key(), doc.title(), DocumentOutcome.Kind.FAILED, 0, errorType,
                message));
    }

    /** Fails the document with ledger id {@code documentId}, if it is still there. */
    void fail(long documentId, String errorType, String message, Throwable cause) {
        store.document(documentId).ifPresent(doc -> fail(doc, null, errorType, message, cause, Map.of()));
    }

    /**
     * A failure met while working on {@code doc}: rethrown when it is the stage's (an outage, the
     * database), else the document fails with the failure's type — an {@link Error} included, so
     * one poisonous document never kills its stage.
     */
    void failOrRethrow(DocumentRow doc, Instant started, Throwable failure, Map<String, Object> payload) {
        if (StageFailure.holdsTheStage(failure)) {
            if (failure instanceof RuntimeException r) {
                throw r;
            }
            throw (Error) failure;
        }
        fail(doc, started, failure.getClass().getSimpleName(), StageFailure.describe(failure), failure, payload);
    }
}
