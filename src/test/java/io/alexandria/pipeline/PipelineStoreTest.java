package io.alexandria.pipeline;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.alexandria.common.Json;
import io.alexandria.events.EventTypes;
import io.alexandria.index.PointIds;
import io.alexandria.store.AppState;
import io.alexandria.store.Counters;
import io.alexandria.store.Database;
import io.alexandria.store.DocumentKey;
import io.alexandria.store.DocumentRow;
import io.alexandria.store.EventOutbox;
import io.alexandria.store.PendingChunk;
import io.alexandria.store.PointDeleteQueue;
import io.alexandria.store.SourceFacts;
import io.alexandria.store.Stage;
import io.alexandria.store.SyncStatus;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every transition of the pipeline store on a real H2 ledger, without a corpus or a model: each
 * moves the document to the right stage and status and queues exactly its events, in the same
 * transaction (a transition that fails leaves the ledger and the outbox as they were).
 */
class PipelineStoreTest {
    private static final String MODEL = "test-model";
    @TempDir
    Path dir;
    private Database db;
    private PipelineStore store;
    private final DocumentKey key = new DocumentKey("calibre", "lib-1", "42");
    private final UUID run = UUID.randomUUID();

    @BeforeEach
    void open() {
        db = Database.open(dir);
        store = new PipelineStore(db, "store-host");
    }

    @AfterEach
    void close() {
        db.close();
    }

    private static SourceFacts facts(long size, String hash, String title) {
        return new SourceFacts("/lib", "A/Book.epub", title, "EPUB", size, 1_000L, hash, "m1",
                "{\"author\":\"Ann Author\"}");
    }

    private DocumentRow row(long id) {
        return store.document(id).orElseThrow();
    }

    private PendingChunk chunk(long doc, int ordinal, String hash) {
        return new PendingChunk(doc, ordinal, hash, PointIds.chunk(PointIds.document(key), hash, 0), 4,
                "text " + ordinal, "ctx\ntext " + ordinal, List.of("Chapter"), "Chapter", null);
    }

    /** The queued events' payloads, oldest first. */
    private List<Map<String, Object>> events() {
        return db.inTransaction(c -> new EventOutbox().peek(c, 100)).stream()
                .map(i -> Json.readMap(i.payloadJson())).toList();
    }

    private long detected() {
        return store.detected(key, PointIds.document(key), facts(100, "h1", "Book"), run);
    }

    /** A document taken to the chunked stage with two chunks. */
    private long chunked() {
        long id = detected();
        store.chunked(row(id), "The Book", Map.of("author", "Ann Author"), List.of(chunk(id, 0, "x0"), chunk(id, 1, "x1")),
                Instant.now(), 12);
        return id;
    }

    /** A document taken all the way to synced. */
    private long synced() {
        long id = chunked();
        store.embedded(MODEL, Map.of("x0", new float[] {1, 0}, "x1", new float[] {0, 1}), Map.of(id, 30L));
        store.promoteEmbedded(MODEL);
        store.uploaded(row(id), Map.of("author", "Ann Author"), store.pendingChunks(id), 5, MODEL, "cpu");
        return id;
    }

    @Test
    void detectedInsertsAPendingDocumentAndQueuesNoEvent() {
        long id = detected();
        DocumentRow r = row(id);
        assertEquals(SyncStatus.PENDING, r.status());
        assertEquals(Stage.DETECTED, r.stage());
        assertEquals(run, r.runId());
        assertEquals(List.of(r), store.claim(Stage.DETECTED, 10));
        assertTrue(events().isEmpty());
        assertEquals(1, store.queues(MODEL).documentsWaiting());
    }

    @Test
    void chunkedStoresThePendingChunksAndQueuesIngestStartUnderTheExtractedTitle() {
        long id = chunked();
        DocumentRow r = row(id);
        assertEquals(Stage.CHUNKED, r.stage());
        assertEquals("The Book", r.title());
        assertEquals(12, r.chunkingMs());
        assertEquals(2, store.pendingChunks(id).size());
        assertEquals(2, store.chunksAwaitingEmbedding(MODEL));
        List<Map<String, Object>> e = events();
        assertEquals(1, e.size());
        assertEquals(EventTypes.INGEST_START, e.getFirst().get("event_type"));
        assertEquals("The Book", e.getFirst().get("title"));
        assertEquals(42, ((Number) e.getFirst().get("book_id")).intValue());
        assertEquals("store-host", e.getFirst().get("hostname"));
        assertEquals(run.toString(), e.getFirst().get("run_id"));
    }

    @Test
    void embeddedCachesTheVectorsCountsThemAndCreditsTheTimeThenPromotionMovesTheDocumentOn() {
        long id = chunked();
        assertEquals(0, store.promoteEmbedded(MODEL), "no vector yet");
        store.embedded(MODEL, Map.of("x0", new float[] {1, 0}), Map.of(id, 30L));
        assertEquals(0, store.promoteEmbedded(MODEL), "one chunk still lacks its vector");
        assertEquals(1, store.claimChunksToEmbed(MODEL, 10).size());
        store.embedded(MODEL, Map.of("x1", new float[] {0, 1}), Map.of(id, 20L));
        assertEquals(1, store.promoteEmbedded(MODEL));
        DocumentRow r = row(id);
        assertEquals(Stage.EMBEDDED, r.stage());
        assertEquals(50, r.embeddingMs());
        assertArrayEquals(new float[] {0, 1}, store.vectors(MODEL, List.of("x1")).get("x1"));
        assertEquals(2L, (long) db.inTransaction(c -> new Counters().get(c, Counters.embedded(MODEL))));
        assertEquals(1, events().size(), "embedding queues no event");
    }

    @Test
    void uploadedMakesThePendingChunksTheDocumentsAndQueuesIngestCompleteWithItsMetrics() {
        long id = synced();
        DocumentRow r = row(id);
        assertEquals(SyncStatus.SYNCED, r.status());
        assertEquals(Stage.IDLE, r.stage());
        assertEquals(2, r.chunkCount());
        assertNotNull(r.indexedAt());
        assertEquals(2, store.chunks(id).size());
        assertTrue(store.pendingChunks(id).isEmpty());
        Map<String, Object> complete = events().getLast();
        assertEquals(EventTypes.INGEST_COMPLETE, complete.get("event_type"));
        assertEquals(2, ((Number) complete.get("chunks_created")).intValue());
        assertEquals(0.012, ((Number) complete.get("chunking_sec")).doubleValue(), 1e-9);
        assertEquals(0.03, ((Number) complete.get("embedding_sec")).doubleValue(), 1e-9);
        assertEquals(0.005, ((Number) complete.get("upload_sec")).doubleValue(), 1e-9);
        assertEquals(MODEL, complete.get("model"));
        assertEquals("cpu", complete.get("device"));
        assertEquals(0, store.queues(MODEL).documentsWaiting());
    }

    @Test
    void vectorsMissingSendsAnEmbeddedDocumentBackToChunked() {
        long id = chunked();
        store.embedded(MODEL, Map.of("x0", new float[] {1, 0}, "x1", new float[] {0, 1}), Map.of());
        store.promoteEmbedded(MODEL);
        store.vectorsMissing(id);
        assertEquals(Stage.CHUNKED, row(id).stage());
    }

    @Test
    void failedKeepsTheReasonDropsPendingChunksAndQueuesStartAndError() {
        long id = detected();
        store.failed(row(id), Instant.now(), "Corrupt", "not a zip file", new IllegalStateException("boom"),
                Map.of("author", "Ann Author"));
        DocumentRow r = row(id);
        assertEquals(SyncStatus.FAILED, r.status());
        assertEquals(Stage.IDLE, r.stage());
        assertEquals("Corrupt", r.errorType());
        assertEquals("not a zip file", r.lastError());
        List<Map<String, Object>> e = events();
        assertEquals(List.of(EventTypes.INGEST_START, EventTypes.INGEST_ERROR), e.stream().map(m -> m.get("event_type"))
                .toList());
        assertEquals("Corrupt", e.get(1).get("error_type"));
        assertEquals("not a zip file", e.get(1).get("error_msg"));
        assertTrue(e.get(1).get("stacktrace").toString().contains("IllegalStateException: boom"));
        assertEquals("Ann Author", e.get(1).get("author"));

        DocumentKey otherKey = new DocumentKey("obsidian", "Vault", "other.md");
        long other = store.detected(otherKey, PointIds.document(otherKey), facts(5, "o1", "Other"), run);
        store.chunked(row(other), "Other", Map.of(), List.of(chunk(other, 0, "o0")), Instant.now(), 1);
        store.failed(row(other), null, "EmbeddingError", "cannot embed", null, Map.of());
        assertTrue(store.pendingChunks(other).isEmpty());
        assertEquals(EventTypes.INGEST_ERROR, events().getLast().get("event_type"), "no second ingest_start");
    }

    @Test
    void aTransitionThatFailsLeavesTheLedgerAndTheOutboxAsTheyWere() {
        long id = detected();
        Exception unprintable = new Exception() { // its stack trace cannot be written: the event cannot be made
            @Override
            public String getMessage() {
                throw new IllegalStateException("unprintable");
            }
        };
        assertThrows(IllegalStateException.class, () -> store.failed(row(id), Instant.now(), "Corrupt", "bad",
                unprintable, Map.of()));
        DocumentRow r = row(id);
        assertEquals(SyncStatus.PENDING, r.status(), "the ledger change was rolled back with its event");
        assertEquals(Stage.DETECTED, r.stage());
        assertNull(r.errorType());
        assertTrue(events().isEmpty());
    }

    @Test
    void deferredKeepsTheStageAndHidesTheDocumentUntilItsTime() {
        long id = detected();
        store.deferred(id, Instant.now().plusSeconds(3600), "being ingested by other-host");
        DocumentRow r = row(id);
        assertEquals(Stage.DETECTED, r.stage());
        assertEquals(1, r.attempts());
        assertEquals("being ingested by other-host", r.lastError());
        assertTrue(store.claim(Stage.DETECTED, 10).isEmpty(), "not claimed before its time");
        store.deferred(id, Instant.now().minusSeconds(1), "again");
        assertEquals(1, store.claim(Stage.DETECTED, 10).size());
        assertEquals(2, row(id).attempts());
    }

    @Test
    void adoptedCommitsASyncedDocumentWithItsVectorsAndNoEvents() {
        long id = detected();
        List<PendingChunk> chunks = List.of(chunk(id, 0, "a0"));
        store.adopted(row(id), Map.of(), chunks, MODEL, Map.of("a0", new float[] {1, 1}), Instant.now(), 3);
        DocumentRow r = row(id);
        assertEquals(SyncStatus.SYNCED, r.status());
        assertEquals(Stage.IDLE, r.stage());
        assertEquals(1, r.chunkCount());
        assertEquals(1, store.vectors(MODEL, List.of("a0")).size());
        assertEquals(0L, (long) db.inTransaction(c -> new Counters().get(c, Counters.embedded(MODEL))), "nothing embedded here");
        assertTrue(events().isEmpty());
    }

    @Test
    void scanTransitionsQueueReingestsPayloadUpdatesRenamesAndDeletions() {
        long id = synced();
        store.factsRefreshed(id, facts(100, "h1", "Book"));
        assertEquals(Stage.IDLE, row(id).stage(), "new facts alone queue no work");

        store.metadataChanged(id, facts(100, "h1", "Retitled"), run);
        assertEquals(Stage.PAYLOAD, row(id).stage());
        store.payloadUpdated(id, Map.of("title_sort", "Retitled"));
        assertEquals(Stage.IDLE, row(id).stage());
        assertEquals(SyncStatus.SYNCED, row(id).status());
        assertEquals("{\"title_sort\":\"Retitled\"}", row(id).docPayloadJson());

        store.changed(id, facts(120, "h2", "Book"), run);
        assertEquals(Stage.DETECTED, row(id).stage());
        assertEquals(SyncStatus.STALE, row(id).status(), "an indexed version stays in Qdrant meanwhile");

        DocumentKey moved = new DocumentKey("calibre", "lib-1", "43");
        store.renamed(id, moved, PointIds.document(moved), facts(120, "h2", "Book"), run);
        assertEquals(moved, row(id).key());
        assertEquals(PointIds.document(moved), row(id).docUuid());
    }

    @Test
    void deletedRemovesTheChunksAndQueuesBookDeleteOnlyForAnIndexedDocument() {
        long id = synced();
        int before = events().size();
        store.vanished(id, run);
        assertEquals(Stage.DELETING, row(id).stage());
        store.deleted(row(id));
        DocumentRow r = row(id);
        assertEquals(SyncStatus.DELETED, r.status());
        assertEquals(Stage.IDLE, r.stage());
        assertEquals(0, r.chunkCount());
        assertTrue(store.chunks(id).isEmpty());
        assertEquals(before + 1, events().size());
        Map<String, Object> delete = events().getLast();
        assertEquals(EventTypes.BOOK_DELETE, delete.get("event_type"));
        assertEquals(2, ((Number) delete.get("chunks_deleted")).intValue());

        DocumentKey never = new DocumentKey("obsidian", "Vault", "draft.md");
        long draft = store.detected(never, PointIds.document(never), facts(1, "d", "Draft"), run);
        store.vanished(draft, run);
        store.deleted(row(draft));
        assertEquals(before + 1, events().size(), "a document never indexed leaves no book_delete");
    }

    @Test
    void pointDeletesLeaveTheQueueOnceDone() {
        UUID p1 = UUID.randomUUID();
        UUID p2 = UUID.randomUUID();
        db.inTransactionVoid(c -> new PointDeleteQueue().add(c, List.of(p1, p2)));
        assertEquals(2, store.queues(MODEL).pointDeletes());
        assertTrue(store.queues(MODEL).hasWork());
        List<PointDeleteQueue.Item> claimed = store.claimPointDeletes(1);
        assertEquals(List.of(p1), claimed.stream().map(PointDeleteQueue.Item::pointId).toList());
        store.pointDeletesDone(claimed.stream().map(PointDeleteQueue.Item::seq).toList());
        assertEquals(1, store.queues(MODEL).pointDeletes());
    }

    @Test
    void switchedPromotesTheRebuiltChunksRecordsTheModelAndQueuesCollectionRecreate() {
        long id = synced();
        List<PendingChunk> rebuilt = List.of(chunk(id, 0, "n0"));
        store.rebuiltDocument("alexandria_next_384", id, "h1", rebuilt);
        assertEquals(Map.of(id, "h1"), store.rebuilt("alexandria_next_384"));
        store.switched("alexandria_next_384", "next-model", "model switch from " + MODEL, run);
        assertEquals(1, row(id).chunkCount(), "the ledger's chunks are the new collection's");
        assertEquals("n0", store.chunks(id).getFirst().textHash());
        assertEquals("next-model", store.fact(AppState.ACTIVE_MODEL).orElseThrow());
        assertTrue(store.rebuilt("alexandria_next_384").isEmpty());
        Map<String, Object> recreate = events().getLast();
        assertEquals(EventTypes.COLLECTION_RECREATE, recreate.get("event_type"));
        assertEquals("alexandria_next_384", recreate.get("collection"));
        assertEquals("next-model", recreate.get("model"));
    }

    @Test
    void queuesCountEveryStageAndTheEventsStillToPublish() {
        chunked();
        Queues q = store.queues(MODEL);
        assertEquals(1, q.documentsByStage().get(Stage.CHUNKED));
        assertEquals(0, q.documentsByStage().get(Stage.IDLE));
        assertEquals(2, q.chunksToEmbed());
        assertEquals(1, q.outboxDepth());
        assertEquals(1, q.eventsToPublish());
        assertNotNull(q.oldestWaiting());
        assertTrue(q.hasWork());
    }
}
