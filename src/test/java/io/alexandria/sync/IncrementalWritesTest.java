package io.alexandria.sync;

import static io.qdrant.client.PointIdFactory.id;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.alexandria.common.Hashes;
import io.alexandria.index.QdrantCalls;
import io.alexandria.sources.vault.VaultSource;
import io.alexandria.store.ChunkRow;
import io.alexandria.store.Database;
import io.alexandria.store.DocumentKey;
import io.alexandria.store.DocumentRow;
import io.alexandria.store.Ledger;
import io.alexandria.testserver.QdrantTestServer;
import io.alexandria.qdrant.ServerStats;
import io.alexandria.testsupport.Corpus;
import io.alexandria.testsupport.EngineFixture;
import io.alexandria.testsupport.QdrantProbe;
import io.qdrant.client.QdrantClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue #14: an edit writes only what changed. A chunk whose text is unchanged keeps its point
 * (only its payload is overwritten: the new content hash, a shifted ordinal); new chunks are
 * upserted; chunks that are gone are deleted — counted on the test server per collection, with
 * the real model and the corpus vault's largest note ({@code Queries/Filters.md}). And when
 * Qdrant lacks a point the ledger records, the document's points are written in full.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class IncrementalWritesTest {
    private static final String NOTE = "Queries/Filters.md";
    private static final DocumentKey KEY = new DocumentKey("obsidian", "vault", NOTE);

    @TempDir
    static Path tmp;
    private QdrantTestServer server;
    private QdrantClient client;
    private SyncEngine engine;
    private Database db;
    private Path file;
    private final Ledger ledger = new Ledger();

    @BeforeAll
    void syncTheNote() throws Exception {
        Path vault = tmp.resolve("vault");
        file = vault.resolve(NOTE);
        Files.createDirectories(file.getParent());
        Files.copy(Corpus.root().resolve("obsidian-tasks-docs").resolve(NOTE), file);
        Files.copy(Corpus.root().resolve("obsidian-tasks-docs").resolve("Introduction.md"), vault.resolve("Introduction.md"));
        server = QdrantTestServer.start();
        client = server.newClient();
        db = Database.open(tmp.resolve("data"));
        engine = EngineFixture.engine(db, server, "test-host");
        engine.addSource(new VaultSource(vault, List.of()));
        engine.start("sync");
        SyncSummary first = engine.syncNow(false, Duration.ofMinutes(10));
        assertEquals(2, first.indexed(), first.toString());
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

    @Test
    @Order(1)
    void editingOneParagraphWritesOnePointAndDeletesOnlyTheStaleOnes() throws Exception {
        Set<UUID> before = pointIds();
        edit("Tasks provides many built-in filtering options, but sometimes they don't quite do what is wanted by all users.",
                "Tasks offers plenty of built-in filters, yet now and then they miss what some users want.");
        server.resetCounters();
        SyncSummary s = engine.syncNow(false, Duration.ofMinutes(5));
        assertEquals(1, s.indexed());
        Set<UUID> after = pointIds();
        Set<UUID> added = minus(after, before);
        Set<UUID> gone = minus(before, after);
        Set<UUID> kept = minus(after, added);
        assertTrue(!added.isEmpty() && added.size() <= 2, "one paragraph touches one or two chunks: " + added.size());
        assertTrue(kept.size() > 50, "most of the note's " + after.size() + " chunks stay");
        ServerStats stats = server.stats();
        String collection = engine.collection();
        assertEquals(added.size(), stats.pointsUpserted(collection), "only the new chunks are upserted");
        assertEquals(added.size(), s.pointsUpserted());
        assertEquals(added.size(), s.chunksEmbedded(), "only the new chunks are embedded");
        assertEquals(gone.size(), stats.pointsDeleted(collection), "exactly the stale points are deleted");
        assertEquals(kept.size(), stats.payloadsWritten(collection), "the other points get their new payload only");
        assertEquals(1, server.calls("Points/UpdateBatch"), "one request for all the chunk writes");
        assertQdrantMatchesTheLedger();
    }

    @Test
    @Order(2)
    void aNewSectionShiftsTheOrdinalsOfTheChunksAfterItByPayloadOnly() throws Exception {
        Set<UUID> before = pointIds();
        String text = Files.readString(file);
        Files.writeString(file, text.replace("## Custom Filters\n", "## A new first section\n\nThis section is new and "
                + "holds one short paragraph about lighthouses on rocky coasts.\n\n## Custom Filters\n"));
        server.resetCounters();
        SyncSummary s = engine.syncNow(false, Duration.ofMinutes(5));
        assertEquals(1, s.indexed());
        Set<UUID> after = pointIds();
        Set<UUID> added = minus(after, before);
        assertEquals(1, added.size(), "one new chunk");
        assertEquals(1, server.stats().pointsUpserted(engine.collection()));
        assertEquals(after.size() - 1, server.stats().payloadsWritten(engine.collection()));
        assertQdrantMatchesTheLedger();
    }

    @Test
    @Order(3)
    void aPointMissingFromQdrantMakesTheDocumentAFullUpsert() throws Exception {
        List<ChunkRow> chunks = chunkRows();
        UUID lost = chunks.get(chunks.size() / 2).pointId();
        QdrantCalls.await(client.deleteAsync(engine.collection(), List.of(id(lost))));
        edit("You can find out more about this very powerful facility in [[Custom Filters]].",
                "There is more about this facility in [[Custom Filters]].");
        server.resetCounters();
        SyncSummary s = engine.syncNow(false, Duration.ofMinutes(5));
        assertEquals(1, s.indexed());
        assertEquals(0, s.failed());
        long upserted = server.stats().pointsUpserted(engine.collection());
        assertTrue(upserted >= chunkRows().size(), "the document was written in full: " + upserted);
        assertQdrantMatchesTheLedger();
    }

    /** Every point of the note carries the ledger's text at its ordinal, and the current content hash. */
    private void assertQdrantMatchesTheLedger() {
        DocumentRow row = row();
        List<ChunkRow> chunks = chunkRows();
        List<Map<String, Object>> points = new QdrantProbe(client).scrollAll(engine.collection(),
                io.alexandria.index.ChunkIndex.byDocument(row.docUuid()));
        assertEquals(chunks.size(), points.size(), "one point per ledger chunk");
        Map<Long, String> hashByOrdinal = new HashMap<>();
        for (ChunkRow c : chunks) {
            hashByOrdinal.put((long) c.ordinal(), c.textHash());
        }
        for (Map<String, Object> p : points) {
            String heading = p.get("heading").toString();
            String input = heading.isEmpty() ? p.get("text").toString() : heading + "\n" + p.get("text");
            assertEquals(hashByOrdinal.get((Long) p.get("chunk_ordinal")), Hashes.sha256(input),
                    "the point at ordinal " + p.get("chunk_ordinal") + " holds that chunk's text");
            assertEquals(row.contentHash(), p.get("content_hash"));
        }
    }

    private void edit(String from, String to) throws Exception {
        String text = Files.readString(file);
        assertTrue(text.contains(from), "test data: " + from);
        Files.writeString(file, text.replace(from, to));
    }

    private DocumentRow row() {
        return db.inTransaction(c -> ledger.find(c, KEY)).orElseThrow();
    }

    private List<ChunkRow> chunkRows() {
        long id = row().id();
        return db.inTransaction(c -> ledger.chunks(c, id));
    }

    private Set<UUID> pointIds() {
        return chunkRows().stream().map(ChunkRow::pointId).collect(Collectors.toSet());
    }

    private static Set<UUID> minus(Set<UUID> a, Set<UUID> b) {
        Set<UUID> out = new HashSet<>(a);
        out.removeAll(b);
        return out;
    }
}
