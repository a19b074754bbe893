package io.alexandria.sync;

import io.alexandria.store.Stage;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

/**
 * One snapshot of the engine: its state (after Syncthing's folder states; the state machine is in
 * {@code docs/architecture.md}, "Engine states"), why it is in that state, and the figures the
 * Ingest pane, the status bar and the CLI show (queue depth per stage, throughput, the oldest
 * waiting item's age, the current run's counters). Immutable. {@link EngineStateTracker} pushes
 * a new one to its listeners after every transition and, while work flows, at most every
 * {@link EngineStateTracker#MIN_INTERVAL}.
 *
 * @param state              what the engine is doing
 * @param reason             why, in one line, where the state alone does not say it (the failing
 *                           stage and its error for {@link State#ERROR}, Qdrant's answer for
 *                           {@link State#WAITING_FOR_INDEX}, the missing folder for
 *                           {@link State#SOURCE_MISSING}, "paused", "closed"); null otherwise
 * @param currentStage       the stage that last reported activity, or null
 * @param currentDocument    the document it reported, or null
 * @param documentsByStage   documents per pipeline stage ({@code IDLE}: nothing to do)
 * @param chunksToEmbed      pending chunks without a vector yet
 * @param outboxDepth        events waiting to be published
 * @param pointDeletesQueued point deletions waiting for Qdrant
 * @param oldestWaiting      age of the oldest waiting document, or null when none waits
 * @param chunksPerSecond    embedding throughput over the last minute, texts per second
 * @param eta                estimated time to embed what waits — the chunks already cut and those
 *                           of the documents still to extract (estimated from their size) — at
 *                           {@code chunksPerSecond}, or null when unknown (nothing measured yet)
 * @param stageErrors        stage name → current error, for stages that are failing
 * @param run                the current sync's counters
 * @param version            increases by one with every snapshot the tracker publishes (0: not published)
 * @param since              when the engine entered {@code state}, or null when unknown
 */
public record EngineProgress(State state, String reason, String currentStage, String currentDocument,
                             Map<Stage, Integer> documentsByStage, int chunksToEmbed, int outboxDepth,
                             int pointDeletesQueued, Duration oldestWaiting, double chunksPerSecond, Duration eta,
                             Map<String, String> stageErrors, SyncSummary run, long version, Instant since) {

    /**
     * Engine states, after Syncthing's folder states (lib/model), in the order they take
     * precedence when several apply: stopped, paused, error, waiting for index, source missing,
     * scanning, syncing, idle.
     */
    public enum State {
        /** Nothing waits: every document is in Qdrant as the ledger says (or failed with a reason). */
        IDLE,
        /** Sources are being compared with the ledger. */
        SCANNING,
        /** Documents, events or point deletions are moving through the stages. */
        SYNCING,
        /** The user paused the engine: work stays queued, events still flow. */
        PAUSED,
        /** Qdrant cannot be reached: work queues locally and resumes when it is back. */
        WAITING_FOR_INDEX,
        /**
         * A source's folder is missing or unreadable at its last scan (an unmounted drive or share):
         * nothing of it is compared or deleted until it is back; {@link #reason()} says which.
         */
        SOURCE_MISSING,
        /**
         * A stage fails: retried with backoff for a retryable failure (the model failing, Qdrant
         * refusing the key), halted until a retry for a fatal one; {@link #reason()} says which.
         */
        ERROR,
        /** The engine has not started, or has closed. */
        STOPPED;

        /** The lower-case name ({@code waiting_for_index}), as the CLI, JSON and the status bar write it. */
        public String key() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    public EngineProgress {
        documentsByStage = Map.copyOf(documentsByStage);
        stageErrors = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(stageErrors));
    }

    /** A snapshot without reason, version and start time (tests, previews). */
    public EngineProgress(State state, String currentStage, String currentDocument,
                          Map<Stage, Integer> documentsByStage, int chunksToEmbed, int outboxDepth,
                          int pointDeletesQueued, Duration oldestWaiting, double chunksPerSecond, Duration eta,
                          Map<String, String> stageErrors, SyncSummary run) {
        this(state, null, currentStage, currentDocument, documentsByStage, chunksToEmbed, outboxDepth,
                pointDeletesQueued, oldestWaiting, chunksPerSecond, eta, stageErrors, run, 0, null);
    }

    /** Documents with work in flight. */
    public int documentsWaiting() {
        int n = 0;
        for (var e : documentsByStage.entrySet()) {
            if (e.getKey() != Stage.IDLE) {
                n += e.getValue();
            }
        }
        return n;
    }

    /** Whether {@code other} is in another state or for another reason (a transition). */
    public boolean differsInState(EngineProgress other) {
        return other == null || state != other.state || !java.util.Objects.equals(reason, other.reason);
    }

    /**
     * Whether {@code other} shows other figures: queues, activity, errors or run counters (ages,
     * rates and estimates, which move with the clock, are not compared).
     */
    public boolean differsInFigures(EngineProgress other) {
        return other == null || !java.util.Objects.equals(currentStage, other.currentStage)
                || !java.util.Objects.equals(currentDocument, other.currentDocument)
                || !documentsByStage.equals(other.documentsByStage) || chunksToEmbed != other.chunksToEmbed
                || outboxDepth != other.outboxDepth || pointDeletesQueued != other.pointDeletesQueued
                || !stageErrors.equals(other.stageErrors) || !java.util.Objects.equals(run, other.run);
    }

    /** This snapshot as published: with its version and the time its state began. */
    EngineProgress published(long newVersion, Instant stateSince) {
        return new EngineProgress(state, reason, currentStage, currentDocument, documentsByStage, chunksToEmbed,
                outboxDepth, pointDeletesQueued, oldestWaiting, chunksPerSecond, eta, stageErrors, run, newVersion,
                stateSince);
    }
}
