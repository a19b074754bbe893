package io.alexandria.sync;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.alexandria.events.EventTypes;
import io.alexandria.sources.vault.VaultSource;
import io.alexandria.store.Database;
import io.alexandria.store.DocumentRow;
import io.alexandria.store.Ledger;
import io.alexandria.store.SyncStatus;
import io.alexandria.testserver.QdrantTestServer;
import io.alexandria.testsupport.Corpus;
import io.alexandria.testsupport.EngineFixture;
import io.alexandria.testsupport.QdrantProbe;
import io.qdrant.client.QdrantClient;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue #4: the Qdrant test server stopped in the middle of a sync and restarted a minute later —
 * every point arrives, none twice, ledger and Qdrant agree, events complete, nothing re-embedded.
 */
class QdrantOutageTest {
    @TempDir
    Path tmp;

    @Test
    void aSyncSurvivesQdrantGoingAwayForAMinute() throws Exception {
        Path vault = Corpus.copyNotes(tmp.resolve("Outage Vault"), 30);
        ScheduledExecutorService timer = Executors.newScheduledThreadPool(2);
        Database db = Database.open(tmp.resolve("data"));
        try (QdrantTestServer server = QdrantTestServer.start();
             SyncEngine engine = EngineFixture.engine(db, server, "outage-host")) {
            engine.addSource(new VaultSource(vault, List.of()));
            List<EngineProgress.State> pushed = new CopyOnWriteArrayList<>();
            engine.state().addListener(p -> pushed.add(p.state()));
            engine.start("sync");
            CompletableFuture<SyncSummary> sync = CompletableFuture.supplyAsync(() -> {
                try {
                    return engine.syncNow(false, Duration.ofMinutes(10));
                } catch (InterruptedException e) {
                    throw new IllegalStateException(e);
                }
            }, timer);
            await().atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofMillis(20))
                    .until(() -> server.pointsUpserted() > 0);
            server.stop();
            long stoppedAt = System.nanoTime();
            timer.schedule(server::restart, 60, TimeUnit.SECONDS);
            await().atMost(Duration.ofSeconds(55)).until(() -> !engine.progress().stageErrors().isEmpty());
            EngineProgress during = engine.progress();
            assertEquals(EngineProgress.State.WAITING_FOR_INDEX, during.state(), "the outage is visible: " + during);
            assertTrue(during.reason().contains("UNAVAILABLE"), during.reason());
            await().atMost(Duration.ofSeconds(5)).until(() -> pushed.contains(EngineProgress.State.WAITING_FOR_INDEX));

            SyncSummary s = sync.get(10, TimeUnit.MINUTES);
            assertTrue((System.nanoTime() - stoppedAt) / 1e9 >= 60, "it finished after the restart");
            assertTrue(s.complete(), String.valueOf(s.message()));
            assertEquals(30, s.indexed());
            await("the state goes back to idle once Qdrant is back").atMost(Duration.ofSeconds(30))
                    .until(() -> pushed.getLast() == EngineProgress.State.IDLE);

            Ledger ledger = new Ledger();
            List<DocumentRow> rows = db.inTransaction(c -> ledger.listAll(c));
            assertTrue(rows.stream().allMatch(r -> r.status() == SyncStatus.SYNCED));
            try (QdrantClient client = server.newClient()) {
                QdrantProbe probe = new QdrantProbe(client);
                List<Map<String, Object>> points = probe.chunks();
                long ledgerChunks = db.inTransaction(c -> ledger.chunkRowCount(c));
                assertEquals(ledgerChunks, points.size(), "every point arrived");
                Set<String> seen = new HashSet<>();
                for (Map<String, Object> p : points) {
                    assertTrue(seen.add(p.get("doc_id") + "#" + p.get("chunk_ordinal")), "no chunk twice: " + p);
                }
                Map<String, Long> completes = probe.events(EventTypes.INGEST_COMPLETE).stream()
                        .collect(Collectors.groupingBy(e -> e.get("source_id").toString(), Collectors.counting()));
                assertEquals(30, completes.size(), "an ingest_complete for every note");
                assertTrue(completes.values().stream().allMatch(n -> n == 1), "and only one each");
                assertEquals(30, probe.events(EventTypes.INGEST_START).size());
            }
            assertEquals(s.chunksEmbedded(), db.inTransaction(c -> new io.alexandria.store.Counters()
                    .get(c, io.alexandria.store.Counters.embedded("bge-small-en-v1.5-q"))).longValue(),
                    "nothing embedded twice");
        } finally {
            timer.shutdownNow();
        }
    }
}
