package io.alexandria.sync;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.alexandria.sources.vault.VaultSource;
import io.alexandria.store.Database;
import io.alexandria.store.DocumentRow;
import io.alexandria.store.Ledger;
import io.alexandria.store.StoreException;
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
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 13: closing the engine in the middle of a sync — from a thread that was interrupted —
 * stops every stage worker before the database closes; a close step that fails skips none of the
 * later ones; the work left queued is finished by the next engine without duplicates.
 */
class EngineCloseTest {
    @TempDir
    Path tmp;

    @Test
    void closingDuringASyncStopsTheWorkersBeforeTheDatabaseCloses() throws Exception {
        Path vault = Corpus.copyNotes(tmp.resolve("Closing Vault"), 20);
        Path data = tmp.resolve("data");
        try (QdrantTestServer server = QdrantTestServer.start(); QdrantClient client = server.newClient()) {
            Database db = Database.open(data);
            SyncEngine engine = EngineFixture.engine(db, server, "closing-host");
            engine.addSource(new VaultSource(vault, List.of()));
            AtomicReference<Boolean> workersStoppedWhenStopped = new AtomicReference<>();
            AtomicReference<Boolean> databaseOpenWhenStopped = new AtomicReference<>();
            engine.state().addListener(s -> {
                if (s.state() == EngineProgress.State.STOPPED && "closed".equals(s.reason())) {
                    workersStoppedWhenStopped.set(engine.workersStopped());
                    databaseOpenWhenStopped.set(db.inTransaction(c -> new Ledger().listAll(c)).size() == 20);
                }
            });
            AtomicBoolean laterStepRan = new AtomicBoolean();
            AtomicBoolean databaseClosedAtTheEnd = new AtomicBoolean();
            engine.onClose(() -> {
                throw new IllegalStateException("a failing close step");
            });
            engine.onClose(() -> {
                laterStepRan.set(true);
                databaseClosedAtTheEnd.set(closed(db));
            });
            engine.start("sync");
            CompletableFuture<SyncSummary> sync = CompletableFuture.supplyAsync(() -> {
                try {
                    return engine.syncNow(false, Duration.ofMinutes(10));
                } catch (InterruptedException e) {
                    throw new IllegalStateException(e);
                }
            });
            await().atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofMillis(20))
                    .until(() -> server.pointsUpserted() > 0);
            assertFalse(sync.isDone(), "closing in the middle of the sync");

            Thread.currentThread().interrupt();
            engine.close();
            assertTrue(Thread.interrupted(), "close keeps the caller's interrupt");

            assertEquals(Boolean.TRUE, workersStoppedWhenStopped.get(), "every worker had stopped");
            assertEquals(Boolean.TRUE, databaseOpenWhenStopped.get(), "while the database was still open");
            assertTrue(engine.workersStopped());
            assertTrue(laterStepRan.get(), "a failing close step skips none of the later ones");
            assertTrue(databaseClosedAtTheEnd.get(), "the database was closed before the close actions");
            sync.handle((s, e) -> s).get(1, TimeUnit.MINUTES); // the sync call returns once its engine is gone
            engine.close(); // idempotent

            try (SyncEngine next = EngineFixture.engine(data, server, "closing-host")) {
                next.addSource(new VaultSource(vault, List.of()));
                next.start("sync");
                assertTrue(next.syncNow(false, Duration.ofMinutes(10)).complete());
            }
            try (Database check = Database.open(data)) {
                Ledger ledger = new Ledger();
                List<DocumentRow> rows = check.inTransaction(c -> ledger.listAll(c));
                assertTrue(rows.stream().allMatch(r -> r.status() == SyncStatus.SYNCED), "the queued work resumed");
                List<Map<String, Object>> points = new QdrantProbe(client).chunks();
                assertEquals((long) check.inTransaction(c -> ledger.chunkRowCount(c)), points.size());
                Set<String> seen = new HashSet<>();
                for (Map<String, Object> p : points) {
                    assertTrue(seen.add(p.get("doc_id") + "#" + p.get("chunk_ordinal")), "no chunk twice: " + p);
                }
            }
        }
    }

    private static boolean closed(Database db) {
        try {
            db.inTransaction(c -> c.isValid(1));
            return false;
        } catch (StoreException | IllegalStateException e) {
            return true; // H2's pool refuses connections once disposed
        }
    }

    @Test
    void closingAnEngineThatNeverStartedClosesEverything() throws Exception {
        try (QdrantTestServer server = QdrantTestServer.start()) {
            Database db = Database.open(tmp.resolve("idle"));
            SyncEngine engine = EngineFixture.engine(db, server, "idle-host");
            AtomicBoolean ran = new AtomicBoolean();
            engine.onClose(() -> ran.set(true));
            engine.close();
            assertTrue(ran.get());
            assertTrue(engine.workersStopped());
            assertThrows(IllegalStateException.class, () -> engine.start("sync"), "a closed engine does not start");
            assertEquals(EngineProgress.State.STOPPED, engine.state().current().state());
        }
    }
}
