package io.alexandria.bench;

import io.alexandria.sources.vault.VaultSource;
import io.alexandria.sync.SyncEngine;
import io.alexandria.sync.SyncSummary;
import io.alexandria.testsupport.Corpus;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/** Issue #2's benchmark: a full sync of the corpus vault, then an unchanged re-sync. */
final class VaultBenchmark {
    private VaultBenchmark() {
    }

    static void run() throws Exception {
        Path corpus = Corpus.root();
        Path tmp = Files.createTempDirectory("alexandria-bench-vault");
        Path vault = Corpus.copy(corpus.resolve("obsidian-tasks-docs"), tmp.resolve("obsidian-tasks-docs"));
        try (BenchSupport.Target target = new BenchSupport.Target();
             SyncEngine engine = BenchSupport.engine(tmp.resolve("data"), target, "bench-host")) {
            engine.addSource(new VaultSource(vault, List.of()));
            engine.start("sync");
            long t0 = System.nanoTime();
            SyncSummary s = engine.syncNow(false, Duration.ofHours(2));
            double wall = (System.nanoTime() - t0) / 1e9;
            double embed = s.stageSeconds().get("embed");
            System.out.printf("notes %d (indexed %d, failed %d), chunks %d, chunks embedded %d%n", s.documents(),
                    s.indexed(), s.failed(), s.chunks(), s.chunksEmbedded());
            System.out.printf("full sync %.1f s wall: %.1f chunks/s overall, %.1f chunks/s in the embed stage%n", wall,
                    s.chunks() / wall, embed > 0 ? s.chunksEmbedded() / embed : 0.0);
            System.out.println("seconds per stage " + s.stageSeconds());
            long t1 = System.nanoTime();
            SyncSummary again = engine.syncNow(false, Duration.ofHours(1));
            System.out.printf("unchanged re-sync %.2f s (%d embedded, %d upserted)%n", (System.nanoTime() - t1) / 1e9,
                    again.chunksEmbedded(), again.pointsUpserted());
            System.out.println(BenchSupport.memory());
        }
    }
}
