package io.alexandria.sync;

import io.alexandria.pipeline.RunStats;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What one sync did: the {@code sync --json} object ({@code docs/architecture.md}, "Command-line outputs").
 *
 * @param documents      documents the sources hold
 * @param indexed        documents (re-)indexed
 * @param unchanged      documents found unchanged
 * @param failed         documents that failed (bad input), with reasons in the ledger and events
 * @param deleted        documents whose points were removed
 * @param chunks         chunks of the documents indexed
 * @param chunksEmbedded texts run through the model (cache misses)
 * @param pointsUpserted points written to Qdrant
 * @param pointsDeleted  points removed from Qdrant
 * @param stageSeconds   seconds per stage
 * @param model          model id
 * @param device         device the model ran on
 * @param complete       false when the sync stopped with work still queued (e.g. Qdrant down)
 * @param message        a line for the user when not complete, or a held-deletion alarm
 */
public record SyncSummary(long documents, long indexed, long unchanged, long failed, long deleted, long chunks,
                          long chunksEmbedded, long pointsUpserted, long pointsDeleted,
                          Map<String, Double> stageSeconds, String model, String device, boolean complete,
                          String message) {

    static SyncSummary of(RunStats stats, String model, String device, boolean complete, String message) {
        RunStats.RunCounts s = stats.counts();
        return new SyncSummary(s.documents(), s.indexed(), s.unchanged(), s.failed(), s.deleted(), s.chunks(),
                s.chunksEmbedded(), s.pointsUpserted(), s.pointsDeleted(), s.stageSeconds(), model, device, complete,
                message);
    }

    /** The summary as {@code sync --json}'s keys, in order. */
    public Map<String, Object> toJson() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("documents", documents);
        m.put("indexed", indexed);
        m.put("unchanged", unchanged);
        m.put("failed", failed);
        m.put("deleted", deleted);
        m.put("chunks", chunks);
        m.put("chunks_embedded", chunksEmbedded);
        m.put("points_upserted", pointsUpserted);
        m.put("points_deleted", pointsDeleted);
        m.put("stage_seconds", stageSeconds);
        m.put("model", model);
        m.put("device", device);
        m.put("complete", complete);
        if (message != null) {
            m.put("message", message);
        }
        return m;
    }
}
