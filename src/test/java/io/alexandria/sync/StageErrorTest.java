package io.alexandria.sync;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.alexandria.chunking.TokenCounter;
import io.alexandria.embedding.Embedder;
import io.alexandria.embedding.EmbeddingException;
import io.alexandria.embedding.ModelSpec;
import io.alexandria.extraction.ExtractedDocument;
import io.alexandria.extraction.ExtractionException;
import io.alexandria.extraction.ExtractionLimits;
import io.alexandria.index.QdrantConnector;
import io.alexandria.index.QdrantEndpoint;
import io.alexandria.sources.DocumentFile;
import io.alexandria.sources.DocumentSource;
import io.alexandria.sources.SourceListing;
import io.alexandria.sources.SourceUnavailableException;
import io.alexandria.sources.vault.VaultSource;
import io.alexandria.store.Database;
import io.alexandria.store.DocumentRow;
import io.alexandria.store.Ledger;
import io.alexandria.store.SyncStatus;
import io.alexandria.testserver.QdrantTestServer;
import io.alexandria.testsupport.Corpus;
import io.alexandria.testsupport.TestModels;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 13: a stage thread hit by an unexpected {@link Error} leaves the engine in a visible error
 * state — pushed to listeners, reported by the sync, which stops waiting at once — and recovers
 * on retry; an {@link Error} while working on one document fails only that document and the stage
 * goes on. The real model, wrapped to throw the Error, and the real Qdrant client and server.
 */
class StageErrorTest {
    @TempDir
    Path tmp;

    /** The real bundled model, whose first call throws an unexpected Error (a class missing at run time). */
    static final class ErrorOnceModel implements Embedder {
        final Embedder real = TestModels.freshBundled();
        final AtomicBoolean armed = new AtomicBoolean(true);

        @Override
        public ModelSpec model() {
            return real.model();
        }

        @Override
        public String device() {
            return real.device();
        }

        @Override
        public float[][] embed(List<String> texts) throws EmbeddingException {
            if (armed.getAndSet(false)) {
                throw new NoClassDefFoundError("injected: ai/djl/SomethingMissing");
            }
            return real.embed(texts);
        }

        @Override
        public TokenCounter tokenCounter() {
            return real.tokenCounter();
        }

        @Override
        public void close() {
            real.close();
        }
    }

    /** A real vault whose note {@code poison.md} makes extraction throw an Error. */
    record PoisonedVault(VaultSource vault) implements DocumentSource {
        @Override
        public String kind() {
            return vault.kind();
        }

        @Override
        public String scope() {
            return vault.scope();
        }

        @Override
        public Path root() {
            return vault.root();
        }

        @Override
        public String describe() {
            return vault.describe();
        }

        @Override
        public SourceListing list() throws SourceUnavailableException {
            return vault.list();
        }

        @Override
        public Path fileOf(DocumentFile known) {
            return vault.fileOf(known);
        }

        @Override
        public ExtractedDocument extract(DocumentFile known, ExtractionLimits limits) throws ExtractionException {
            if (known.filePath().equals("poison.md")) {
                throw new AssertionError("injected: a parser bug");
            }
            return vault.extract(known, limits);
        }

        @Override
        public Map<String, Object> contentPayload(DocumentFile known, ExtractedDocument document) {
            return vault.contentPayload(known, document);
        }
    }

    @Test
    void anErrorInAStageIsAVisibleErrorStateUntilARetryAndAnErrorWithOneDocumentFailsOnlyIt() throws Exception {
        Path vault = Corpus.copyNotes(tmp.resolve("Fragile Vault"), 5);
        Files.writeString(vault.resolve("poison.md"), "# Poison\n\nThe parser cannot take this note.\n");
        Database db = Database.open(tmp.resolve("data"));
        try (QdrantTestServer server = QdrantTestServer.start();
             SyncEngine engine = new SyncEngine(db, new ErrorOnceModel(),
                     QdrantConnector.connect(QdrantEndpoint.parse(server.url(), null), Duration.ofSeconds(10)),
                     EngineConfig.defaults("fragile-host").withRetryMax(Duration.ofSeconds(1)))) {
            engine.addSource(new PoisonedVault(new VaultSource(vault, List.of())));
            List<EngineProgress> pushed = new CopyOnWriteArrayList<>();
            engine.state().addListener(pushed::add);
            engine.start("sync");

            long t0 = System.nanoTime();
            SyncSummary first = engine.syncNow(false, Duration.ofMinutes(30));
            assertFalse(first.complete(), "the halted stage leaves work queued");
            assertTrue((System.nanoTime() - t0) < Duration.ofMinutes(30).toNanos(), "the sync stopped waiting");
            assertTrue(first.message().contains("embed: injected"), first.message());
            EngineProgress error = engine.progress();
            assertEquals(EngineProgress.State.ERROR, error.state());
            assertTrue(error.reason().startsWith("embed: injected") && error.reason().contains("halted"),
                    error.reason());
            await("the error state is pushed").atMost(Duration.ofSeconds(10))
                    .until(() -> pushed.getLast().state() == EngineProgress.State.ERROR);
            assertFalse(engine.workersStopped(), "every stage thread is alive");

            Ledger ledger = new Ledger();
            DocumentRow poison = db.inTransaction(c -> ledger.listAll(c)).stream()
                    .filter(r -> r.key().sourceId().equals("poison.md")).findFirst().orElseThrow();
            assertEquals(SyncStatus.FAILED, poison.status(), "the Error with one note failed that note");
            assertEquals("AssertionError", poison.errorType());
            assertEquals("injected: a parser bug", poison.lastError());

            engine.retry();
            assertTrue(engine.awaitIdle(Duration.ofMinutes(5)), "the stage recovered on retry");
            await("the engine is idle again").atMost(Duration.ofSeconds(10))
                    .until(() -> pushed.getLast().state() == EngineProgress.State.IDLE);
            Map<SyncStatus, Long> byStatus = db.inTransaction(c -> ledger.listAll(c)).stream()
                    .collect(Collectors.groupingBy(DocumentRow::status, Collectors.counting()));
            assertEquals(Map.of(SyncStatus.SYNCED, 5L, SyncStatus.FAILED, 1L), byStatus);
            assertTrue(engine.progress().stageErrors().isEmpty());
        }
    }
}
