package io.alexandria.app;

import io.alexandria.chunking.ChunkingOptions;
import io.alexandria.config.AppPaths;
import io.alexandria.config.DjlSetup;
import io.alexandria.config.Settings;
import io.alexandria.embedding.DownloadListener;
import io.alexandria.embedding.Embedder;
import io.alexandria.embedding.Embedders;
import io.alexandria.embedding.EmbeddingException;
import io.alexandria.events.EventService;
import io.alexandria.health.HealthService;
import io.alexandria.index.QdrantConnector;
import io.alexandria.index.QdrantEndpoint;
import io.alexandria.search.SearchService;
import io.alexandria.sources.DocumentSource;
import io.alexandria.sources.SourceKinds;
import io.alexandria.sources.calibre.CalibreSource;
import io.alexandria.sources.vault.VaultSource;
import io.alexandria.store.AppState;
import io.alexandria.store.Database;
import io.alexandria.store.EngineLock;
import io.alexandria.store.Ledger;
import io.alexandria.sync.EngineConfig;
import io.alexandria.sync.SyncEngine;
import io.qdrant.client.QdrantClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.slf4j.LoggerFactory;

/**
 * The one assembly of the engine and its services, shared by the desktop window, the CLI and the
 * headless {@code watch}: the H2 ledger in the data directory, the model search uses, a Qdrant
 * client, the engine over them, and the health, search and events services over the same parts
 * ({@link Assembly}). Nothing else opens the engine's database, model or client, so every caller
 * sees the same active model and the same engine state. Commands that only read use
 * {@link #readOnly} (no engine, no lock).
 */
public final class EngineBootstrap {
    /** Per-call deadline for Qdrant requests. */
    public static final Duration QDRANT_TIMEOUT = Duration.ofSeconds(30);

    private EngineBootstrap() {
    }

    /**
     * Takes the data directory's {@link EngineLock} (released when the engine closes), opens the
     * database, loads the active model and connects (lazily) to Qdrant, then assembles.
     *
     * @param hostname the name to attribute points and events to
     * @throws EmbeddingException when the model cannot be loaded
     * @throws io.alexandria.store.StoreException when another engine holds the data directory or
     *                                            the database cannot be opened
     */
    public static Assembly open(AppPaths paths, Settings settings, QdrantEndpoint endpoint, String hostname)
            throws EmbeddingException {
        EngineLock lock = EngineLock.acquire(paths.dataDir());
        Database db;
        try {
            db = Database.open(paths.dataDir());
        } catch (RuntimeException e) {
            lock.close();
            throw e;
        }
        Embedder embedder;
        try {
            String model = activeModel(db, settings);
            DjlSetup.configure(paths, !Embedders.mayDownload(model));
            embedder = Embedders.load(model, settings.device(), paths.models(),
                    DownloadListener.logging(LoggerFactory.getLogger(EngineBootstrap.class)));
        } catch (EmbeddingException | RuntimeException e) {
            db.close();
            lock.close();
            throw e;
        }
        QdrantClient client = QdrantConnector.connect(endpoint, QDRANT_TIMEOUT);
        Assembly assembly = assemble(db, embedder, client, endpoint, config(settings, hostname), settings);
        assembly.engine().onClose(lock::close);
        return assembly;
    }

    /**
     * Assembles an engine and its services from parts already opened; the engine takes them over
     * (and closes them). {@link #open} ends here; tests use it with their own model.
     */
    public static Assembly assemble(Database db, Embedder embedder, QdrantClient client, QdrantEndpoint endpoint,
                                    EngineConfig config, Settings settings) {
        SyncEngine engine = new SyncEngine(db, embedder, client, config);
        HealthService health = new HealthService(db, client, endpoint, embedder.model().key(), () -> true);
        return new Assembly(engine, health, new SearchService(embedder, client), new EventService(client),
                sourceFactory(settings, db));
    }

    /**
     * The read-only services of a data directory: health (the active model's queue and the
     * running engine's state), search and events, without an engine.
     *
     * @param timeout per-call deadline for Qdrant requests
     */
    public static ReadServices readOnly(AppPaths paths, Settings settings, QdrantEndpoint endpoint, Duration timeout) {
        return new ReadServices(paths, settings, endpoint, timeout);
    }

    /** The engine's configuration from the settings. */
    public static EngineConfig config(Settings settings, String hostname) {
        return EngineConfig.defaults(hostname)
                .withChunking(new ChunkingOptions(settings.chunkTokens(), Math.min(settings.chunkOverlap(),
                        settings.chunkTokens() / 2 - 1)))
                .withMassDeleteShare(settings.massDeleteShare())
                .withEventRetention(settings.eventRetentionDays() == 0 ? null
                        : Duration.ofDays(settings.eventRetentionDays()));
    }

    /**
     * The model whose collection search uses now: the one recorded at the last model switch (or
     * the first sync), else the settings' model, which is then recorded. When the settings name
     * another model, the caller starts a {@link io.alexandria.sync.ModelSwitch} to it.
     */
    public static String activeModel(Database db, Settings settings) {
        return db.inTransaction(c -> {
            AppState state = new AppState();
            String active = state.get(c, AppState.ACTIVE_MODEL).orElse(null);
            if (active == null) {
                state.put(c, AppState.ACTIVE_MODEL, settings.model());
                return settings.model();
            }
            return active;
        });
    }

    /** The active model of the data directory (see {@link #activeModel(Database, Settings)}). */
    public static String activeModel(AppPaths paths, Settings settings) {
        try (Database db = Database.open(paths.dataDir())) {
            return activeModel(db, settings);
        }
    }

    /** The sources the settings name (vault and/or Calibre library). */
    public static List<DocumentSource> sources(Settings settings, Database db) {
        return sourceFactory(settings, db).configured();
    }

    /** A vault source with the settings' ignore patterns. */
    public static VaultSource vault(Path dir, Settings settings) {
        return new VaultSource(dir, settings.ignorePatterns());
    }

    /**
     * A Calibre source with the settings' format preference; the library's uuid is remembered from
     * the ledger so an unreachable library (unmounted NAS) keeps its identity.
     */
    public static CalibreSource calibre(Path dir, Settings settings, Database db) {
        return sourceFactory(settings, db).calibre(dir);
    }

    private static SourceFactory sourceFactory(Settings settings, Database db) {
        return new SourceFactory(settings, root -> db.inTransaction(c -> new Ledger()
                .scopesForRoot(c, SourceKinds.CALIBRE, root.toString())).stream().findFirst().orElse(null));
    }

    /** Whether {@code dir} exists and is a folder. */
    public static boolean isFolder(Path dir) {
        return dir != null && Files.isDirectory(dir);
    }
}
