package io.alexandria.sync;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
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
 * Issue 13: re-attaching the watcher to a folder 100 times (as after an unmounted share came
 * back) leaves the number of watch threads flat, and closing the watcher ends them all.
 */
class WatcherReattachTest {
    @TempDir
    Path tmp;

    private static long watchThreads() {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.isAlive() && t.getName().startsWith("alexandria-watch")).count();
    }

    @Test
    void reattachingAHundredTimesLeavesTheThreadCountFlat() throws Exception {
        Path vault = Corpus.copyNotes(tmp.resolve("Reattached Vault"), 3);
        long before = watchThreads();
        try (QdrantTestServer server = QdrantTestServer.start();
             SyncEngine engine = EngineFixture.engine(tmp.resolve("data"), server, "watch-host")) {
            VaultSource source = new VaultSource(vault, List.of());
            engine.addSource(source);
            SyncWatcher watcher = new SyncWatcher(engine, SyncWatcher.Options.defaults(10, false)
                    .withReattachDelay(Duration.ofMillis(5)));
            watcher.start();
            await().atMost(Duration.ofSeconds(10)).until(() -> watcher.attaches() == 1
                    && watcher.states().get(source.describe()) == SyncWatcher.WatchState.WATCHING);
            long attached = watchThreads();
            long allAttached = Thread.getAllStackTraces().size();
            for (int i = 0; i < 100; i++) {
                int seen = watcher.attaches();
                watcher.dropWatch(source);
                await().atMost(Duration.ofSeconds(10)).until(() -> watcher.attaches() > seen
                        && watcher.states().get(source.describe()) == SyncWatcher.WatchState.WATCHING);
            }
            assertEquals(101, watcher.attaches());
            long after = watchThreads();
            assertTrue(after <= attached + 1, "watch threads: " + attached + " attached once, " + after
                    + " after 100 re-attaches");
            long all = Thread.getAllStackTraces().size();
            assertTrue(all <= allAttached + 10, "threads in all (the file system's watch services included): "
                    + allAttached + " attached once, " + all + " after 100 re-attaches");
            watcher.close();
            assertEquals(before, watchThreads(), "closing the watcher ends its threads");
        }
    }
}
