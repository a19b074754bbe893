package io.alexandria.sync;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.alexandria.sources.vault.VaultSource;
import io.alexandria.store.Database;
import io.alexandria.store.DocumentKey;
import io.alexandria.store.Ledger;
import io.alexandria.store.SyncStatus;
import io.alexandria.testserver.QdrantTestServer;
import io.alexandria.testsupport.EngineFixture;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 11: notes deleted one at a time under {@code watch} (one scan each) trip the mass-deletion
 * guard as surely as a mass deletion seen by one scan — it counts the deletions of a sliding
 * window — while notes that were never indexed are deleted without being counted.
 */
class DeletionWindowTest {
    @TempDir
    Path tmp;

    @Test
    void deletionsOneByOneTripTheGuardWithinItsWindow() throws Exception {
        Path vault = tmp.resolve("Window Vault");
        Files.createDirectories(vault);
        for (int i = 0; i < 20; i++) {
            Files.writeString(vault.resolve("Note " + i + ".md"), "# Note " + i + "\n\nThe note number " + i + ".\n");
        }
        Database db = Database.open(tmp.resolve("data"));
        try (QdrantTestServer server = QdrantTestServer.start();
             SyncEngine engine = EngineFixture.engine(db, server, "window-host")) {
            VaultSource source = new VaultSource(vault, List.of());
            engine.addSource(source);
            engine.start("watch");
            assertTrue(engine.syncNow(false, Duration.ofMinutes(5)).complete());

            // drafts that come and go before they are ever indexed count for nothing
            engine.pause();
            for (int i = 0; i < 6; i++) {
                Files.writeString(vault.resolve("Draft " + i + ".md"), "# Draft " + i + "\n");
            }
            engine.scan(source, false);
            for (int i = 0; i < 6; i++) {
                Files.delete(vault.resolve("Draft " + i + ".md"));
            }
            ScanReport drafts = engine.scan(source, false);
            assertNull(drafts.alarm(), "six never-indexed drafts vanished: no alarm");
            assertEquals(6, drafts.deleting());
            engine.resume();
            assertTrue(engine.awaitIdle(Duration.ofMinutes(2)));

            // 20 % of 20 notes, at least 5: the fifth deletion within the window is held
            int deleted = 0;
            ScanReport last = null;
            for (int i = 0; i < 6; i++) {
                Files.delete(vault.resolve("Note " + i + ".md"));
                last = engine.scan(source, false); // what the watcher does after each file event
                assertTrue(engine.awaitIdle(Duration.ofMinutes(2)));
                if (last.alarm() != null) {
                    break;
                }
                deleted += last.deleting();
            }
            assertEquals(4, deleted, "four deletions go through, one at a time");
            assertNotNull(last.alarm(), "the fifth within the window is held");
            assertTrue(last.alarm().contains("within 10 minutes"), last.alarm());
            assertTrue(engine.deletionsHeld(source));
            Ledger ledger = new Ledger();
            assertEquals(SyncStatus.SYNCED, db.inTransaction(c -> ledger.find(c,
                    new DocumentKey("obsidian", "Window Vault", "Note 4.md"))).orElseThrow().status());

            // confirmed: deleted, and the window starts again
            engine.confirmDeletes();
            assertTrue(engine.awaitIdle(Duration.ofMinutes(2)));
            assertFalse(engine.deletionsHeld(source));
            assertEquals(SyncStatus.DELETED, db.inTransaction(c -> ledger.find(c,
                    new DocumentKey("obsidian", "Window Vault", "Note 4.md"))).orElseThrow().status());
            Files.delete(vault.resolve("Note 10.md"));
            assertNull(engine.scan(source, false).alarm(), "one more deletion after the confirmation is not held");
            System.out.printf("deletion window: 6 never-indexed drafts deleted uncounted; 4 notes deleted one by one, "
                    + "the 5th held (%s)%n", last.alarm());
        }
    }
}
