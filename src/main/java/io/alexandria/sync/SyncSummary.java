package io.alexandria.sync;

import io.alexandria.pipeline.RunStats;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What one sync did: the {@code sync --json} object ({@code docs/architecture.md}, "Command-line outputs").
 *
 * @param documents      documents the sources hold
 * @param indexed        documents (re-)indexed
 * @param unchanged      documents found unchanged
 * @param failed         documents that failed (bad input), with reasons in {@code failures}, the ledger and events
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
 * @param updated        documents whose metadata only changed (their points' payload rewritten)
 * @param failures       which documents failed and why (at most {@link #LISTED} of them)
 * @param scanProblems   paths the scans could not read or follow, per source (at most {@link #LISTED})
 * @param alarms         what the user should know: deletions held, the index found missing and restored
 */
public record SyncSummary(long documents, long indexed, long unchanged, long failed, long deleted, long chunks,
                          long chunksEmbedded, long pointsUpserted, long pointsDeleted,
                          Map<String, Double> stageSeconds, String model, String device, boolean complete,
                          String message, long updated, List<Failure> failures, List<ScanProblemLine> scanProblems,
                          List<String> alarms) {
    /** Most failures and scan problems listed in one summary (the counters count them all). */
    public static final int LISTED = 1000;

    /**
     * One document that failed in this sync.
     *
     * @param source    {@code obsidian}, {@code calibre} or {@code file}
     * @param sourceId  vault-relative path, book id or file hash
     * @param title     the document's title
     * @param errorType the failure's type (e.g. {@code Corrupt}, {@code QdrantRejected})
     * @param error     the reason, one line
     */
    public record Failure(String source, String sourceId, String title, String errorType, String error) {
        /** The {@code failures[]} entry of {@code sync --json}. */
        public Map<String, Object> toJson() {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("source", source);
            m.put("source_id", sourceId);
            m.put("title", title);
            m.put("error_type", errorType);
            m.put("error", error);
            return m;
        }
    }

    /**
     * A path a scan could not read or follow (an unreadable folder, a symlink loop, a link out of
     * the vault…), as the source reported it.
     *
     * @param source  the source, as {@code DocumentSource.describe()} names it
     * @param problem the path and the reason, one line
     */
    public record ScanProblemLine(String source, String problem) {
        /** The {@code scan_problems[]} entry of {@code sync --json}. */
        public Map<String, Object> toJson() {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("source", source);
            m.put("problem", problem);
            return m;
        }
    }

    public SyncSummary {
        failures = failures == null ? List.of() : List.copyOf(failures.subList(0, Math.min(LISTED, failures.size())));
        scanProblems = scanProblems == null ? List.of()
                : List.copyOf(scanProblems.subList(0, Math.min(LISTED, scanProblems.size())));
        alarms = alarms == null ? List.of() : List.copyOf(alarms);
    }

    /** A summary without the lists (nothing failed, no scan problem, no alarm) and no update. */
    public SyncSummary(long documents, long indexed, long unchanged, long failed, long deleted, long chunks,
                       long chunksEmbedded, long pointsUpserted, long pointsDeleted, Map<String, Double> stageSeconds,
                       String model, String device, boolean complete, String message) {
        this(documents, indexed, unchanged, failed, deleted, chunks, chunksEmbedded, pointsUpserted, pointsDeleted,
                stageSeconds, model, device, complete, message, 0, List.of(), List.of(), List.of());
    }

    static SyncSummary of(RunStats stats, String model, String device, boolean complete, String message) {
        return of(stats, model, device, complete, message, List.of(), List.of(), List.of());
    }

    static SyncSummary of(RunStats stats, String model, String device, boolean complete, String message,
                          List<Failure> failures, List<ScanProblemLine> problems, List<String> alarms) {
        RunStats.RunCounts s = stats.counts();
        return new SyncSummary(s.documents(), s.indexed(), s.unchanged(), s.failed(), s.deleted(), s.chunks(),
                s.chunksEmbedded(), s.pointsUpserted(), s.pointsDeleted(), s.stageSeconds(), model, device, complete,
                message, s.updated(), new ArrayList<>(failures), new ArrayList<>(problems), alarms);
    }

    /**
     * The summary as {@code sync --json}'s keys, in order: {@code documents}, {@code indexed},
     * {@code unchanged}, {@code updated}, {@code failed}, {@code deleted}, {@code chunks},
     * {@code chunks_embedded}, {@code points_upserted}, {@code points_deleted},
     * {@code stage_seconds}, {@code model}, {@code device}, {@code complete}, {@code message} (when
     * there is one), {@code failures}, {@code scan_problems}, {@code alarms}.
     */
    public Map<String, Object> toJson() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("documents", documents);
        m.put("indexed", indexed);
        m.put("unchanged", unchanged);
        m.put("updated", updated);
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
        m.put("failures", failures.stream().map(Failure::toJson).toList());
        m.put("scan_problems", scanProblems.stream().map(ScanProblemLine::toJson).toList());
        m.put("alarms", alarms);
        return m;
    }
}
