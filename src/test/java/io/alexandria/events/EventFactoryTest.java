package io.alexandria.events;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.alexandria.index.PointIds;
import io.alexandria.store.DocumentKey;
import io.alexandria.store.DocumentRow;
import io.alexandria.store.Stage;
import io.alexandria.store.SyncStatus;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The exact payload shape of every event type: shared seed 000's names and types. */
class EventFactoryTest {
    private final EventFactory factory = new EventFactory("BUCO");
    private final Instant at = Instant.parse("2026-02-08T15:45:32.123456Z");
    private final UUID run = UUID.fromString("00000000-0000-4000-8000-000000000001");
    private final Map<String, Object> payload = Map.of("author", "F. Scott Fitzgerald", "language", "en");

    private DocumentRow book() {
        DocumentKey key = new DocumentKey("calibre", "lib-uuid", "42");
        return new DocumentRow(1, PointIds.document(key), key, "/lib", "F/G/g.epub", "The Great Gatsby", "EPUB", 10, 20,
                "h", null, null, null, SyncStatus.PENDING, Stage.DETECTED, 0, null, null, null, 0, null, run, at, 0, 0, 0,
                at);
    }

    private static final List<String> DOCUMENT_FIELDS = List.of("event_type", "timestamp", "hostname",
            "ingest_version", "run_id", "book_id", "source", "source_id", "title", "author", "language", "doc_id",
            "file_path");

    @Test
    void ingestStartHasTheSeedFieldsWithTheirTypes() {
        Map<String, Object> e = factory.ingestStart(book(), payload, at, run);
        assertEquals(DOCUMENT_FIELDS, List.copyOf(e.keySet()));
        assertEquals("ingest_start", e.get("event_type"));
        assertEquals("2026-02-08T15:45:32.123Z", e.get("timestamp"));
        assertEquals("BUCO", e.get("hostname"));
        assertEquals(42L, e.get("book_id"));
        assertEquals("calibre", e.get("source"));
        assertEquals("42", e.get("source_id"));
        assertEquals("The Great Gatsby", e.get("title"));
        assertEquals("F. Scott Fitzgerald", e.get("author"));
        assertEquals("en", e.get("language"));
        assertEquals(run.toString(), e.get("run_id"));
    }

    @Test
    void ingestCompleteCarriesIntegerChunksAndFloatSeconds() {
        Map<String, Object> e = factory.ingestComplete(book(), payload, at, run, 202, 29.5, 8.2, 18.1, 3.2, "bge-m3",
                "cuda");
        List<String> expected = new java.util.ArrayList<>(DOCUMENT_FIELDS);
        expected.addAll(List.of("chunks_created", "duration_sec", "chunking_sec", "embedding_sec", "upload_sec", "model",
                "device"));
        assertEquals(expected, List.copyOf(e.keySet()));
        assertInstanceOf(Integer.class, e.get("chunks_created"));
        for (String k : List.of("duration_sec", "chunking_sec", "embedding_sec", "upload_sec")) {
            assertInstanceOf(Double.class, e.get(k), k);
        }
        assertEquals(29.5, e.get("duration_sec"));
        assertEquals("cuda", e.get("device"));
    }

    @Test
    void ingestErrorCarriesTypeMessageAndABoundedStacktrace() {
        Exception deep = new IllegalStateException("x".repeat(10_000));
        Map<String, Object> e = factory.ingestError(book(), payload, at, run, "ChunkingError",
                "PDF extraction failed: invalid format", deep);
        assertEquals("ChunkingError", e.get("error_type"));
        assertEquals("PDF extraction failed: invalid format", e.get("error_msg"));
        assertTrue(((String) e.get("stacktrace")).length() <= EventFactory.STACKTRACE_LIMIT);
        assertTrue(((String) e.get("stacktrace")).startsWith("java.lang.IllegalStateException"));
    }

    @Test
    void deleteAndRecreateEvents() {
        Map<String, Object> d = factory.bookDelete(book(), payload, at, run, 7);
        assertEquals("book_delete", d.get("event_type"));
        assertEquals(42L, d.get("book_id"));
        Map<String, Object> r = factory.collectionRecreate("alexandria_bge_m3_1024", "bge-m3", "model switch", at, run);
        assertEquals(List.of("event_type", "timestamp", "hostname", "ingest_version", "run_id", "collection", "model",
                "reason"), List.copyOf(r.keySet()));
    }

    @Test
    void notesHaveNoBookId() {
        DocumentKey key = new DocumentKey("obsidian", "Vault", "Note.md");
        DocumentRow note = new DocumentRow(1, PointIds.document(key), key, "/v", "Note.md", "Note", "MD", 1, 1, "h",
                null, null, null, SyncStatus.PENDING, Stage.DETECTED, 0, null, null, null, 0, null, null, at, 0, 0, 0, at);
        Map<String, Object> e = factory.ingestStart(note, Map.of(), at, null);
        assertTrue(!e.containsKey("book_id") && !e.containsKey("author") && !e.containsKey("run_id"));
        assertEquals("Note.md", e.get("source_id"));
    }
}
