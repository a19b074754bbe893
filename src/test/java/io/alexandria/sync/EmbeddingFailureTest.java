package io.alexandria.sync;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.alexandria.chunking.TokenCounter;
import io.alexandria.embedding.Embedder;
import io.alexandria.embedding.EmbeddingException;
import io.alexandria.embedding.ModelSpec;
import io.alexandria.index.QdrantConnector;
import io.alexandria.index.QdrantEndpoint;
import io.alexandria.sources.vault.VaultSource;
import io.alexandria.store.Database;
import io.alexandria.store.DocumentRow;
import io.alexandria.store.Ledger;
import io.alexandria.store.Stage;
import io.alexandria.store.SyncStatus;
import io.alexandria.testserver.QdrantTestServer;
import io.alexandria.testsupport.Corpus;
import io.alexandria.testsupport.TestModels;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue #4: embedding failures hold the embed stage, not the whole app — extraction goes on, work
 * queues, nothing fails, and everything flows once the model works again; a text the model cannot
 * embed fails only its own document. The real model is wrapped to inject the failures (the
 * "model missing / out of memory" a GPU can throw).
 */
class EmbeddingFailureTest {
    @TempDir
    Path tmp;

    /** The real bundled model behind a switch that makes it fail. */
    static final class FailingModel implements Embedder {
        final Embedder real = TestModels.freshBundled();
        final AtomicBoolean broken = new AtomicBoolean();

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
            if (broken.get()) {
                throw new EmbeddingException("CUDA out of memory (injected)");
            }
            if (texts.stream().anyMatch(t -> t.contains("POISONPILL"))) { // also when it is alone in its batch
                throw new EmbeddingException("cannot embed this text (injected)");
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

    @Test
    void aBrokenModelHoldsTheEmbedStageAndAPoisonTextFailsOnlyItsNote() throws Exception {
        Path vault = Corpus.copyNotes(tmp.resolve("Flaky Vault"), 6);
        Files.writeString(vault.resolve("poison.md"), "# Poison\n\nThis note holds a POISONPILL the model rejects.\n");
        FailingModel model = new FailingModel();
        model.broken.set(true);
        Database db = Database.open(tmp.resolve("data"));
        try (QdrantTestServer server = QdrantTestServer.start();
             SyncEngine engine = new SyncEngine(db, model,
                     QdrantConnector.connect(QdrantEndpoint.parse(server.url(), null), Duration.ofSeconds(10)),
                     EngineConfig.defaults("flaky-host").withRetryMax(Duration.ofSeconds(1)))) {
            engine.addSource(new VaultSource(vault, List.of()));
            engine.start("sync");
            engine.scanOnly(false);
            Ledger ledger = new Ledger();
            await().atMost(Duration.ofMinutes(2)).until(() -> engine.progress().stageErrors().containsKey("embed"));
            await().atMost(Duration.ofMinutes(2)).until(() -> db.inTransaction(
                    c -> ledger.stageCounts(c)).get(Stage.DETECTED) == 0);
            EngineProgress held = engine.progress();
            assertEquals(EngineProgress.State.ERROR, held.state());
            assertTrue(held.stageErrors().get("embed").contains("out of memory"));
            assertTrue(held.chunksToEmbed() > 0, "work queues up behind the embed stage");
            assertEquals(0, db.inTransaction(c -> ledger.statusCounts(c)).get(SyncStatus.FAILED),
                    "a broken model fails no document");

            model.broken.set(false);
            assertTrue(engine.awaitIdle(Duration.ofMinutes(5)));
            Map<String, DocumentRow> rows = db.inTransaction(c -> ledger.listAll(c)).stream()
                    .collect(Collectors.toMap(r -> r.key().sourceId(), r -> r));
            assertEquals(SyncStatus.FAILED, rows.get("poison.md").status());
            assertEquals("EmbeddingError", rows.get("poison.md").errorType());
            assertEquals(6, rows.values().stream().filter(r -> r.status() == SyncStatus.SYNCED).count());
            assertTrue(engine.progress().stageErrors().isEmpty(), "the stage recovered");
        }
    }

    @Test
    void aTextTheModelRejectsAloneInItsBatchFailsItsNoteAndDoesNotHoldTheStage() throws Exception {
        Path vault = Files.createDirectories(tmp.resolve("Single"));
        Files.writeString(vault.resolve("only.md"), "POISONPILL\n");
        FailingModel model = new FailingModel();
        try (QdrantTestServer server = QdrantTestServer.start();
             SyncEngine engine = new SyncEngine(Database.open(tmp.resolve("data2")), model,
                     QdrantConnector.connect(QdrantEndpoint.parse(server.url(), null), Duration.ofSeconds(10)),
                     EngineConfig.defaults("flaky-host"))) {
            engine.addSource(new VaultSource(vault, List.of()));
            engine.start("sync");
            SyncSummary s = engine.syncNow(false, Duration.ofMinutes(2));
            assertTrue(s.complete(), "not held: " + s.message());
            assertEquals(1, s.failed());
        }
    }
}
