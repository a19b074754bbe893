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
import io.alexandria.sources.vault.VaultId;
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
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue #4 / shared seed 002, issue 11: verify compares the ledger with Qdrant (points per document
 * with the Count API, orphans, missing points) and repair queues what is wrong — without
 * re-embedding; an orphan is a point of this host's vault whose note the vault no longer holds,
 * never a point of another host's source nor one the ledger merely does not know.
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
            String vaultId = Files.readString(vault.resolve(VaultId.FILE_NAME)).strip();
            float[] v = new float[384];
            v[0] = 1;
            // a point of this vault whose note is gone: an orphan
            UUID gone = UUID.randomUUID();
            upsert(client, v, Map.of("doc_id", gone.toString(), "text", "orphan", "source", "obsidian",
                    "source_id", "Deleted long ago.md", "vault_id", vaultId));
            upsert(client, v, Map.of("doc_id", gone.toString(), "text", "orphan 2", "source", "obsidian",
                    "source_id", "Deleted long ago.md", "vault_id", vaultId));
            // a point of this vault the ledger does not know, whose note is there (another host wrote it): kept
            UUID elsewhere = UUID.randomUUID();
            upsert(client, v, Map.of("doc_id", elsewhere.toString(), "text", "synced elsewhere", "source", "obsidian",
                    "source_id", rows.get(0).key().sourceId(), "vault_id", vaultId));
            // points of another host's vault and library: other hosts' data, never touched
            UUID foreignNote = UUID.randomUUID();
            upsert(client, v, Map.of("doc_id", foreignNote.toString(), "text", "theirs", "source", "obsidian",
                    "source_id", "Deleted long ago.md", "vault_id", "another-vault-id", "hostname", "other-host"));
            UUID foreignBook = UUID.randomUUID();
            upsert(client, v, Map.of("doc_id", foreignBook.toString(), "text", "their book", "source", "calibre",
                    "source_id", "7", "library_id", "another-library", "hostname", "other-host"));
            // a point with no owner at all: never touched
            UUID stranger = UUID.randomUUID();
            upsert(client, v, Map.of("doc_id", stranger.toString(), "text", "stranger"));

            SyncEngine.Verification verification = engine.verify(true);
            Verifier.Report report = verification.report();
            // the document left with no point is the index guardian's: restored before verify compares
            assertEquals(java.util.Set.of(thinned.docUuid()), report.mismatched().keySet());
            assertEquals(1, report.missingPoints());
            assertEquals(Map.of(gone.toString(), 2L), report.orphanDocuments(), "only the gone note's points");
            assertEquals(1, report.keptDocuments(), "a note of this vault the source still holds is kept");
            assertEquals(3, report.otherPoints(), "other hosts' points counted: two foreign and the stranger");
            assertEquals(2L, verification.repair().orphanPointsDeleted());
            HealthReport health = new HealthService(db, client,
                    QdrantEndpoint.parse(server.url(), null), engine.model().id(), () -> true).report();
            assertEquals(0, health.orphans(), "orphans were deleted by the repair");

            long embeddedBefore = engine.progress().run().chunksEmbedded();
            assertTrue(engine.awaitIdle(Duration.ofMinutes(5)));
            assertEquals(total + 4, probe.chunkCount(), "every lost point is back, the orphan gone, the rest kept");
            assertEquals(0, probe.chunkCount("doc_id", gone.toString()));
            for (UUID kept : List.of(elsewhere, foreignNote, foreignBook, stranger)) {
                assertEquals(1, probe.chunkCount("doc_id", kept.toString()), "never touched: " + kept);
            }
            assertEquals(embeddedBefore, engine.progress().run().chunksEmbedded(), "repair embedded nothing");
            Verifier.Report clean = engine.verifyAndRepair();
            assertTrue(clean.clean(), "a second verify finds nothing");
        }
    }

    private static void upsert(QdrantClient client, float[] v, Map<String, Object> payload) {
        QdrantCalls.await(client.upsertAsync(ChunkIndex.ALIAS, List.of(PointStruct.newBuilder()
                .setId(id(UUID.randomUUID())).setVectors(vectors(v)).putAllPayload(Payloads.toPayload(payload))
                .build())));
    }
}
