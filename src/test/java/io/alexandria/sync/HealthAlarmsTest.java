package io.alexandria.sync;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.alexandria.health.HealthReport;
import io.alexandria.health.HealthService;
import io.alexandria.index.QdrantCalls;
import io.alexandria.index.QdrantEndpoint;
import io.alexandria.sources.vault.VaultSource;
import io.alexandria.store.Database;
import io.alexandria.testserver.QdrantTestServer;
import io.alexandria.testsupport.EngineFixture;
import io.qdrant.client.QdrantClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 11: health no longer says all is well when Qdrant answers but the index is gone, and it
 * lists the paths the last scan could not follow.
 */
class HealthAlarmsTest {
    @TempDir
    Path tmp;

    @Test
    void aMissingIndexAndScanProblemsShowInHealth() throws Exception {
        Path vault = Files.createDirectories(tmp.resolve("Healthy Vault"));
        Files.writeString(vault.resolve("one.md"), "# One\n\nA note.\n");
        Files.writeString(vault.resolve("two.md"), "# Two\n\nAnother note.\n");
        Files.createSymbolicLink(vault.resolve("loose.md"), tmp.resolve("gone.md"));
        Path data = tmp.resolve("data");
        try (QdrantTestServer server = QdrantTestServer.start(); QdrantClient client = server.newClient()) {
            try (SyncEngine engine = EngineFixture.engine(data, server, "health-host")) {
                engine.addSource(new VaultSource(vault, List.of()));
                engine.start("sync");
                assertTrue(engine.syncNow(false, Duration.ofMinutes(5)).complete());
            }
            try (Database db = Database.open(data)) {
                HealthService health = new HealthService(db, client, QdrantEndpoint.parse(server.url(), null),
                        "bge-small-en-v1.5-q", () -> false);
                HealthReport before = health.report();
                assertEquals(1, before.scanProblems().size(), before.scanProblems().toString());
                assertTrue(before.scanProblems().getFirst().contains("loose.md"), before.scanProblems().toString());
                assertEquals(0, before.otherHostsPoints());
                assertTrue(before.alarms().isEmpty(), before.alarms().toString());

                for (String name : QdrantCalls.await(client.listCollectionsAsync())) {
                    QdrantCalls.await(client.deleteCollectionAsync(name));
                }
                HealthReport after = health.report();
                assertTrue(after.qdrantReachable());
                assertEquals("degraded", after.health());
                assertTrue(after.alarms().stream().anyMatch(a -> a.contains("the index is missing")), after.alarms().toString());
                assertTrue(after.alarms().stream().anyMatch(a -> a.contains("events collection")), after.alarms().toString());
                assertEquals(1, ((List<?>) after.toJson().get("scan_problems")).size(), "scan problems in health --json");
            }
        }
    }
}
