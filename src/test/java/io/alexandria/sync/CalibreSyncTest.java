package io.alexandria.sync;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.alexandria.app.EngineBootstrap;
import io.alexandria.config.Settings;
import io.alexandria.events.EventTypes;
import io.alexandria.extraction.ExtractionException;
import io.alexandria.search.SearchHit;
import io.alexandria.search.SearchService;
import io.alexandria.sources.calibre.CalibreTestDb;
import io.alexandria.store.Database;
import io.alexandria.store.DocumentRow;
import io.alexandria.store.Ledger;
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
import java.util.List;
import java.util.Map;
import java.util.Set;
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
 * Issue #3's acceptance on a copy of the real Calibre library, with the real model and the test
 * server, as one story so each book is embedded once: a truncated EPUB fails alone; once repaired
 * all three books are indexed and findable; a title change embeds nothing; a new preferred format
 * re-ingests; a removed book loses its points.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class CalibreSyncTest {
    private static final Map<String, String> PASSAGES = Map.of(
            "1", "So we beat on, boats against the current, borne back ceaselessly into the past.",
            "2", "Mr. Utterson the lawyer was a man of a rugged countenance that was never lighted by a smile",
            "3", "The Time Traveller (for so it will be convenient to speak of him) was expounding a recondite matter to us.");

    @TempDir
    static Path tmp;
    private byte[] gatsbyBytes;
    private String libraryId;
    private Path gatsby;
    private QdrantTestServer server;
    private QdrantClient client;
    private QdrantProbe probe;
    private SyncEngine engine;
    private Database db;
    private Path library;
    private final Ledger ledger = new Ledger();

    @BeforeAll
    void start() {
        library = CalibreTestDb.writableLibraryCopy(tmp);
        server = QdrantTestServer.start();
        client = server.newClient();
        probe = new QdrantProbe(client);
        db = Database.open(tmp.resolve("data"));
        engine = EngineFixture.engine(db, server, "calibre-host");
        var source = EngineBootstrap.calibre(library, Settings.defaults(), db);
        libraryId = source.scope();
        engine.addSource(source);
        engine.start("sync");
    }

    @AfterAll
    void stop() {
        engine.close();
        client.close();
        server.stop();
    }

    private SyncSummary sync() throws InterruptedException {
        SyncSummary s = engine.syncNow(false, Duration.ofMinutes(10));
        assertTrue(s.complete(), String.valueOf(s.message()));
        return s;
    }

    private Map<String, DocumentRow> rowsByBook() {
        return db.inTransaction(c -> ledger.listAll(c)).stream()
                .filter(r -> r.key().scope().equals(libraryId))
                .collect(Collectors.toMap(r -> r.key().sourceId(), r -> r));
    }

    @Test
    @Order(1)
    void aTruncatedEpubFailsAloneWithAClearError() throws Exception {
        try (var files = Files.walk(library)) {
            gatsby = files.filter(p -> p.getFileName().toString().equals("The Great Gatsby - F. Scott Fitzgerald.epub"))
                    .findFirst().orElseThrow();
        }
        gatsbyBytes = Files.readAllBytes(gatsby);
        Files.write(gatsby, java.util.Arrays.copyOf(gatsbyBytes, gatsbyBytes.length / 3));
        SyncSummary s = sync();
        assertEquals(1, s.failed());
        assertEquals(2, s.indexed());
        DocumentRow failed = rowsByBook().get("1");
        assertEquals(SyncStatus.FAILED, failed.status());
        assertEquals(ExtractionException.CORRUPT, failed.errorType());
        List<Map<String, Object>> errors = probe.events(EventTypes.INGEST_ERROR);
        assertEquals(1, errors.size());
        assertEquals(1L, errors.getFirst().get("book_id"));
        assertEquals(ExtractionException.CORRUPT, errors.getFirst().get("error_type"));
        assertTrue(errors.getFirst().get("error_msg").toString().length() > 5);
        assertTrue(errors.getFirst().get("stacktrace").toString().contains("Exception"));
        assertEquals(0, probe.chunkCount("source_id", "1"));
    }

    @Test
    @Order(2)
    void repairedAllThreeBooksAreIndexedOnceWithChapterContextAndFindableByAPassage() throws Exception {
        Files.write(gatsby, gatsbyBytes);
        SyncSummary s = sync();
        assertEquals(3, s.documents());
        assertEquals(1, s.indexed(), "only the repaired book is ingested");
        assertEquals(2, s.unchanged());
        Map<String, DocumentRow> rows = rowsByBook();
        assertEquals(Set.of("1", "2", "3"), rows.keySet(), "the two-format book is one document");
        assertTrue(rows.values().stream().allMatch(r -> r.status() == SyncStatus.SYNCED));
        assertEquals("EPUB", rows.get("2").format(), "EPUB is preferred over PDF");
        assertEquals(probe.chunkCount(), rows.values().stream().mapToLong(DocumentRow::chunkCount).sum());

        List<Map<String, Object>> jekyll = probe.chunks().stream().filter(p -> "2".equals(p.get("source_id"))).toList();
        assertTrue(jekyll.stream().anyMatch(p -> "Story of the Door".equals(p.get("chapter"))), "chapter context");
        Map<String, Object> one = jekyll.getFirst();
        assertEquals(2L, one.get("book_id"));
        assertEquals("calibre", one.get("source"));
        assertEquals("Robert Louis Stevenson", one.get("author"));
        assertEquals("en", one.get("language"));
        assertEquals("EPUB", one.get("format"));
        assertNotNull(one.get("library_id"));

        SearchService search = new SearchService(TestModels.bundled(), client);
        for (var e : PASSAGES.entrySet()) {
            List<SearchHit> hits = search.search(e.getValue(), 3, null);
            assertEquals(e.getKey(), hits.getFirst().sourceId(), "passage of book " + e.getKey());
            assertEquals("calibre", hits.getFirst().source());
        }

        List<Map<String, Object>> completes = probe.events(EventTypes.INGEST_COMPLETE);
        assertEquals(3, completes.size());
        for (Map<String, Object> e : completes) {
            assertTrue(e.get("book_id") instanceof Long);
            assertNotNull(e.get("title"));
            assertNotNull(e.get("author"));
            assertEquals("en", e.get("language"));
            assertTrue((Long) e.get("chunks_created") > 10);
            assertTrue((Double) e.get("duration_sec") >= (Double) e.get("embedding_sec"));
            assertEquals("bge-small-en-v1.5-q", e.get("model"));
            assertEquals("calibre-host", e.get("hostname"));
        }
    }

    @Test
    @Order(3)
    void aTitleChangeUpdatesPayloadsAndEmbedsNothing() throws Exception {
        long before = probe.chunkCount("source_id", "3");
        CalibreTestDb.write(library, "UPDATE books SET title = 'The Time Machine (Annotated)' WHERE id = 3");
        server.resetCounters();
        SyncSummary retitled = sync();
        assertEquals(0, retitled.chunksEmbedded());
        assertEquals(0, retitled.pointsUpserted());
        assertEquals(0, server.calls("Points/Upsert"), "no upsert for a metadata change");
        assertEquals(1, retitled.updated(), "the retitled book is counted (issue 11)");
        assertEquals(retitled.documents(), retitled.indexed() + retitled.unchanged() + retitled.updated()
                + retitled.failed(), "every document in one counter");
        List<Map<String, Object>> tm = probe.chunks().stream().filter(p -> "3".equals(p.get("source_id"))).toList();
        assertEquals(before, tm.size());
        assertTrue(tm.stream().allMatch(p -> "The Time Machine (Annotated)".equals(p.get("title"))), "payloads updated");
        assertEquals("The Time Machine (Annotated)", rowsByBook().get("3").title());
    }

    @Test
    @Order(4)
    void aNewPreferredFormatReingests() throws Exception {
        try (var files = Files.walk(library)) {
            Path epub = files.filter(p -> p.toString().endsWith(".epub") && p.toString().contains("Hyd")).findFirst()
                    .orElseThrow();
            Files.delete(epub);
        }
        SyncSummary s = sync();
        assertEquals(1, s.indexed(), "the PDF takes over book 2");
        DocumentRow jekyll = rowsByBook().get("2");
        assertEquals("PDF", jekyll.format());
        List<Map<String, Object>> pages = probe.chunks().stream().filter(p -> "2".equals(p.get("source_id"))).toList();
        assertTrue(pages.stream().allMatch(p -> p.get("page") instanceof Long), "PDF chunks carry their page");
        assertTrue(pages.stream().allMatch(p -> "PDF".equals(p.get("format"))));
        assertEquals(jekyll.chunkCount(), pages.size(), "the EPUB's points are gone");
    }

    @Test
    @Order(5)
    void aRemovedBookLosesItsPointsAndRecordsBookDelete() throws Exception {
        try (var c = CalibreTestDb.writer(library); var st = c.createStatement()) {
            for (String table : List.of("books_authors_link", "books_languages_link", "books_tags_link",
                    "books_publishers_link", "data", "comments", "identifiers")) {
                st.executeUpdate("DELETE FROM " + table + " WHERE book = 3");
            }
            st.executeUpdate("DELETE FROM books WHERE id = 3");
        }
        SyncSummary removed = sync();
        assertEquals(1, removed.deleted());
        assertEquals(0, probe.chunkCount("source_id", "3"));
        assertEquals(SyncStatus.DELETED, rowsByBook().get("3").status());
        List<Map<String, Object>> deletes = probe.events(EventTypes.BOOK_DELETE);
        assertEquals(1, deletes.size());
        assertEquals(3L, deletes.getFirst().get("book_id"));
        assertEquals("The Time Machine (Annotated)", deletes.getFirst().get("title"));
    }

    @Test
    @Order(6)
    void aSecondLibraryWithTheSameBooksEmbedsNothing() throws Exception {
        Path second = Corpus.copy(library, tmp.resolve("Second Library"));
        CalibreTestDb.write(second, "UPDATE library_id SET uuid = '00000000-0000-4000-8000-00000000abcd'");
        engine.addSource(EngineBootstrap.calibre(second, Settings.defaults(), db));
        SyncSummary s = sync();
        assertEquals(2, s.indexed(), "the second library's two books are new documents");
        assertEquals(0, s.chunksEmbedded(), "but every text is already embedded");
        assertEquals(2, probe.chunks().stream().filter(p -> "00000000-0000-4000-8000-00000000abcd"
                .equals(p.get("library_id"))).map(p -> p.get("book_id")).distinct().count());
    }

    @Test
    @Order(7)
    void aFormatFileMissingOnDiskIsAnIngestErrorAndTheRestSyncs() throws Exception {
        try (var files = Files.walk(library)) {
            Files.delete(files.filter(p -> p.getFileName().toString().equals("The Great Gatsby - F. Scott Fitzgerald.epub"))
                    .findFirst().orElseThrow());
        }
        SyncSummary s = sync();
        assertEquals(1, s.failed());
        DocumentRow gatsby = rowsByBook().get("1");
        assertEquals(SyncStatus.FAILED, gatsby.status());
        assertEquals(ExtractionException.MISSING, gatsby.errorType());
        assertTrue(probe.events(EventTypes.INGEST_ERROR).stream()
                .anyMatch(e -> ExtractionException.MISSING.equals(e.get("error_type")) && Long.valueOf(1).equals(e.get("book_id"))));
    }
}
