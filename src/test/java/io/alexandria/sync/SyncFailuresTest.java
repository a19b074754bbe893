package io.alexandria.sync;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.alexandria.extraction.ExtractionException;
import io.alexandria.sources.vault.VaultSource;
import io.alexandria.store.Database;
import io.alexandria.store.DocumentKey;
import io.alexandria.store.Ledger;
import io.alexandria.testserver.QdrantTestServer;
import io.alexandria.testsupport.EngineFixture;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 11: a sync's summary ({@code sync --json}) names each document that failed, with the
 * failure's type and reason, beside the count.
 */
class SyncFailuresTest {
    @TempDir
    Path tmp;

    @Test
    void theSummaryNamesWhatFailedAndWhy() throws Exception {
        Path vault = Files.createDirectories(tmp.resolve("Failing Vault"));
        Files.writeString(vault.resolve("good.md"), "# Good\n\nAn ordinary note.\n");
        Files.writeString(vault.resolve("turned-folder.md"), "This note becomes a folder before it is read.\n");
        Database db = Database.open(tmp.resolve("data"));
        try (QdrantTestServer server = QdrantTestServer.start();
             SyncEngine engine = EngineFixture.engine(db, server, "failing-host")) {
            engine.addSource(new VaultSource(vault, List.of()));
            engine.start("sync");
            engine.pause();
            CompletableFuture<SyncSummary> sync = CompletableFuture.supplyAsync(() -> {
                try {
                    return engine.syncNow(false, Duration.ofMinutes(5));
                } catch (InterruptedException e) {
                    throw new IllegalStateException(e);
                }
            });
            DocumentKey key = new DocumentKey("obsidian", "Failing Vault", "turned-folder.md");
            await().atMost(Duration.ofMinutes(1)).until(() -> db.inTransaction(c -> new Ledger().find(c, key)).isPresent());
            Files.delete(vault.resolve("turned-folder.md"));
            Files.createDirectory(vault.resolve("turned-folder.md"));
            engine.resume();
            SyncSummary s = sync.get();

            assertEquals(1, s.failed());
            assertEquals(1, s.failures().size());
            SyncSummary.Failure f = s.failures().getFirst();
            assertEquals("turned-folder.md", f.sourceId());
            assertEquals(ExtractionException.UNREADABLE, f.errorType());
            assertTrue(f.error().contains("is a folder"), f.error());
            Map<String, Object> json = s.toJson();
            @SuppressWarnings("unchecked")
            List<Map<String, Object>> listed = (List<Map<String, Object>>) json.get("failures");
            assertEquals(Map.of("source", "obsidian", "source_id", "turned-folder.md", "title", "turned-folder",
                    "error_type", ExtractionException.UNREADABLE, "error", f.error()), listed.getFirst());
        }
    }
}
