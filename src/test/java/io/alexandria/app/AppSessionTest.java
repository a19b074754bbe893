package io.alexandria.app;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.alexandria.config.ApiKeyStore;
import io.alexandria.embedding.BundledModel;
import io.alexandria.embedding.Embedder;
import io.alexandria.embedding.EmbeddingException;
import io.alexandria.embedding.ModelSpec;
import io.alexandria.embedding.OnnxEmbedder;
import io.alexandria.embedding.Pooling;
import io.alexandria.index.QdrantConnector;
import io.alexandria.search.SearchHit;
import io.alexandria.store.Database;
import io.alexandria.sync.EngineConfig;
import io.alexandria.testsupport.QdrantProbe;
import io.alexandria.testsupport.TestModels;
import io.alexandria.config.AppPaths;
import io.alexandria.config.Settings;
import io.alexandria.config.SettingsStore;
import io.alexandria.health.HealthReport;
import io.alexandria.store.Stage;
import io.alexandria.pipeline.DocumentOutcome;
import io.alexandria.sync.EngineProgress;
import io.alexandria.sync.SyncSummary;
import io.alexandria.testserver.QdrantTestServer;
import io.alexandria.testsupport.Ports;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The app session, UI-free, with the real engine and model: a first run without any Qdrant still
 * starts and queues the work; applying settings saves them (the API key in its owner-only file)
 * and rebuilds everything in the background while observers carry on; a malformed URL fails
 * plainly and can be fixed; the services refuse the forbidden (UI) thread.
 */
class AppSessionTest {
    @TempDir
    Path tmp;

    private Path vault() throws Exception {
        Path v = Files.createDirectories(tmp.resolve("vault"));
        Files.writeString(v.resolve("lighthouses.md"), "# Lighthouses\n\nThe keeper trims the wick at dusk.\n");
        Files.writeString(v.resolve("tides.md"), "# Tides\n\nSpring tides follow the full moon.\n");
        return v;
    }

    private static Settings settings(Path vault, String url, boolean watch) {
        Settings d = Settings.defaults();
        return new Settings(vault.toString(), null, url, d.model(), "cpu", d.chunkTokens(), d.chunkOverlap(),
                List.of(), watch, false, 10, d.formatPreference(), d.massDeleteShare(), "session-test");
    }

    private AppSession session(Settings s) throws Exception {
        AppPaths paths = new AppPaths(tmp.resolve("data"));
        new SettingsStore(paths.settingsFile()).save(s);
        return new AppSession(paths);
    }

    @Test
    void aFirstRunWithoutQdrantStartsAndQueuesTheWork() throws Exception {
        String nowhere = "http://127.0.0.1:" + Ports.closedPort();
        try (AppSession session = session(settings(vault(), nowhere, false))) {
            AppServices s = session.start().get(2, TimeUnit.MINUTES);
            assertTrue(session.status().ready(), session.status().toString());
            assertNull(s.watcher(), "watching is off");
            session.call(x -> x.engine().scanOnly(false)).get(1, TimeUnit.MINUTES);
            await("the notes wait for Qdrant").atMost(Duration.ofMinutes(1)).until(() -> {
                EngineProgress p = session.call(x -> x.engine().progress()).get();
                return p.documentsWaiting() == 2 && p.documentsByStage().getOrDefault(Stage.EMBEDDED, 0) == 2;
            });
            HealthReport h = session.call(x -> x.health().report()).get(1, TimeUnit.MINUTES);
            assertFalse(h.qdrantReachable());
            assertEquals("degraded", h.health());
            assertTrue(h.qdrantMessage().startsWith("Qdrant unreachable at"), h.qdrantMessage());
            assertEquals(2, h.pending());
            assertTrue(session.status().ready(), "still ready: the work is queued, nothing failed");
        }
    }

    @Test
    void applyingSettingsSavesThemAndRebuildsInTheBackground() throws Exception {
        QdrantTestServer server = QdrantTestServer.start(0, "the-key");
        try (AppSession session = session(settings(vault(), server.url(), false))) {
            List<SessionStatus> statuses = new CopyOnWriteArrayList<>();
            List<DocumentOutcome> outcomes = new CopyOnWriteArrayList<>();
            session.addListener(new SessionListener() {
                @Override
                public void statusChanged(SessionStatus status) {
                    statuses.add(status);
                }

                @Override
                public void documentDone(DocumentOutcome outcome) {
                    outcomes.add(outcome);
                }
            });
            AppServices first = session.start().get(2, TimeUnit.MINUTES);
            assertFalse(session.hasApiKey());
            CountDownLatch never = new CountDownLatch(1);
            CompletableFuture<Object> inFlight = session.call(x -> {
                never.await();
                return null;
            });

            Settings next = settings(Path.of(first.settings().vaultPath()), server.url(), true);
            AppServices second = session.apply(next, "the-key").get(2, TimeUnit.MINUTES);
            assertNotSame(first, second);
            assertNotNull(second.watcher(), "watching is on now");
            assertEquals(next, second.settings());
            assertEquals(next, new SettingsStore(session.paths().settingsFile()).load(), "saved");
            Path keyFile = session.paths().dataDir().resolve(ApiKeyStore.FILE_NAME);
            assertEquals("the-key", Files.readString(keyFile));
            assertTrue(ApiKeyStore.isOwnerOnly(keyFile));
            assertTrue(session.hasApiKey());
            assertFalse(second.toString().contains("the-key"), second.toString());
            CancellationException cancelled = assertThrows(CancellationException.class,
                    () -> inFlight.get(10, TimeUnit.SECONDS), "work in flight on the old engine is cancelled");
            assertTrue(cancelled.getCause().getMessage().contains("the settings changed"), cancelled.toString());
            assertTrue(statuses.stream().anyMatch(s -> s.phase() == SessionStatus.Phase.STARTING
                    && s.message().startsWith("Applying")), statuses.toString());
            assertTrue(statuses.getLast().ready(), statuses.toString());

            SyncSummary sync = session.call(x -> x.engine().syncNow(false, Duration.ofMinutes(2)))
                    .get(3, TimeUnit.MINUTES);
            assertTrue(sync.complete(), String.valueOf(sync.message()));
            assertEquals(2, sync.documents());
            await("the observer sees the new engine's outcomes").atMost(Duration.ofSeconds(10))
                    .until(() -> outcomes.stream().filter(o -> o.kind() == DocumentOutcome.Kind.INDEXED).count() == 2);
        } finally {
            server.stop();
        }
    }

    @Test
    void aMalformedQdrantUrlFailsPlainlyAndCanBeFixed() throws Exception {
        Path v = vault();
        try (AppSession session = session(settings(v, "ftp://example.org", false))) {
            ExecutionException e = assertThrows(ExecutionException.class,
                    () -> session.start().get(2, TimeUnit.MINUTES));
            assertEquals(SessionStatus.Phase.FAILED, session.status().phase());
            assertTrue(session.status().message().contains("http:// or https://"), session.status().message());
            assertTrue(session.status().message().contains("Settings"), session.status().message());
            ExecutionException notReady = assertThrows(ExecutionException.class,
                    () -> session.call(x -> x.engine().progress()).get());
            assertInstanceOf(SessionNotReadyException.class, notReady.getCause());
            assertNotNull(e.getCause());

            String nowhere = "http://127.0.0.1:" + Ports.closedPort();
            session.apply(settings(v, nowhere, false), null).get(2, TimeUnit.MINUTES);
            assertTrue(session.status().ready());
        }
    }

    /** The bundled model, or a copy of it under another id (a second model without a download). */
    private static Embedder model(String id) throws EmbeddingException {
        if (id.equals(BundledModel.SPEC.id())) {
            return TestModels.freshBundled();
        }
        TestModels.bundled();
        Path dir = TestModels.modelsDir().resolve(BundledModel.SPEC.id());
        return OnnxEmbedder.load(new ModelSpec(id, 384, 512, Pooling.CLS, true), dir.resolve("model.onnx"),
                dir.resolve("tokenizer.json"));
    }

    @Test
    void choosingAnotherModelRebuildsTheIndexInTheBackgroundThenSwitches() throws Exception {
        QdrantTestServer server = QdrantTestServer.start();
        AppPaths paths = new AppPaths(tmp.resolve("data"));
        Settings first = settings(vault(), server.url(), false);
        new SettingsStore(paths.settingsFile()).save(first);
        AppSession.EngineFactory factory = (p, s, endpoint, host) -> {
            Database db = Database.open(p.dataDir());
            return EngineBootstrap.assemble(db, model(EngineBootstrap.activeModel(db, s)),
                    QdrantConnector.connect(endpoint, Duration.ofSeconds(10)), endpoint, EngineConfig.defaults(host), s);
        };
        try (AppSession session = new AppSession(paths, new SettingsStore(paths.settingsFile()),
                ApiKeyStore.fileOnly(paths.dataDir().resolve(ApiKeyStore.FILE_NAME)), factory, (id, d, dir) -> model(id));
             var client = server.newClient()) {
            session.start().get(2, TimeUnit.MINUTES);
            assertTrue(session.call(x -> x.engine().syncNow(false, Duration.ofMinutes(2))).get(3, TimeUnit.MINUTES)
                    .complete());
            Settings next = new Settings(first.vaultPath(), null, first.qdrantUrl(), "bge-small-copy", "cpu",
                    first.chunkTokens(), first.chunkOverlap(), List.of(), false, false, 10, first.formatPreference(),
                    first.massDeleteShare(), first.hostname());
            AppServices during = session.apply(next, null).get(2, TimeUnit.MINUTES);
            assertEquals(BundledModel.SPEC.id(), during.engine().model().id(),
                    "the engine keeps the active model while the new index is built");
            await("switched to the new model").atMost(Duration.ofMinutes(3)).until(() -> session.status().ready()
                    && session.services().map(x -> x.engine().model().id()).orElse("")
                    .equals("bge-small-copy"));
            assertNull(session.modelSwitchError());
            assertTrue(session.modelSwitchProgress().isEmpty(), "no switch running any more");
            QdrantProbe probe = new QdrantProbe(client);
            assertTrue(probe.chunkCount() > 0);
            assertTrue(probe.chunks().stream().allMatch(c -> "bge-small-copy".equals(c.get("model"))),
                    "search reads the new model's collection");
            List<SearchHit> hits = session.call(x -> x.search().search("keeper trims the wick", 1, null))
                    .get(1, TimeUnit.MINUTES);
            assertEquals("lighthouses.md", hits.getFirst().sourceId());
        } finally {
            server.stop();
        }
    }

    /** A model (a copy of the bundled one) that the rebuild cannot use: every text fails; counts its closes. */
    private static Embedder failingModel(String id, AtomicInteger closes) throws EmbeddingException {
        Embedder real = model(id);
        return new Embedder() {
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
                throw new EmbeddingException("injected: the new model cannot embed");
            }

            @Override
            public io.alexandria.chunking.TokenCounter tokenCounter() {
                return real.tokenCounter();
            }

            @Override
            public void close() {
                closes.incrementAndGet();
                real.close();
            }
        };
    }

    @Test
    void aModelSwitchThatFailsClosesTheModelItLoaded() throws Exception {
        QdrantTestServer server = QdrantTestServer.start();
        AppPaths paths = new AppPaths(tmp.resolve("data"));
        Settings first = settings(vault(), server.url(), false);
        new SettingsStore(paths.settingsFile()).save(first);
        AppSession.EngineFactory factory = (p, s, endpoint, host) -> {
            Database db = Database.open(p.dataDir());
            return EngineBootstrap.assemble(db, model(EngineBootstrap.activeModel(db, s)),
                    QdrantConnector.connect(endpoint, Duration.ofSeconds(10)), endpoint, EngineConfig.defaults(host), s);
        };
        AtomicInteger closes = new AtomicInteger();
        try (AppSession session = new AppSession(paths, new SettingsStore(paths.settingsFile()),
                ApiKeyStore.fileOnly(paths.dataDir().resolve(ApiKeyStore.FILE_NAME)), factory,
                (id, d, dir) -> failingModel(id, closes))) {
            session.start().get(2, TimeUnit.MINUTES);
            assertTrue(session.call(x -> x.engine().syncNow(false, Duration.ofMinutes(2))).get(3, TimeUnit.MINUTES)
                    .complete());
            session.apply(first.withModel("bge-small-copy"), null).get(2, TimeUnit.MINUTES);
            await("the switch stops with its reason").atMost(Duration.ofMinutes(2))
                    .until(() -> session.modelSwitchError() != null);
            assertTrue(session.modelSwitchError().contains("injected"), session.modelSwitchError());
            await("the model it loaded is closed").atMost(Duration.ofSeconds(30)).until(() -> closes.get() == 1);
            assertTrue(session.modelSwitchProgress().isEmpty(), "no switch running any more");
            assertEquals(BundledModel.SPEC.id(), session.call(x -> x.engine().model().id()).get(),
                    "everything keeps working on the active model");
        } finally {
            server.stop();
        }
        assertEquals(1, closes.get(), "closed once");
    }

    @Test
    void theServicesRefuseTheForbiddenThread() {
        Thread before = ThreadGuard.forbidden();
        long violations = ThreadGuard.violations();
        ThreadGuard.forbid(Thread.currentThread());
        try {
            AppServices s = new AppServices(Settings.defaults(), null, "h", null, null, null, null, null);
            IllegalStateException e = assertThrows(IllegalStateException.class, s::engine);
            assertTrue(e.getMessage().contains("JavaFX application thread"), e.getMessage());
            assertThrows(IllegalStateException.class, s::health);
            assertThrows(IllegalStateException.class, s::search);
            assertThrows(IllegalStateException.class, s::events);
            assertEquals(violations + 4, ThreadGuard.violations());
            assertEquals("h", s.hostname(), "plain values stay readable");
        } finally {
            ThreadGuard.forbid(before);
        }
    }
}
