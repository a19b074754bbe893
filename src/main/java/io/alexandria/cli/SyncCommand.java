package io.alexandria.cli;

import io.alexandria.app.Assembly;
import io.alexandria.common.Json;
import io.alexandria.embedding.EmbeddingException;
import io.alexandria.index.QdrantEndpoint;
import io.alexandria.sources.DocumentSource;
import io.alexandria.sync.EngineProgress;
import io.alexandria.sync.SyncEngine;
import io.alexandria.sync.SyncSummary;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code sync}: one full sync of the given vault and/or Calibre library into Qdrant, then exit.
 * Exit codes: 0 done, 1 error (bad options, Qdrant unreachable or refusing the key), 2 work left
 * queued (Qdrant went away mid-sync, or a stage halted; the next sync resumes it), 3 deletions held
 * by the mass-deletion guard (everything else is done; confirm with {@code --confirm-deletes}).
 * When deletions are held and work is left queued, 3 wins: it needs the user. The engine's state
 * transitions go to stderr ({@code alexandria: syncing}); with {@code --json} the summary object
 * ends with the final {@code engine} state instead.
 */
@Command(name = "sync", mixinStandardHelpOptions = true,
        description = "Sync a vault and/or Calibre library into Qdrant once, then exit.",
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:done", "1:error (bad options, Qdrant unreachable or refusing the API key)",
            "2:work left queued (Qdrant went away; the next sync resumes it)",
            "3:deletions held by the mass-deletion guard: confirm with --confirm-deletes"})
public final class SyncCommand implements Callable<Integer> {
    /** Exit code: the sync finished. */
    public static final int EXIT_DONE = 0;
    /** Exit code: work was left queued (Qdrant went away); the next sync resumes it. */
    public static final int EXIT_WORK_QUEUED = 2;
    /** Exit code: the mass-deletion guard held deletions; everything else is done. */
    public static final int EXIT_DELETIONS_HELD = 3;

    @Mixin
    ServiceOptions services;
    @Mixin
    SourceOptions sourceOptions;

    @Option(names = "--json", description = "Print one JSON object with the summary on stdout.")
    boolean json;

    @Option(names = "--confirm-deletes",
            description = "Delete even when many documents vanished at once (the mass-deletion guard).")
    boolean confirmDeletes;

    @Option(names = "--max-wait", paramLabel = "SECONDS", defaultValue = "600",
            description = "How long to wait for Qdrant to come back (or a failing stage to recover) during the sync "
                    + "before exiting with work queued; a sync that makes progress is never cut short "
                    + "(default: ${DEFAULT-VALUE}).")
    long maxWaitSeconds;

    @Option(names = "--hostname", paramLabel = "NAME", description = "Host name for points and events.")
    String hostname;

    @Override
    public Integer call() throws EmbeddingException, InterruptedException {
        QdrantEndpoint endpoint = services.endpoint();
        sourceOptions.check();
        QdrantOptions.requireReachable(endpoint);
        try (Assembly assembly = services.openEngine(hostname, sourceOptions, true)) {
            SyncEngine engine = assembly.engine();
            if (!json) {
                engine.state().addListener(new StateLines(System.err, false, false));
            }
            engine.start("sync");
            SyncSummary summary = engine.syncNow(confirmDeletes, Duration.ofSeconds(maxWaitSeconds));
            print(summary, engine.progress(), engine.sources());
            if (engine.sources().stream().anyMatch(engine::deletionsHeld)) {
                return EXIT_DELETIONS_HELD;
            }
            return summary.complete() ? EXIT_DONE : EXIT_WORK_QUEUED;
        }
    }

    private void print(SyncSummary s, EngineProgress state, List<DocumentSource> sources) {
        if (json) {
            Map<String, Object> out = new LinkedHashMap<>(s.toJson());
            out.put("engine", StateLines.toJson(state));
            System.out.println(Json.write(out));
            return;
        }
        for (DocumentSource src : sources) {
            if (src.root() != null) {
                System.out.println("Synced " + src.describe());
            }
        }
        System.out.printf("%d documents: %d indexed, %d unchanged, %d updated, %d failed, %d deleted%n", s.documents(),
                s.indexed(), s.unchanged(), s.updated(), s.failed(), s.deleted());
        System.out.printf("%d chunks (%d embedded), %d points upserted, %d deleted — %s on %s%n", s.chunks(),
                s.chunksEmbedded(), s.pointsUpserted(), s.pointsDeleted(), s.model(), s.device());
        StringBuilder stages = new StringBuilder("seconds per stage:");
        for (Map.Entry<String, Double> e : s.stageSeconds().entrySet()) {
            stages.append(' ').append(e.getKey()).append(' ').append(e.getValue());
        }
        System.out.println(stages);
        if (s.updated() > 0) {
            System.out.printf("%d documents had only their metadata updated%n", s.updated());
        }
        for (SyncSummary.Failure f : s.failures()) {
            System.out.println("  failed: " + f.sourceId() + " — " + f.errorType() + ": " + f.error());
        }
        for (SyncSummary.ScanProblemLine p : s.scanProblems()) {
            System.out.println("  not scanned: " + p.source() + ": " + p.problem());
        }
        for (String a : s.alarms()) {
            System.out.println("ALARM: " + a);
        }
        if (s.message() != null) {
            System.out.println(s.message());
        }
    }
}
