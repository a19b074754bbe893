package io.alexandria.sync;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.alexandria.sources.vault.VaultSource;
import io.alexandria.store.Database;
import io.alexandria.store.DocumentKey;
import io.alexandria.store.Ledger;
import io.alexandria.testserver.QdrantTestServer;
import io.alexandria.testsupport.EngineFixture;
import io.alexandria.testsupport.QdrantProbe;
import io.qdrant.client.QdrantClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 11: a note whose frontmatter {@code title} differs from its file name keeps that title
 * sync after sync (it used to flip to the file name and back), and every document is counted in
 * exactly one of the summary's counters.
 */
class NoteTitleTest {
    @TempDir
    Path tmp;

    @Test
    void aFrontmatterTitleStaysAndEveryDocumentIsCounted() throws Exception {
        Path vault = tmp.resolve("Titled Vault");
        Files.createDirectories(vault);
        Files.writeString(vault.resolve("weekly.md"), "---\ntitle: Plan for the week\n---\n\n# Monday\n\nWrite.\n");
        Files.writeString(vault.resolve("Plain note.md"), "# Plain\n\nNo frontmatter here.\n");
        Database db = Database.open(tmp.resolve("data"));
        try (QdrantTestServer server = QdrantTestServer.start(); QdrantClient client = server.newClient();
             SyncEngine engine = EngineFixture.engine(db, server, "title-host")) {
            engine.addSource(new VaultSource(vault, List.of()));
            engine.start("sync");
            SyncSummary first = engine.syncNow(false, Duration.ofMinutes(5));
            assertEquals(2, first.indexed());
            QdrantProbe probe = new QdrantProbe(client);
            for (int run = 2; run <= 4; run++) {
                SyncSummary s = engine.syncNow(false, Duration.ofMinutes(5));
                assertEquals(2, s.unchanged(), "sync " + run + ": both notes unchanged");
                assertEquals(0, s.updated() + s.indexed(), "sync " + run + ": no payload update, no ingest");
                assertEquals(s.documents(), s.indexed() + s.unchanged() + s.updated() + s.failed(),
                        "sync " + run + ": every document in one counter");
                String title = db.inTransaction(c -> new Ledger().find(c, new DocumentKey("obsidian", "Titled Vault",
                        "weekly.md"))).orElseThrow().title();
                assertEquals("Plan for the week", title, "sync " + run + ": the ledger keeps the frontmatter title");
                List<Map<String, Object>> points = probe.chunks().stream()
                        .filter(p -> "weekly.md".equals(p.get("source_id"))).toList();
                assertTrue(!points.isEmpty() && points.stream().allMatch(p -> "Plan for the week".equals(p.get("title"))),
                        "sync " + run + ": the points keep it");
            }
        }
    }
}
