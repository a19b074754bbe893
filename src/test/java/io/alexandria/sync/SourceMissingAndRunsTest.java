package io.alexandria.sync;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.alexandria.sources.vault.VaultSource;
import io.alexandria.store.AppState;
import io.alexandria.testserver.QdrantTestServer;
import io.alexandria.testsupport.Corpus;
import io.alexandria.testsupport.EngineFixture;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 16, the engine's side: a vault whose folder is gone puts the engine in
 * {@code source_missing} (never "idle, everything in sync"), deleting nothing, and the watcher
 * brings it back to idle by itself once the folder returns; and each run's counters are that
 * run's own — a rescan that finds the engine idle starts from zero, a source rescanned within a
 * run is not counted twice.
 */
class SourceMissingAndRunsTest {
    @TempDir
    Path tmp;

    private static Path firstNote(Path vault) throws Exception {
        try (Stream<Path> notes = Files.walk(vault)) {
            return notes.filter(p -> p.toString().endsWith(".md")).sorted().findFirst().orElseThrow();
        }
    }

    private static void deleteTree(Path dir) throws Exception {
        try (Stream<Path> all = Files.walk(dir)) {
            for (Path p : all.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }

    private static void copyTree(Path from, Path to) throws Exception {
        Path staged = to.resolveSibling(to.getFileName() + ".staged");
        try (Stream<Path> all = Files.walk(from)) {
            for (Path p : all.sorted().toList()) {
                Path target = staged.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(p, target);
                }
            }
        }
        Files.move(staged, to); // the folder appears at once, whole
    }

    @Test
    void aMissingVaultIsReportedUntilItIsBackAndNothingIsDeleted() throws Exception {
        Path vault = Corpus.copyNotes(tmp.resolve("Shared Vault"), 3);
        Path copy = Corpus.copyNotes(tmp.resolve("copy"), 3);
        try (QdrantTestServer server = QdrantTestServer.start();
             SyncEngine engine = EngineFixture.engine(tmp.resolve("data"), server, "missing-host")) {
            VaultSource source = new VaultSource(vault, List.of());
            engine.addSource(source);
            engine.start("test");
            assertTrue(engine.syncNow(false, Duration.ofMinutes(3)).complete());
            SyncWatcher watcher = new SyncWatcher(engine, SyncWatcher.Options.defaults(10, false)
                    .withReattachDelay(Duration.ofMillis(200)));
            watcher.start();
            try {
                await().atMost(Duration.ofSeconds(10)).until(() -> engine.progress().state()
                        == EngineProgress.State.IDLE);

                deleteTree(vault); // the share is unmounted
                engine.scan(source, false); // what the watcher's detach and a Sync now both do
                EngineProgress missing = engine.progress();
                assertEquals(EngineProgress.State.SOURCE_MISSING, missing.state());
                assertTrue(missing.reason().contains("is missing") && missing.reason().contains(vault.toString()),
                        missing.reason());
                assertEquals(0, missing.documentsByStage().getOrDefault(io.alexandria.store.Stage.DELETING, 0),
                        "nothing is deleted");
                await("recorded for health --json").atMost(Duration.ofSeconds(10)).until(() -> engine.store()
                        .fact(AppState.ENGINE_STATE).orElseThrow().contains("source_missing"));

                copyTree(copy, vault); // mounted again: the same notes
                await("the watcher re-attaches and rescans").atMost(Duration.ofSeconds(30))
                        .until(() -> engine.state().current().state() == EngineProgress.State.IDLE);
                assertNull(engine.state().current().reason());
                assertEquals(3, engine.store().documents().stream().filter(r -> r.status()
                        == io.alexandria.store.SyncStatus.SYNCED).count(), "all three still indexed");
            } finally {
                watcher.close();
            }
        }
    }

    @Test
    void eachRunCountsItsOwnDocuments() throws Exception {
        Path vault = Corpus.copyNotes(tmp.resolve("Counted Vault"), 3);
        try (QdrantTestServer server = QdrantTestServer.start();
             SyncEngine engine = EngineFixture.engine(tmp.resolve("data"), server, "runs-host")) {
            VaultSource source = new VaultSource(vault, List.of());
            engine.addSource(source);
            engine.start("test");
            SyncSummary first = engine.syncNow(false, Duration.ofMinutes(3));
            assertEquals(List.of(3L, 3L, 0L), List.of(first.documents(), first.indexed(), first.unchanged()));

            // a watcher-style rescan after an edit: a new run, not added to the first
            Files.writeString(firstNote(vault), "\n\nAn edit for the second run.\n", StandardOpenOption.APPEND);
            engine.scan(source, false);
            assertTrue(engine.awaitIdle(Duration.ofMinutes(3)));
            SyncSummary second = engine.progress().run();
            assertEquals(List.of(3L, 1L, 2L, 0L), List.of(second.documents(), second.indexed(), second.unchanged(),
                    second.failed()), second.toString());

            // the same source scanned twice in one run replaces its listing: still 3 documents
            engine.pause();
            Files.writeString(firstNote(vault), "\n\nA third run.\n", StandardOpenOption.APPEND);
            engine.scan(source, false);
            engine.scan(source, false);
            SyncSummary paused = engine.progress().run();
            assertEquals(3, paused.documents(), paused.toString());
            assertEquals(2, paused.unchanged(), paused.toString());
            assertFalse(paused.documents() > 3);
            engine.resume();
            assertTrue(engine.awaitIdle(Duration.ofMinutes(3)));
            SyncSummary third = engine.progress().run();
            assertEquals(List.of(3L, 1L, 2L), List.of(third.documents(), third.indexed(), third.unchanged()));
        }
    }
}
