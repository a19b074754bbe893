package io.alexandria.sync;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.alexandria.events.EventTypes;
import io.alexandria.health.HealthReport;
import io.alexandria.health.HealthService;
import io.alexandria.index.QdrantEndpoint;
import io.alexandria.sources.vault.VaultSource;
import io.alexandria.store.Database;
import io.alexandria.store.DocumentKey;
import io.alexandria.store.DocumentRow;
import io.alexandria.store.Ledger;
import io.alexandria.store.SyncStatus;
import io.alexandria.testserver.QdrantTestServer;
import io.alexandria.testsupport.Corpus;
import io.alexandria.testsupport.EngineFixture;
import io.alexandria.testsupport.QdrantProbe;
import io.qdrant.client.QdrantClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Issue #4: renames re-embed nothing; a vanished vault or a mass deletion deletes nothing until confirmed. */
class RenameAndGuardTest {
    @TempDir
    Path tmp;
    private QdrantTestServer server;
    private QdrantClient client;
    private QdrantProbe probe;
    private SyncEngine engine;
    private Database db;
    private Path vault;
    private final Ledger ledger = new Ledger();

    @BeforeEach
    void start() throws Exception {
        vault = Corpus.copyNotes(tmp.resolve("Guarded Vault"), 12);
        server = QdrantTestServer.start();
        client = server.newClient();
        probe = new QdrantProbe(client);
        db = Database.open(tmp.resolve("data"));
        engine = EngineFixture.engine(db, server, "guard-host");
        engine.addSource(new VaultSource(vault, List.of()));
        engine.start("sync");
        assertTrue(engine.syncNow(false, Duration.ofMinutes(5)).complete());
    }

    @AfterEach
    void stop() {
        engine.close();
        client.close();
        server.stop();
    }

    private List<Path> notes() throws Exception {
        try (Stream<Path> s = Files.walk(vault)) {
            return s.filter(p -> p.toString().endsWith(".md")).sorted().toList();
        }
    }

    private HealthReport health() {
        return new HealthService(db, client, QdrantEndpoint.parse(server.url(), null), engine.model().id(),
                () -> true).report();
    }

    @Test
    void aMovedNoteIsRecognisedByContentAndReembedsNothing() throws Exception {
        Path note = notes().get(3);
        String oldId = vault.relativize(note).toString().replace('\\', '/');
        long points = probe.chunkCount("source_id", oldId);
        assertTrue(points > 0);
        Path moved = vault.resolve("Moved elsewhere").resolve("Renamed note.md");
        Files.createDirectories(moved.getParent());
        Files.move(note, moved);

        SyncSummary s = engine.syncNow(false, Duration.ofMinutes(5));
        assertEquals(0, s.chunksEmbedded(), "a rename embeds nothing");
        assertEquals(0, s.deleted(), "a rename is not a deletion");
        assertEquals(0, probe.chunkCount("source_id", oldId), "no point keeps the old path");
        assertEquals(points, probe.chunkCount("source_id", "Moved elsewhere/Renamed note.md"));
        assertEquals("Renamed note", probe.chunks().stream()
                .filter(p -> "Moved elsewhere/Renamed note.md".equals(p.get("source_id"))).findFirst().orElseThrow()
                .get("title"));
        DocumentRow row = db.inTransaction(c -> ledger.find(c,
                new DocumentKey("obsidian", "Guarded Vault", "Moved elsewhere/Renamed note.md"))).orElseThrow();
        assertEquals(SyncStatus.SYNCED, row.status());
        assertTrue(probe.events(EventTypes.BOOK_DELETE).isEmpty());
        assertEquals(db.inTransaction(c -> ledger.chunkRowCount(c)).longValue(), probe.chunkCount());
    }

    @Test
    void aVaultRenamedAwayWhileWatchingDeletesNothingAndRaisesAnAlarm() throws Exception {
        long points = probe.chunkCount();
        try (SyncWatcher watcher = new SyncWatcher(engine, new SyncWatcher.Options(Duration.ofMillis(200),
                Duration.ofSeconds(1), Duration.ofSeconds(2), false, Duration.ofSeconds(1)))) {
            watcher.start();
            assertTrue(health().healthy());
            Path away = tmp.resolve("Guarded Vault (renamed)");
            Files.move(vault, away);
            await().atMost(Duration.ofSeconds(60)).until(() -> !health().alarms().isEmpty());
            HealthReport alarmed = health();
            assertEquals("degraded", alarmed.health());
            assertTrue(alarmed.alarms().getFirst().contains("missing"), alarmed.alarms().toString());
            assertTrue(engine.awaitIdle(Duration.ofSeconds(30)));
            assertEquals(points, probe.chunkCount(), "zero points deleted");
            assertEquals(0, db.inTransaction(c -> ledger.statusCounts(c)).get(SyncStatus.DELETED));

            Files.move(away, vault);
            await().atMost(Duration.ofSeconds(60)).until(() -> health().alarms().isEmpty());
            assertEquals(points, probe.chunkCount());
        }
    }

    @Test
    void vanishingMoreThanTheShareHoldsDeletionsUntilConfirmed() throws Exception {
        List<Path> notes = notes();
        long before = probe.chunkCount();
        for (Path p : notes.subList(0, 6)) {
            Files.delete(p);
        }
        SyncSummary held = engine.syncNow(false, Duration.ofMinutes(5));
        assertEquals(0, held.deleted());
        assertTrue(held.message() != null && held.message().contains("--confirm-deletes"), held.message());
        assertEquals(before, probe.chunkCount());
        assertFalse(health().alarms().isEmpty());

        SyncSummary confirmed = engine.syncNow(true, Duration.ofMinutes(5));
        assertEquals(6, confirmed.deleted());
        assertTrue(health().alarms().isEmpty());
        assertEquals(db.inTransaction(c -> ledger.chunkRowCount(c)).longValue(), probe.chunkCount());
        assertEquals(6, probe.events(EventTypes.BOOK_DELETE).size());
    }
}
