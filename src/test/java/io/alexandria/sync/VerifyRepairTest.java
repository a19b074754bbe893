package io.alexandria.sync;

import static io.qdrant.client.PointIdFactory.id;
import static io.qdrant.client.VectorsFactory.vectors;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.alexandria.health.HealthReport;
import io.alexandria.health.HealthService;
import io.alexandria.health.Verifier;
import io.alexandria.index.ChunkIndex;
import io.alexandria.index.Payloads;
import io.alexandria.index.QdrantCalls;
import io.alexandria.index.QdrantEndpoint;
import io.alexandria.sources.vault.VaultSource;
import io.alexandria.store.Database;
import io.alexandria.store.DocumentRow;
import io.alexandria.store.Ledger;
import io.alexandria.testserver.QdrantTestServer;
import io.alexandria.testsupport.Corpus;
import io.alexandria.testsupport.EngineFixture;
import io.alexandria.testsupport.QdrantProbe;
import io.qdrant.client.QdrantClient;
import io.qdrant.client.grpc.Points.PointStruct;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue #4 / shared seed 002: verify compares the ledger with Qdrant (points per document with the
 * Count API, orphans, missing points) and repair queues what is wrong — without re-embedding.
 */
class VerifyRepairTest {
    @TempDir
    Path tmp;

    @Test
    void lostAndOrphanPointsAreFoundAndRepairedWithoutEmbedding() throws Exception {
        Path vault = Corpus.copyNotes(tmp.resolve("Verified Vault"), 8);
        Database db = Database.open(tmp.resolve("data"));
        try (QdrantTestServer server = QdrantTestServer.start(); QdrantClient client = server.newClient();
             SyncEngine engine = EngineFixture.engine(db, server, "verify-host")) {
            engine.addSource(new VaultSource(vault, List.of()));
            engine.start("sync");
            engine.syncNow(false, Duration.ofMinutes(5));
            QdrantProbe probe = new QdrantProbe(client);
            Ledger ledger = new Ledger();
            List<DocumentRow> rows = db.inTransaction(c -> ledger.listAll(c));
            long total = probe.chunkCount();

            // damage: a document loses its points, another loses one, and strangers appear
            DocumentRow emptied = rows.get(1);
            QdrantCalls.await(client.deleteAsync(ChunkIndex.ALIAS, ChunkIndex.byDocument(emptied.docUuid())));
            DocumentRow thinned = rows.stream().filter(r -> r.chunkCount() > 1 && r != emptied).findFirst().orElseThrow();
            UUID one = db.inTransaction(c -> ledger.chunks(c, thinned.id())).getFirst().pointId();
            QdrantCalls.await(client.deleteAsync(ChunkIndex.ALIAS, List.of(id(one))));
            UUID stranger = UUID.randomUUID();
            float[] v = new float[384];
            v[0] = 1;
            QdrantCalls.await(client.upsertAsync(ChunkIndex.ALIAS, List.of(
                    PointStruct.newBuilder().setId(id(UUID.randomUUID())).setVectors(vectors(v)).putAllPayload(
                            Payloads.toPayload(Map.of("doc_id", stranger.toString(), "text", "orphan"))).build(),
                    PointStruct.newBuilder().setId(id(UUID.randomUUID())).setVectors(vectors(v)).putAllPayload(
                            Payloads.toPayload(Map.of("doc_id", stranger.toString(), "text", "orphan 2"))).build())));

            Verifier.Report report = engine.verifyAndRepair();
            assertEquals(2, report.mismatched().size());
            assertEquals(emptied.chunkCount() + 1, report.missingPoints());
            assertEquals(Map.of(stranger.toString(), 2L), report.orphanDocuments());
            HealthReport health = new HealthService(db, client,
                    QdrantEndpoint.parse(server.url(), null), engine.model().id(), () -> true).report();
            assertEquals(0, health.orphans(), "orphans were deleted by the repair");

            long embeddedBefore = engine.progress().run().chunksEmbedded();
            assertTrue(engine.awaitIdle(Duration.ofMinutes(5)));
            assertEquals(total, probe.chunkCount(), "every lost point is back, no orphan left");
            assertEquals(0, probe.chunkCount("doc_id", stranger.toString()));
            assertEquals(embeddedBefore, engine.progress().run().chunksEmbedded(), "repair embedded nothing");
            Verifier.Report clean = engine.verifyAndRepair();
            assertTrue(clean.clean(), "a second verify finds nothing");
        }
    }
}
