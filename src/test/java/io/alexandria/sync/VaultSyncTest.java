package io.alexandria.sync;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.alexandria.chunking.Chunk;
import io.alexandria.chunking.Chunker;
import io.alexandria.chunking.ChunkingOptions;
import io.alexandria.common.Hashes;
import io.alexandria.events.EventTypes;
import io.alexandria.extraction.markdown.NoteParser;
import io.alexandria.search.SearchHit;
import io.alexandria.search.SearchService;
import io.alexandria.sources.vault.VaultSource;
import io.alexandria.store.Database;
import io.alexandria.store.DocumentKey;
import io.alexandria.store.DocumentRow;
import io.alexandria.store.Ledger;
import io.alexandria.store.Stage;
import io.alexandria.store.SyncStatus;
import io.alexandria.testserver.QdrantTestServer;
import io.alexandria.testsupport.Corpus;
import io.alexandria.testsupport.EngineFixture;
import io.alexandria.testsupport.QdrantProbe;
import io.alexandria.testsupport.TestModels;
import io.qdrant.client.QdrantClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue #2's acceptance on a copy of the real corpus vault, with the real model, the real client
 * over gRPC and the project's Qdrant test server: one full sync, search, an unchanged re-sync, an
 * edit, a deletion.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class VaultSyncTest {
    private static final Map<String, String> SENTENCES = Map.of(
            "Introduction.md",
            "Supports due dates, recurring tasks (repetition), done dates, sub-set of checklist items, and filtering.",
            "Editing/Quick Search.md",
            "Start typing in the search dialog to filter tasks by their description. The search is case-insensitive "
                    + "and uses ordinary text matching. It does not search task tags, file names, or headings.",
            "Advanced/Urgency.md",
            "We sometimes get told that the urgency score is broken and Tasks is ignoring the user's Due Date, Priority and so on.",
            "Scripting/JavaScript in Tasks Queries.md",
            "Only enable this if you trust the current and future contents of this vault, including files you may later download, copy, or sync from other people.",
            "Getting Started/Statuses/Core Statuses.md",
            "The only restriction on editing core statuses is that you cannot change their Status Symbols.");

    @TempDir
    static Path tmp;
    private QdrantTestServer server;
    private QdrantClient client;
    private QdrantProbe probe;
    private SyncEngine engine;
    private Database db;
    private Path vault;
    private SyncSummary first;
    private final Ledger ledger = new Ledger();

    @BeforeAll
    void syncTheVault() throws Exception {
        vault = Corpus.copyVault(tmp.resolve("obsidian-tasks-docs"));
        server = QdrantTestServer.start();
        client = server.newClient();
        probe = new QdrantProbe(client);
        db = Database.open(tmp.resolve("data"));
        engine = EngineFixture.engine(db, server, "test-host");
        engine.addSource(new VaultSource(vault, List.of()));
        engine.start("sync");
        first = engine.syncNow(false, Duration.ofMinutes(15));
    }

    @AfterAll
    void close() {
        if (engine != null) {
            engine.close();
        }
        if (client != null) {
            client.close();
        }
        if (server != null) {
            server.stop();
        }
    }

    private long ledgerChunks() {
        return db.inTransaction(c -> ledger.chunkRowCount(c));
    }

    private List<DocumentRow> rows() {
        return db.inTransaction(c -> ledger.listAll(c));
    }

    @Test
    @Order(1)
    void everyNoteIsIndexedOrFailedWithAReasonAndQdrantMatchesTheLedger() {
        assertTrue(first.complete(), "sync finished: " + first.message());
        assertEquals(118, first.documents());
        List<DocumentRow> rows = rows();
        assertEquals(118, rows.size());
        for (DocumentRow r : rows) {
            assertEquals(Stage.IDLE, r.stage(), r.key().toString());
            assertTrue(r.status() == SyncStatus.SYNCED
                    || (r.status() == SyncStatus.FAILED && r.lastError() != null && r.errorType() != null), r.toString());
        }
        long synced = rows.stream().filter(r -> r.status() == SyncStatus.SYNCED).count();
        assertEquals(List.of(), rows.stream().filter(r -> r.status() == SyncStatus.FAILED)
                .map(r -> r.key().sourceId() + ": " + r.errorType() + " " + r.lastError()).toList(),
                "every note of the corpus vault can be indexed");
        assertEquals(synced, first.indexed());
        assertEquals(118, first.indexed() + first.failed());
        long ledgerChunks = ledgerChunks();
        assertEquals(ledgerChunks, rows.stream().mapToLong(DocumentRow::chunkCount).sum());
        assertEquals(ledgerChunks, probe.chunkCount(), "one point per ledger chunk");
        assertEquals(ledgerChunks, first.chunksEmbedded() + duplicateTexts(), "each distinct text embedded once");
        assertEquals(ledgerChunks, first.pointsUpserted());
    }

    /** Chunks whose text repeats one already embedded (the vault embeds snippets in several notes). */
    private long duplicateTexts() {
        List<Map<String, Object>> chunks = probe.chunks();
        Set<String> seen = new HashSet<>();
        long dup = 0;
        for (Map<String, Object> p : chunks) {
            String input = p.get("heading").toString().isEmpty() ? p.get("text").toString()
                    : p.get("heading") + "\n" + p.get("text");
            if (!seen.add(input)) {
                dup++;
            }
        }
        return dup;
    }

    @Test
    @Order(2)
    void pointsAndEventsCarryTheSchemaFields() {
        Map<String, Object> p = probe.chunks().stream().filter(x -> "Introduction.md".equals(x.get("source_id")))
                .findFirst().orElseThrow();
        for (String field : List.of("text", "source", "source_id", "file_path", "title", "tags", "heading_path",
                "chunk_ordinal", "content_hash", "modified_at", "file_size", "model", "hostname", "ingest_version",
                "doc_id", "vault")) {
            assertTrue(p.containsKey(field), "payload has " + field);
        }
        assertEquals("obsidian", p.get("source"));
        assertEquals("Introduction", p.get("title"));
        assertEquals("test-host", p.get("hostname"));
        assertEquals("bge-small-en-v1.5-q", p.get("model"));
        assertEquals("obsidian-tasks-docs", p.get("vault"));
        assertEquals(118, probe.events(EventTypes.INGEST_START).size());
        List<Map<String, Object>> completes = probe.events(EventTypes.INGEST_COMPLETE);
        assertEquals(first.indexed(), completes.size());
        assertEquals(first.failed(), probe.events(EventTypes.INGEST_ERROR).size());
        for (Map<String, Object> e : completes) {
            assertEquals("test-host", e.get("hostname"));
            assertEquals(engine.runId().toString(), e.get("run_id"));
            assertTrue(e.get("timestamp").toString().endsWith("Z"));
            assertTrue(e.get("chunks_created") instanceof Long);
            assertTrue(e.get("duration_sec") instanceof Double);
            assertEquals("cpu", e.get("device"));
        }
    }

    @Test
    @Order(3)
    void aSentenceFindsItsNoteFirst() throws Exception {
        SearchService search = new SearchService(TestModels.bundled(), client);
        for (var e : SENTENCES.entrySet()) {
            assertTrue(Files.readString(vault.resolve(e.getKey())).contains(e.getValue()), "test data: " + e.getKey());
            List<SearchHit> hits = search.search(e.getValue(), 5, null);
            assertFalse(hits.isEmpty());
            assertEquals(e.getKey(), hits.getFirst().sourceId(), "top hit for: " + e.getValue() + "\n" + String.join("\n",
                    hits.stream().map(h -> h.score() + " " + h.sourceId() + " :: " + h.heading() + " :: " + h.text()).toList()));
        }
    }

    @Test
    @Order(4)
    void aSecondSyncEmbedsAndUpsertsNothing() throws Exception {
        server.resetCounters();
        SyncSummary again = engine.syncNow(false, Duration.ofMinutes(5));
        assertTrue(again.complete());
        assertEquals(0, again.chunksEmbedded());
        assertEquals(0, again.pointsUpserted());
        assertEquals(118, again.unchanged());
        assertEquals(0, again.indexed());
        assertEquals(0, server.calls("Points/Upsert"), "no upsert reached Qdrant, not even an event");
    }

    @Test
    @Order(5)
    void editingOneParagraphReembedsOnlyTheChangedChunks() throws Exception {
        String note = "Advanced/Urgency.md";
        Path file = vault.resolve(note);
        String before = Files.readString(file);
        String sentence = "The urgency score isn't perfect, of course";
        assertTrue(before.contains(sentence));
        String after = before.replace(sentence, "The urgency score is far from flawless, naturally");
        Set<String> oldHashes = inputHashes(before);
        Set<String> newHashes = inputHashes(after);
        Set<String> expected = new HashSet<>(newHashes);
        expected.removeAll(oldHashes);
        assertTrue(!expected.isEmpty() && expected.size() < newHashes.size(), "the edit touches some, not all chunks");

        Files.writeString(file, after);
        SyncSummary s = engine.syncNow(false, Duration.ofMinutes(5));
        assertEquals(1, s.indexed());
        assertEquals(expected.size(), s.chunksEmbedded(), "only the changed chunks are embedded");
        DocumentRow row = db.inTransaction(c -> ledger.find(c,
                new DocumentKey("obsidian", "obsidian-tasks-docs", note))).orElseThrow();
        assertEquals(newHashes.size(), row.chunkCount());
        assertEquals(row.chunkCount(), probe.chunkCount("doc_id", row.docUuid().toString()), "stale points deleted");
        assertEquals(ledgerChunks(), probe.chunkCount());
        List<SearchHit> hits = new SearchService(TestModels.bundled(), client)
                .search("The urgency score is far from flawless, naturally", 3, null);
        assertEquals(note, hits.getFirst().sourceId());
    }

    private static Set<String> inputHashes(String markdown) {
        Chunker chunker = new Chunker(TestModels.tokenCounter(), ChunkingOptions.defaults());
        Set<String> out = new HashSet<>();
        for (Chunk c : chunker.chunk(NoteParser.parse(markdown))) {
            out.add(Hashes.sha256(c.embeddingInput()));
        }
        return out;
    }

    @Test
    @Order(6)
    void deletingANoteRemovesItsPointsAndRecordsBookDelete() throws Exception {
        String note = "Support and Help/Useful Links.md";
        DocumentRow row = db.inTransaction(c -> ledger.find(c,
                new DocumentKey("obsidian", "obsidian-tasks-docs", note))).orElseThrow();
        assertTrue(probe.chunkCount("doc_id", row.docUuid().toString()) > 0);
        Files.delete(vault.resolve(note));
        SyncSummary s = engine.syncNow(false, Duration.ofMinutes(5));
        assertEquals(1, s.deleted());
        assertEquals(row.chunkCount(), s.pointsDeleted());
        assertEquals(0, probe.chunkCount("doc_id", row.docUuid().toString()));
        DocumentRow gone = db.inTransaction(c -> ledger.get(c, row.id())).orElseThrow();
        assertEquals(SyncStatus.DELETED, gone.status());
        List<Map<String, Object>> deletes = probe.events(EventTypes.BOOK_DELETE);
        assertEquals(1, deletes.size());
        assertEquals(note, deletes.getFirst().get("source_id"));
        assertNotNull(deletes.getFirst().get("timestamp"));
        assertEquals(ledgerChunks(), probe.chunkCount());
    }
}
