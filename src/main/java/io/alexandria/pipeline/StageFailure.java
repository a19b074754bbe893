package io.alexandria.pipeline;

import io.alexandria.embedding.EmbeddingException;
import io.alexandria.index.QdrantException;
import io.alexandria.store.StoreException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;

/**
 * Why a stage is not doing its work right now (a failure of the stage, not of one document).
 *
 * @param stage   {@code extract}, {@code embed}, {@code upload} or {@code events}
 * @param kind    whether the worker retries by itself or waits for a retry
 * @param message one line for users
 * @param cause   the failure (for logs and details)
 * @param since   when the current run of failures began
 * @param inARow  consecutive failures (1 for the first)
 */
public record StageFailure(String stage, Kind kind, String message, Throwable cause, Instant since, int inARow) {

    /** How a stage failure is handled. */
    public enum Kind {
        /** Qdrant cannot be reached: the work waits for the index, retried with backoff. */
        OUTAGE,
        /** A retryable failure (the model failing, H2 busy, Qdrant refusing a request): retried with backoff. */
        RETRYING,
        /**
         * A fatal failure (an unexpected {@link Error} or an exception no retry can cure): the
         * worker stays alive but takes no work until {@link Pipeline#retry()}.
         */
        HALTED
    }

    /**
     * The kind of a failure that escaped a stage: Qdrant outages, model, database and I/O
     * failures are retryable; any {@link Error} and any other unchecked exception (a bug) halts
     * the stage.
     */
    public static Kind classify(Throwable t) {
        if (t instanceof QdrantException q) {
            return q.isTransient() ? Kind.OUTAGE : Kind.RETRYING;
        }
        if (t instanceof Error) {
            return Kind.HALTED;
        }
        if (t instanceof StoreException || t instanceof UncheckedIOException || t instanceof EmbeddingException
                || t instanceof IOException || !(t instanceof RuntimeException)) {
            return Kind.RETRYING;
        }
        return Kind.HALTED;
    }

    /**
     * Whether a failure met while working on one document is the stage's (an outage or a database
     * failure: the document stays queued and the stage backs off) rather than the document's.
     */
    static boolean holdsTheStage(Throwable t) {
        return t instanceof QdrantException || t instanceof StoreException;
    }

    /** One line: the message, or the failure's type when it has none. */
    static String describe(Throwable t) {
        String m = t.getMessage();
        return m == null || m.isBlank() ? t.getClass().getSimpleName() : m;
    }

    /** The same failure, handed back to the worker for another try. */
    StageFailure retrying() {
        return new StageFailure(stage, Kind.RETRYING, message, cause, since, inARow);
    }

    /** {@code stage: message}. */
    @Override
    public String toString() {
        return stage + ": " + message;
    }
}
