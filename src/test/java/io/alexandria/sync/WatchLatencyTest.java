package io.alexandria.sync;

import static io.qdrant.client.ConditionFactory.matchText;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.alexandria.index.ChunkIndex;
import io.alexandria.index.QdrantCalls;
import io.alexandria.sources.vault.VaultSource;
import io.alexandria.testserver.QdrantTestServer;
import io.alexandria.testsupport.Corpus;
import io.alexandria.testsupport.EngineFixture;
import io.qdrant.client.QdrantClient;
import io.qdrant.client.grpc.Common.Filter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue #4: an edit to a note in a watched vault becomes searchable on its own; reports the
 * latency from file write to searchable (p50/p95 over 10 edits; the benchmark goal, p50 under 2 s
 * on CPU with the default model, is read from the printed figures, never asserted).
 */
class WatchLatencyTest {
    @TempDir
    Path tmp;

    @Test
    void editsInAWatchedVaultBecomeSearchable() throws Exception {
        Path vault = Corpus.copyNotes(tmp.resolve("Watched Vault"), 8);
        List<Path> notes;
        try (Stream<Path> s = Files.walk(vault)) {
            notes = s.filter(p -> p.toString().endsWith(".md")).sorted().toList();
        }
        try (QdrantTestServer server = QdrantTestServer.start(); QdrantClient client = server.newClient();
             SyncEngine engine = EngineFixture.engine(tmp.resolve("data"), server, "watch-host")) {
            engine.addSource(new VaultSource(vault, List.of()));
            engine.start("watch");
            engine.syncNow(false, Duration.ofMinutes(5));
            List<Double> latencies = new ArrayList<>();
            try (SyncWatcher watcher = new SyncWatcher(engine, SyncWatcher.Options.defaults(10, false))) {
                watcher.start();
                for (int i = 0; i < 10; i++) {
                    String token = "zephyrbeacon" + i + "x" + Long.toString(System.nanoTime(), 36);
                    Path note = notes.get(i % notes.size());
                    long t0 = System.nanoTime();
                    Files.writeString(note, "\n\nThe lighthouse keeper wrote " + token + " in the log tonight.\n",
                            StandardOpenOption.APPEND);
                    Filter hasToken = Filter.newBuilder().addMust(matchText("text", token)).build();
                    await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(20)).until(() ->
                            QdrantCalls.await(client.countAsync(ChunkIndex.ALIAS, hasToken, true)) == 1);
                    latencies.add((System.nanoTime() - t0) / 1e9);
                }
            }
            assertEquals(10, latencies.size());
            List<Double> sorted = latencies.stream().sorted().toList();
            System.out.printf("watch latency write->searchable over %d edits: p50 %.2f s, p95 %.2f s, max %.2f s%n",
                    sorted.size(), sorted.get(sorted.size() / 2), sorted.get((int) Math.ceil(sorted.size() * 0.95) - 1),
                    sorted.getLast());
        }
    }
}
