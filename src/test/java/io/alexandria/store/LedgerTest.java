package io.alexandria.store;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.alexandria.index.PointIds;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LedgerTest {
    @TempDir
    Path dir;
    private Database db;
    private final Ledger ledger = new Ledger();
    private final EmbeddingCache cache = new EmbeddingCache();
    private final DocumentKey key = new DocumentKey("obsidian", "Vault", "a/Note.md");

    @BeforeEach
    void open() {
        db = Database.open(dir);
    }

    @AfterEach
    void close() {
        db.close();
    }

    private static SourceFacts facts(long size, String hash) {
        return new SourceFacts("/v", "a/Note.md", "Note", "MD", size, 1000L, hash, null, "{\"vault\":\"Vault\"}");
    }

    private long insert() {
        return db.inTransaction(c -> ledger.insertDetected(c, key, PointIds.document(key), facts(10, "h1"), null));
    }

    private PendingChunk chunk(long doc, int ordinal, String hash) {
        return new PendingChunk(doc, ordinal, hash, PointIds.chunk(PointIds.document(key), hash, 0), 5, "text " + ordinal,
                "ctx\ntext " + ordinal, List.of("H1", "H2"), null, ordinal == 0 ? 3 : null);
    }

    @Test
    void aDocumentMovesThroughTheStagesToSynced() {
        long id = insert();
        DocumentRow row = db.inTransaction(c -> ledger.find(c, key)).orElseThrow();
        assertEquals(SyncStatus.PENDING, row.status());
        assertEquals(Stage.DETECTED, row.stage());
        assertEquals(List.of(row), db.inTransaction(c -> ledger.waiting(c, Stage.DETECTED, 10)));

        List<PendingChunk> chunks = List.of(chunk(id, 0, "x0"), chunk(id, 1, "x1"));
        db.inTransactionVoid(c -> ledger.saveChunked(c, id, "Title", "{\"tags\":[\"t\"]}", chunks, Instant.now(), 12));
        assertEquals(chunks, db.inTransaction(c -> ledger.pending(c, id)), "pending chunks round-trip");
        assertEquals(2, db.inTransaction(c -> ledger.chunksToEmbed(c, "m", 10)).size());
        assertEquals(0, (int) db.inTransaction(c -> ledger.promoteEmbedded(c, "m")), "not all vectors there yet");

        db.inTransactionVoid(c -> cache.put(c, "m", Map.of("x0", new float[] {1f, 2f}, "x1", new float[] {3f, 4f})));
        assertTrue(db.inTransaction(c -> ledger.chunksToEmbed(c, "m", 10)).isEmpty());
        assertEquals(1, (int) db.inTransaction(c -> ledger.promoteEmbedded(c, "m")));
        assertEquals(Stage.EMBEDDED, db.inTransaction(c -> ledger.get(c, id)).orElseThrow().stage());

        db.inTransactionVoid(c -> ledger.commitUploaded(c, id, chunks, 7));
        DocumentRow done = db.inTransaction(c -> ledger.get(c, id)).orElseThrow();
        assertEquals(SyncStatus.SYNCED, done.status());
        assertEquals(Stage.IDLE, done.stage());
        assertEquals(2, done.chunkCount());
        assertEquals("Title", done.title());
        assertEquals("{\"tags\":[\"t\"]}", done.docPayloadJson());
        assertEquals(2, db.inTransaction(c -> ledger.chunks(c, id)).size());
        assertTrue(db.inTransaction(c -> ledger.pending(c, id)).isEmpty());
        assertEquals(2L, (long) db.inTransaction(c -> ledger.chunkRowCount(c)));
    }

    @Test
    void aChangedSyncedDocumentIsStaleThenFailedKeepsItsReason() {
        long id = insert();
        db.inTransactionVoid(c -> ledger.saveChunked(c, id, null, "{}", List.of(chunk(id, 0, "y")), Instant.now(), 1));
        db.inTransactionVoid(c -> ledger.commitUploaded(c, id, List.of(chunk(id, 0, "y")), 1));
        db.inTransactionVoid(c -> ledger.markDetected(c, id, facts(11, "h2"), UUID.randomUUID()));
        DocumentRow stale = db.inTransaction(c -> ledger.get(c, id)).orElseThrow();
        assertEquals(SyncStatus.STALE, stale.status());
        assertEquals("h2", stale.contentHash());
        db.inTransactionVoid(c -> ledger.saveFailed(c, id, "CorruptFile", "truncated"));
        DocumentRow failed = db.inTransaction(c -> ledger.get(c, id)).orElseThrow();
        assertEquals(SyncStatus.FAILED, failed.status());
        assertEquals(Stage.IDLE, failed.stage());
        assertEquals("CorruptFile", failed.errorType());
        assertEquals("truncated", failed.lastError());
        assertEquals(1, failed.chunkCount(), "the indexed version is still in Qdrant");
    }

    @Test
    void deletionClearsChunksAndKeepsTheRowAsDeleted() {
        long id = insert();
        db.inTransactionVoid(c -> ledger.saveChunked(c, id, null, "{}", List.of(chunk(id, 0, "z")), Instant.now(), 1));
        db.inTransactionVoid(c -> ledger.commitUploaded(c, id, List.of(chunk(id, 0, "z")), 1));
        db.inTransactionVoid(c -> ledger.markDeleting(c, id, null));
        assertEquals(1, db.inTransaction(c -> ledger.stageCounts(c)).get(Stage.DELETING));
        db.inTransactionVoid(c -> ledger.commitDeleted(c, id));
        DocumentRow row = db.inTransaction(c -> ledger.get(c, id)).orElseThrow();
        assertEquals(SyncStatus.DELETED, row.status());
        assertEquals(0, row.chunkCount());
        assertTrue(db.inTransaction(c -> ledger.chunks(c, id)).isEmpty());
        assertEquals(1, db.inTransaction(c -> ledger.statusCounts(c)).get(SyncStatus.DELETED));
    }

    @Test
    void renameKeepsTheRowAndItsHistory() {
        long id = insert();
        DocumentKey moved = new DocumentKey("obsidian", "Vault", "b/Note.md");
        db.inTransactionVoid(c -> ledger.rename(c, id, moved, PointIds.document(moved), facts(10, "h1"), null));
        DocumentRow row = db.inTransaction(c -> ledger.get(c, id)).orElseThrow();
        assertEquals(moved, row.key());
        assertEquals(PointIds.document(moved), row.docUuid());
        assertEquals(Stage.DETECTED, row.stage());
    }

    @Test
    void retryBackoffHidesADocumentUntilItsTime() {
        long id = insert();
        db.inTransactionVoid(c -> ledger.deferRetry(c, id, Instant.now().plusSeconds(3600), "Qdrant down"));
        assertTrue(db.inTransaction(c -> ledger.waiting(c, Stage.DETECTED, 10)).isEmpty());
        db.inTransactionVoid(c -> ledger.deferRetry(c, id, Instant.now().minusSeconds(1), "again"));
        assertEquals(1, db.inTransaction(c -> ledger.waiting(c, Stage.DETECTED, 10)).size());
    }

    @Test
    void embeddingCacheRoundTripsFloatsExactly() {
        float[] v = {0.1f, -2.5f, Float.MIN_VALUE, 1e30f};
        db.inTransactionVoid(c -> cache.put(c, "model-a", Map.of("h", v)));
        assertArrayEquals(v, db.inTransaction(c -> cache.get(c, "model-a", List.of("h", "missing"))).get("h"));
        assertTrue(db.inTransaction(c -> cache.get(c, "model-b", List.of("h"))).isEmpty(), "keyed by model");
        assertEquals(1L, (long) db.inTransaction(c -> cache.count(c, "model-a")));
    }

    @Test
    void outboxKeepsEventsInOrderUntilRemoved() {
        EventOutbox outbox = new EventOutbox();
        UUID a = UUID.randomUUID();
        UUID b = UUID.randomUUID();
        db.inTransactionVoid(c -> {
            outbox.add(c, a, "{\"n\":1}");
            outbox.add(c, b, "{\"n\":2}");
        });
        List<EventOutbox.Item> items = db.inTransaction(c -> outbox.peek(c, 10));
        assertEquals(List.of(a, b), items.stream().map(EventOutbox.Item::eventId).toList());
        db.inTransactionVoid(c -> outbox.markFailed(c, List.of(items.get(0).seq()), "boom"));
        assertEquals(1, db.inTransaction(c -> outbox.peek(c, 10)).get(0).attempts());
        db.inTransactionVoid(c -> outbox.remove(c, List.of(items.get(0).seq())));
        assertEquals(1, (int) db.inTransaction(c -> outbox.depth(c)));
    }

    @Test
    void committedWorkSurvivesReopening() {
        long id = insert();
        db.close();
        db = Database.open(dir);
        assertEquals(id, db.inTransaction(c -> ledger.find(c, key)).orElseThrow().id());
    }
}
