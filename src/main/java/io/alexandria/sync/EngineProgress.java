package io.alexandria.sync;

import io.alexandria.store.Stage;
import java.time.Duration;
import java.util.Map;

/**
 * A snapshot of the engine for the Ingest pane, the status bar and the CLI (issue #4: queue depth
 * per stage, throughput, oldest waiting item's age).
 *
 * @param state              idle, scanning, syncing, paused or error (Syncthing's folder states)
 * @param currentStage       the stage that last reported activity, or null
 * @param currentDocument    the document it reported, or null
 * @param documentsByStage   documents per pipeline stage (IDLE = nothing to do)
 * @param chunksToEmbed      pending chunks without a vector yet
 * @param outboxDepth        events waiting to be published
 * @param pointDeletesQueued point deletions waiting for Qdrant
 * @param oldestWaiting      age of the oldest waiting document, or null when none waits
 * @param chunksPerSecond    embedding throughput over the last minute
 * @param eta                estimated time to embed what waits, or null when unknown
 * @param stageErrors        stage name → current error, for stages that are failing
 * @param run                the current sync's counters
 */
public record EngineProgress(State state, String currentStage, String currentDocument,
                             Map<Stage, Integer> documentsByStage, int chunksToEmbed, int outboxDepth,
                             int pointDeletesQueued, Duration oldestWaiting, double chunksPerSecond, Duration eta,
                             Map<String, String> stageErrors, SyncSummary run) {

    /** Engine states, after Syncthing's folder states. */
    public enum State { IDLE, SCANNING, SYNCING, PAUSED, ERROR }

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
}
