package io.alexandria.sync;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.alexandria.app.Assembly;
import io.alexandria.app.EngineBootstrap;
import io.alexandria.config.Settings;
import io.alexandria.embedding.BundledModel;
import io.alexandria.embedding.ModelSpec;
import io.alexandria.embedding.OnnxEmbedder;
import io.alexandria.embedding.Pooling;
import io.alexandria.events.EventTypes;
import io.alexandria.index.ChunkIndex;
import io.alexandria.index.QdrantCalls;
import io.alexandria.index.QdrantConnector;
import io.alexandria.index.QdrantEndpoint;
import io.alexandria.search.SearchHit;
import io.alexandria.sources.vault.VaultSource;
import io.alexandria.store.AppState;
import io.alexandria.store.Database;
import io.alexandria.store.Ledger;
import io.alexandria.testserver.QdrantTestServer;
import io.alexandria.testsupport.Corpus;
import io.alexandria.testsupport.QdrantProbe;
import io.alexandria.testsupport.TestModels;
import io.qdrant.client.QdrantClient;
import io.qdrant.client.grpc.Collections.AliasDescription;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue #7: changing the model builds the new model's collection in the background while search
 * keeps answering through the alias, switches the alias only when complete, records
 * {@code collection_recreate}, and switching back reuses the cached vectors (embeds nothing).
 * The second model is the same network under another id (a real model, a different collection).
 */
class ModelSwitchTest {
    @TempDir
    Path tmp;

    private static OnnxEmbedder copyOfBundled(String id) throws Exception {
        Path dir = TestModels.modelsDir().resolve(BundledModel.SPEC.id());
        TestModels.bundled();
        return OnnxEmbedder.load(new ModelSpec(id, 384, 512, Pooling.CLS, true), dir.resolve("model.onnx"),
                dir.resolve("tokenizer.json"));
    }

    private static String aliasTarget(QdrantClient client) {
        return QdrantCalls.await(client.listAliasesAsync()).stream().filter(a -> a.getAliasName().equals(ChunkIndex.ALIAS))
                .map(AliasDescription::getCollectionName).findFirst().orElse(null);
    }

    @Test
    void theAliasSwitchesOnlyWhenTheNewCollectionIsCompleteAndSwitchingBackEmbedsNothing() throws Exception {
        Path vault = Corpus.copyNotes(tmp.resolve("Switch Vault"), 6);
        Path data = tmp.resolve("data");
        try (QdrantTestServer server = QdrantTestServer.start(); QdrantClient client = server.newClient()) {
            QdrantProbe probe = new QdrantProbe(client);
            String oldCollection;
            String newCollection;
            Database db = Database.open(data);
            QdrantEndpoint endpoint = QdrantEndpoint.parse(server.url(), null);
            try (Assembly assembly = EngineBootstrap.assemble(db, TestModels.freshBundled(),
                    QdrantConnector.connect(endpoint, Duration.ofSeconds(10)), endpoint,
                    EngineConfig.defaults("switch-host"), Settings.defaults())) {
                SyncEngine engine = assembly.engine();
                engine.addSource(new VaultSource(vault, List.of()));
                engine.start("app");
                engine.syncNow(false, Duration.ofMinutes(5));
                oldCollection = engine.collection();
                assertEquals(oldCollection, aliasTarget(client));

                // keep the engine busy so the switch has to wait after rebuilding
                engine.pause();
                Path note;
                try (Stream<Path> s = Files.walk(vault)) {
                    note = s.filter(p -> p.toString().endsWith(".md")).sorted().findFirst().orElseThrow();
                }
                Files.writeString(note, "\n\nA late edit about quasar lanterns.\n", StandardOpenOption.APPEND);
                engine.scanOnly(false);

                ModelSwitch change = new ModelSwitch(engine, copyOfBundled("bge-small-copy"));
                newCollection = change.collection();
                change.start();
                await().atMost(Duration.ofMinutes(3)).until(() -> change.progress().total() > 0
                        && change.progress().done() == change.progress().total());
                assertFalse(change.progress().switched());
                assertEquals(oldCollection, aliasTarget(client), "search still uses the old collection");
                List<SearchHit> during = assembly.search().search("task due dates", 3, null);
                assertEquals(3, during.size(), "search keeps answering during the rebuild");
                assertEquals("bge-small-en-v1.5-q", during.getFirst().payload().get("model"));

                engine.resume();
                assertTrue(change.await(Duration.ofMinutes(3)), String.valueOf(change.progress().error()));
                assertEquals(newCollection, aliasTarget(client), "switched once complete");
                long ledgerChunks = db.inTransaction(c -> new Ledger().chunkRowCount(c));
                assertEquals(ledgerChunks, probe.chunkCount(), "the new collection holds every ledger chunk");
                assertTrue(probe.chunks().stream().allMatch(p -> "bge-small-copy".equals(p.get("model"))));
                assertTrue(probe.chunks().stream().anyMatch(p -> p.get("text").toString().contains("quasar lanterns")),
                        "the edit made during the rebuild is in the new collection");
                assertEquals("bge-small-copy", db.inTransaction(
                        c -> new AppState().get(c, AppState.ACTIVE_MODEL)).orElseThrow());
                assertTrue(change.progress().embedded() > 0);
                change.takeTarget().close();
                await().atMost(Duration.ofMinutes(1)).until(() -> probe.events(EventTypes.COLLECTION_RECREATE).size() == 1);
            }

            // a new engine on the new model, switching back: every vector of the old model is cached
            try (SyncEngine engine = new SyncEngine(Database.open(data), copyOfBundled("bge-small-copy"),
                    QdrantConnector.connect(QdrantEndpoint.parse(server.url(), null), Duration.ofSeconds(10)),
                    EngineConfig.defaults("switch-host"))) {
                engine.addSource(new VaultSource(vault, List.of()));
                engine.start("app");
                assertTrue(engine.syncNow(false, Duration.ofMinutes(5)).complete());
                ModelSwitch back = new ModelSwitch(engine, TestModels.freshBundled());
                back.start();
                assertTrue(back.await(Duration.ofMinutes(3)), String.valueOf(back.progress().error()));
                assertEquals(oldCollection, aliasTarget(client));
                assertEquals(0, back.progress().embedded(), "switching back reuses the cached vectors");
                back.takeTarget().close();
                await().atMost(Duration.ofMinutes(1)).until(() -> probe.events(EventTypes.COLLECTION_RECREATE).size() == 2);
            }
            List<Map<String, Object>> recreated = probe.events(EventTypes.COLLECTION_RECREATE);
            assertEquals(2, recreated.size());
            assertTrue(recreated.stream().anyMatch(e -> newCollection.equals(e.get("collection"))));
        }
    }
}
