package io.alexandria.sync;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.alexandria.sources.vault.VaultSource;
import io.alexandria.testserver.QdrantTestServer;
import io.alexandria.testsupport.Corpus;
import io.alexandria.testsupport.EngineFixture;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 11: {@code sync --max-wait} is how long a sync waits for Qdrant to come back, not a
 * deadline for the whole sync: a sync that makes progress runs as long as it needs, one whose
 * Qdrant stays away gives up after the wait.
 */
class SyncMaxWaitTest {
    @TempDir
    Path tmp;

    @Test
    void aLongHealthySyncIsNotCutShortButAnOutageIs() throws Exception {
        Path vault = Corpus.copyNotes(tmp.resolve("Patient Vault"), 10);
        try (QdrantTestServer server = QdrantTestServer.start();
             SyncEngine engine = EngineFixture.engine(tmp.resolve("data"), server, "patient-host")) {
            VaultSource source = new VaultSource(vault, List.of());
            engine.addSource(source);
            engine.start("sync");
            long t0 = System.nanoTime();
            SyncSummary s = engine.syncNow(false, Duration.ofSeconds(1));
            double took = (System.nanoTime() - t0) / 1e9;
            assertTrue(s.complete(), "a sync taking " + took + " s with a 1 s wait completes: " + s.message());
            assertTrue(took > 1, "the sync took longer than the wait: " + took + " s");

            java.nio.file.Files.writeString(vault.resolve("New note.md"), "# New\n\nWritten while Qdrant is away.\n");
            server.stop();
            long t1 = System.nanoTime();
            SyncSummary away = engine.syncNow(false, Duration.ofSeconds(3));
            double waited = (System.nanoTime() - t1) / 1e9;
            assertFalse(away.complete());
            assertTrue(away.message().contains("work left queued"), away.message());
            assertTrue(waited >= 3 && waited < 60, "gave up after the wait for Qdrant: " + waited + " s");
            System.out.printf("max-wait 1 s: a %.1f s sync completed; with Qdrant away it gave up after %.1f s%n", took,
                    waited);
        }
    }
}
