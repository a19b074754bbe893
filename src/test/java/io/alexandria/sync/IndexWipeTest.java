package io.alexandria.sync;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.alexandria.health.HealthReport;
import io.alexandria.health.HealthService;
import io.alexandria.index.ChunkIndex;
import io.alexandria.index.QdrantCalls;
import io.alexandria.index.QdrantEndpoint;
import io.alexandria.sources.vault.VaultSource;
import io.alexandria.store.Counters;
import io.alexandria.store.Database;
import io.alexandria.store.Ledger;
import io.alexandria.testserver.QdrantTestServer;
import io.alexandria.testsupport.Corpus;
import io.alexandria.testsupport.EngineFixture;
import io.alexandria.testsupport.QdrantProbe;
import io.qdrant.client.QdrantClient;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 11, fault suite: Qdrant loses everything while two hosts watch their vaults — first every
 * collection is deleted while Qdrant runs, then Qdrant is restarted empty. Each time every point
 * and both hosts' events are back within 60 s of Qdrant's return, nothing is embedded again, no
 * event is duplicated or added, and health tells what happened.
 */
class IndexWipeTest {
    private static final String MODEL = "bge-small-en-v1.5-q";
    @TempDir
    Path tmp;

    @Test
    void aWipedQdrantIsRestoredWithinAMinuteWithoutEmbedding() throws Exception {
        Path alphaVault = Corpus.copyNotes(tmp.resolve("Alpha Notes"), 8);
        Path betaVault = Corpus.copyNotes(tmp.resolve("Beta Notes"), 6);
        Database alphaDb = Database.open(tmp.resolve("alpha"));
        Database betaDb = Database.open(tmp.resolve("beta"));
        try (QdrantTestServer server = QdrantTestServer.start(); QdrantClient client = server.newClient();
             SyncEngine alpha = EngineFixture.engine(alphaDb, server, "alpha");
             SyncEngine beta = EngineFixture.engine(betaDb, server, "beta")) {
            alpha.addSource(new VaultSource(alphaVault, List.of()));
            beta.addSource(new VaultSource(betaVault, List.of()));
            alpha.start("watch");
            beta.start("watch");
            assertTrue(alpha.syncNow(false, Duration.ofMinutes(5)).complete());
            assertTrue(beta.syncNow(false, Duration.ofMinutes(5)).complete());
            QdrantProbe probe = new QdrantProbe(client);
            long points = chunks(alphaDb) + chunks(betaDb);
            assertEquals(points, probe.chunkCount());
            Map<String, Set<String>> events = eventIds(probe);
            assertEquals(Set.of("alpha", "beta"), events.keySet());
            long embedded = embedded(alphaDb) + embedded(betaDb);
            long runEmbedded = alpha.progress().run().chunksEmbedded() + beta.progress().run().chunksEmbedded();

            // 1: every collection deleted while Qdrant runs
            for (String name : QdrantCalls.await(client.listCollectionsAsync())) {
                QdrantCalls.await(client.deleteCollectionAsync(name));
            }
            double first = awaitRestored(probe, points, events, alpha, beta);
            HealthReport health = new HealthService(alphaDb, client, QdrantEndpoint.parse(server.url(), null),
                    MODEL, () -> true).report();
            assertNotNull(health.lastRestore(), "health tells the index was restored");
            assertTrue(health.lastRestore().contains("restoring"), health.lastRestore());

            // 2: Qdrant restarted empty
            server.stop();
            for (String name : server.store().names()) {
                server.store().delete(name);
            }
            server.restart();
            double second = awaitRestored(probe, points, events, alpha, beta);

            assertEquals(embedded, embedded(alphaDb) + embedded(betaDb), "nothing embedded again");
            assertEquals(runEmbedded, alpha.progress().run().chunksEmbedded() + beta.progress().run().chunksEmbedded(),
                    "the restores ran no text through the model");
            assertTrue(probe.chunks().stream().allMatch(p -> p.get("vault_id") != null), "every point says its vault");
            System.out.printf("index wipe: %d points and %d events of two hosts back %.1f s after the collections were "
                    + "deleted, %.1f s after Qdrant restarted empty; 0 embedded%n", points,
                    events.values().stream().mapToInt(Set::size).sum(), first, second);
        }
    }

    /** Waits (at most 60 s) until every point and event is back; returns the seconds it took. */
    private static double awaitRestored(QdrantProbe probe, long points, Map<String, Set<String>> events,
                                        SyncEngine... engines) {
        long t0 = System.nanoTime();
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200)).until(() -> {
            try {
                return probe.chunkCount() == points && eventIds(probe).equals(events);
            } catch (RuntimeException notYet) {
                return false;
            }
        });
        double seconds = (System.nanoTime() - t0) / 1e9;
        await().atMost(Duration.ofSeconds(60)).until(() -> java.util.Arrays.stream(engines).allMatch(SyncEngine::isIdle));
        assertEquals(points, probe.chunkCount(), "no point twice");
        assertEquals(events, eventIds(probe), "each event once, none added");
        QdrantCalls.await(probe.client().listAliasesAsync()).stream()
                .filter(a -> a.getAliasName().equals(ChunkIndex.ALIAS)).findFirst().orElseThrow();
        return seconds;
    }

    /** Event ids per host (an event's id is its point id: stable across a re-fill). */
    private static Map<String, Set<String>> eventIds(QdrantProbe probe) {
        Map<String, Set<String>> out = new HashMap<>();
        for (var e : probe.eventPoints()) {
            out.computeIfAbsent(String.valueOf(e.getValue().get("hostname")), h -> new java.util.HashSet<>())
                    .add(e.getKey());
        }
        return out.entrySet().stream().collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
    }

    private static long chunks(Database db) {
        return db.inTransaction(c -> new Ledger().chunkRowCount(c));
    }

    private static long embedded(Database db) {
        return db.inTransaction(c -> new Counters().get(c, Counters.embedded(MODEL)));
    }
}
