package io.alexandria.bench;

import io.alexandria.sources.vault.VaultSource;
import io.alexandria.sync.SyncEngine;
import io.alexandria.sync.SyncSummary;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * One side of {@link LangChain4jComparison}, in a child JVM: a first sync of a vault by
 * Alexandria's engine (bundled model, engine defaults) into a Qdrant at a given URL, with a fresh
 * data folder. Arguments: vault folder, data folder, Qdrant gRPC URL. Prints
 * {@link ChildFigures}: notes, chunks, embedded, work_s (wall seconds of main: opening the
 * database, loading the model, the sync), sync_s, embed_stage_s.
 */
final class AlexandriaSyncChild {
    private AlexandriaSyncChild() {
    }

    public static void main(String[] args) throws Exception {
        long t0 = System.nanoTime();
        System.setProperty("bench.qdrant", args[2]);
        try (BenchSupport.Target target = new BenchSupport.Target();
             SyncEngine engine = BenchSupport.engine(Path.of(args[1]), target, "bench-host")) {
            engine.addSource(new VaultSource(Path.of(args[0]), List.of()));
            engine.start("sync");
            long s0 = System.nanoTime();
            SyncSummary s = engine.syncNow(false, Duration.ofHours(2));
            double sync = (System.nanoTime() - s0) / 1e9;
            // printed before closing, so that the engine's threads are still there to be counted
            new ChildFigures().put("notes", s.documents()).put("failed", s.failed()).put("chunks", s.chunks())
                    .put("embedded", s.chunksEmbedded()).put("work_s", (System.nanoTime() - t0) / 1e9).put("sync_s", sync)
                    .put("embed_stage_s", s.stageSeconds().getOrDefault("embed", 0.0)).print();
        }
        System.exit(0);
    }
}
