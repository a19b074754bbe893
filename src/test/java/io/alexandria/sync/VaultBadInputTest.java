package io.alexandria.sync;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.alexandria.events.EventTypes;
import io.alexandria.extraction.ExtractionException;
import io.alexandria.sources.vault.VaultSource;
import io.alexandria.store.Database;
import io.alexandria.store.DocumentRow;
import io.alexandria.store.Ledger;
import io.alexandria.store.SyncStatus;
import io.alexandria.testserver.QdrantTestServer;
import io.alexandria.testsupport.EngineFixture;
import io.alexandria.testsupport.QdrantProbe;
import io.qdrant.client.QdrantClient;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue #2's bad input: every odd note is handled — indexed when it can be, otherwise failed with
 * the reason and an {@code ingest_error} — and the rest of the sync completes.
 */
class VaultBadInputTest {
    @TempDir
    Path tmp;

    @Test
    void oddNotesAreIndexedOrFailedAndTheSyncCompletes() throws Exception {
        Path vault = Files.createDirectories(tmp.resolve("Odd Vault"));
        Files.writeString(vault.resolve("good.md"), "# Good\n\nA perfectly ordinary note about lighthouses.\n");
        Files.write(vault.resolve("empty.md"), new byte[0]);
        String paragraph = "This enormous note repeats the same log paragraph about lighthouse keepers again and again.\n\n";
        Files.writeString(vault.resolve("huge.md"), paragraph.repeat(10 * 1024 * 1024 / paragraph.length() + 1));
        Files.writeString(vault.resolve("bad-frontmatter.md"), "---\ntitle: [unclosed\n  - : :\n---\nBody survives.\n");
        Files.writeString(vault.resolve("json-frontmatter.md"), "---\n{\"title\": \"Json\", \"tags\": [\"x\"]}\n---\nJson body.\n");
        byte[] invalid = "Caf\u00e9 menu: ".getBytes(StandardCharsets.UTF_8);
        byte[] bad = {(byte) 0xC3, (byte) 0x28, (byte) 0xFF, 'o', 'k', '\n'};
        byte[] both = new byte[invalid.length + bad.length];
        System.arraycopy(invalid, 0, both, 0, invalid.length);
        System.arraycopy(bad, 0, both, invalid.length, bad.length);
        Files.write(vault.resolve("invalid-utf8.md"), both);
        Files.writeString(vault.resolve("vanishing.md"), "This note disappears between scan and extraction.\n");
        Files.writeString(vault.resolve("turned-folder.md"), "This note becomes a folder before it is read.\n");

        Database db = Database.open(tmp.resolve("data"));
        try (QdrantTestServer server = QdrantTestServer.start(); QdrantClient client = server.newClient();
             SyncEngine engine = EngineFixture.engine(db, server, "odd-host")) {
            engine.addSource(new VaultSource(vault, List.of()));
            engine.start("sync");
            engine.pause();
            engine.scanOnly(false);
            Files.delete(vault.resolve("vanishing.md"));
            Files.delete(vault.resolve("turned-folder.md"));
            Files.createDirectory(vault.resolve("turned-folder.md"));
            engine.resume();
            assertTrue(engine.awaitIdle(Duration.ofMinutes(5)), "the sync completes");

            Map<String, DocumentRow> rows = db.inTransaction(c -> new Ledger().listAll(c)).stream()
                    .collect(Collectors.toMap(r -> r.key().sourceId(), r -> r));
            for (String ok : List.of("good.md", "empty.md", "huge.md", "bad-frontmatter.md", "json-frontmatter.md",
                    "invalid-utf8.md")) {
                assertEquals(SyncStatus.SYNCED, rows.get(ok).status(), ok + ": " + rows.get(ok).lastError());
            }
            assertEquals(0, rows.get("empty.md").chunkCount());
            assertTrue(rows.get("huge.md").chunkCount() > 1000, "10 MB gives many chunks");
            assertEquals(SyncStatus.FAILED, rows.get("vanishing.md").status());
            assertEquals(ExtractionException.MISSING, rows.get("vanishing.md").errorType());
            assertEquals(SyncStatus.FAILED, rows.get("turned-folder.md").status());
            assertEquals(ExtractionException.UNREADABLE, rows.get("turned-folder.md").errorType());

            QdrantProbe probe = new QdrantProbe(client);
            assertEquals(db.inTransaction(c -> new Ledger().chunkRowCount(c)).longValue(),
                    probe.chunkCount());
            List<Map<String, Object>> errors = probe.events(EventTypes.INGEST_ERROR);
            assertEquals(2, errors.size());
            assertTrue(errors.stream().allMatch(e -> e.get("error_msg") != null && e.get("error_type") != null));
            Map<String, Object> invalidChunk = probe.chunks().stream()
                    .filter(p -> "invalid-utf8.md".equals(p.get("source_id"))).findFirst().orElseThrow();
            assertTrue(invalidChunk.get("text").toString().contains("\uFFFD"), "invalid bytes replaced");
            assertEquals(Boolean.TRUE, invalidChunk.get("invalid_utf8"), "and flagged");
            Map<String, Object> badFrontmatter = probe.chunks().stream()
                    .filter(p -> "bad-frontmatter.md".equals(p.get("source_id"))).findFirst().orElseThrow();
            assertTrue(badFrontmatter.get("text").toString().contains("Body survives."));
        }
    }
}
