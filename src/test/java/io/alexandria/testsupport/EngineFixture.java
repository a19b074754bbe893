package io.alexandria.testsupport;

import io.alexandria.embedding.Embedder;
import io.alexandria.index.QdrantConnector;
import io.alexandria.index.QdrantEndpoint;
import io.alexandria.store.Database;
import io.alexandria.sync.EngineConfig;
import io.alexandria.sync.SyncEngine;
import io.alexandria.testserver.QdrantTestServer;
import java.nio.file.Path;
import java.time.Duration;

/**
 * Builds real engines for tests: real model, real H2 in a temp dir, real client over gRPC. A test
 * that reads the ledger itself opens the {@link Database} and passes it in (the engine takes it
 * over and closes it; it never hands it out).
 */
public final class EngineFixture {
    private EngineFixture() {
    }

    /** An engine on {@code dataDir} talking to {@code server}, with a fresh embedder it owns. */
    public static SyncEngine engine(Path dataDir, QdrantTestServer server, String hostname) {
        return engine(Database.open(dataDir), server, EngineConfig.defaults(hostname));
    }

    /** Same, with a custom config. */
    public static SyncEngine engine(Path dataDir, QdrantTestServer server, EngineConfig config) {
        return engine(Database.open(dataDir), server, config);
    }

    /** An engine on the test's own open {@code db} (which the engine closes). */
    public static SyncEngine engine(Database db, QdrantTestServer server, String hostname) {
        return engine(db, server, EngineConfig.defaults(hostname));
    }

    /** Same, with a custom config. */
    public static SyncEngine engine(Database db, QdrantTestServer server, EngineConfig config) {
        Embedder embedder = TestModels.freshBundled();
        return new SyncEngine(db, embedder, QdrantConnector.connect(QdrantEndpoint.parse(server.url(), server.apiKey()),
                Duration.ofSeconds(10)), withFastRetries(config));
    }

    private static EngineConfig withFastRetries(EngineConfig c) {
        return c.withRetryMax(Duration.ofSeconds(2));
    }
}
