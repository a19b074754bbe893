package io.alexandria.bench;

import io.alexandria.sources.vault.VaultSource;
import io.alexandria.sync.SyncEngine;
import io.alexandria.sync.SyncSummary;
import io.alexandria.testserver.QdrantTestServer;
import io.alexandria.qdrant.ServerStats;
import io.alexandria.testsupport.Corpus;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * Issue #14's edit part ({@code -Dbench=edit}): the corpus vault synced once, then one paragraph
 * of its largest note ({@code Queries/Filters.md}) edited and synced again. Printed: what the
 * edit cost — texts embedded, points upserted, payloads overwritten and points deleted in the
 * chunk collection, requests — beside the baseline of a full rewrite of the note (every one of its
 * points upserted, as before issue #14). Needs the in-process test server (its counters).
 */
final class EditBenchmark {
    private static final String NOTE = "Queries/Filters.md";

    private EditBenchmark() {
    }

    static void run() throws Exception {
        if (!System.getProperty("bench.qdrant", "").isBlank()) {
            System.out.println("skipped: the edit part counts on the in-process test server");
            return;
        }
        Path tmp = Files.createTempDirectory("alexandria-bench-edit");
        Path vault = Corpus.copy(Corpus.root().resolve("obsidian-tasks-docs"), tmp.resolve("obsidian-tasks-docs"));
        try (BenchSupport.Target target = new BenchSupport.Target();
             SyncEngine engine = BenchSupport.engine(tmp.resolve("data"), target, "bench-host")) {
            QdrantTestServer server = target.server();
            engine.addSource(new VaultSource(vault, List.of()));
            engine.start("sync");
            SyncSummary first = engine.syncNow(false, Duration.ofHours(1));
            System.out.printf("first sync: %d notes, %d chunks%n", first.documents(), first.chunks());
            Path file = vault.resolve(NOTE);
            String text = Files.readString(file);
            String from = "Tasks provides many built-in filtering options, but sometimes they don't quite do what is "
                    + "wanted by all users.";
            if (!text.contains(from)) {
                throw new IllegalStateException("the corpus note changed: " + NOTE);
            }
            Files.writeString(file, text.replace(from, "Tasks offers plenty of built-in filters, yet now and then they "
                    + "miss what some users want."));
            server.resetCounters();
            long t0 = System.nanoTime();
            SyncSummary edit = engine.syncNow(false, Duration.ofMinutes(10));
            double seconds = (System.nanoTime() - t0) / 1e9;
            ServerStats stats = server.stats();
            String collection = engine.collection();
            long noteChunks = new io.alexandria.testsupport.QdrantProbe(server.newClient())
                    .scrollAll(collection, io.qdrant.client.grpc.Common.Filter.newBuilder()
                            .addMust(io.qdrant.client.ConditionFactory.matchKeyword("source_id", NOTE)).build()).size();
            System.out.printf("one-paragraph edit of %s (%d chunks): %.2f s, %d texts embedded; chunk collection: "
                            + "%d points upserted, %d payloads overwritten, %d points deleted; requests: %d UpdateBatch, "
                            + "%d Upsert (leases, events), %d Delete%n", NOTE, noteChunks, seconds, edit.chunksEmbedded(),
                    stats.pointsUpserted(collection), stats.payloadsWritten(collection), stats.pointsDeleted(collection),
                    server.calls("Points/UpdateBatch"), server.calls("Points/Upsert"), server.calls("Points/Delete"));
            System.out.printf("baseline (a full rewrite of the note): %d points upserted, its stale points deleted%n",
                    noteChunks);
        } finally {
            LangChain4jComparison.deleteTree(tmp);
        }
    }
}
