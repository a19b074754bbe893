package io.alexandria.app;

import io.alexandria.chunking.ChunkingOptions;
import io.alexandria.config.AppPaths;
import io.alexandria.config.DjlSetup;
import io.alexandria.config.Settings;
import io.alexandria.embedding.DownloadListener;
import io.alexandria.embedding.Embedder;
import io.alexandria.embedding.Embedders;
import io.alexandria.embedding.EmbeddingException;
import io.alexandria.index.QdrantConnector;
import io.alexandria.index.QdrantEndpoint;
import io.alexandria.sources.DocumentSource;
import io.alexandria.sources.SourceKinds;
import io.alexandria.sources.calibre.CalibreSource;
import io.alexandria.sources.calibre.FormatPreference;
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
import java.util.ArrayList;
import java.util.List;
import org.slf4j.LoggerFactory;

/**
 * Assembles the one engine from settings: the H2 ledger in the data directory, the model, a
 * Qdrant client and the sources. Shared by the CLI, the headless watch and the desktop app.
 */
public final class EngineBootstrap {
    /** Per-call deadline for Qdrant requests. */
    public static final Duration QDRANT_TIMEOUT = Duration.ofSeconds(30);

    private EngineBootstrap() {
    }

    /**
     * Opens the database, loads the model and connects (lazily) to Qdrant. Takes the data
     * directory's {@link EngineLock} (released when the engine closes).
     *
     * @param hostname the name to attribute points and events to
     * @throws EmbeddingException when the model cannot be loaded
     * @throws io.alexandria.store.StoreException when another engine holds the data directory
     */
    public static SyncEngine open(AppPaths paths, Settings settings, QdrantEndpoint endpoint, String hostname)
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
        EngineConfig config = EngineConfig.defaults(hostname)
                .withChunking(new ChunkingOptions(settings.chunkTokens(), Math.min(settings.chunkOverlap(),
                        settings.chunkTokens() / 2 - 1)))
                .withMassDeleteShare(settings.massDeleteShare())
                .withEventRetention(settings.eventRetentionDays() == 0 ? null
                        : Duration.ofDays(settings.eventRetentionDays()));
        SyncEngine engine = new SyncEngine(db, embedder, client, config);
        engine.onClose(lock::close);
        return engine;
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

    /** The sources the settings name (vault and/or Calibre library). */
    public static List<DocumentSource> sources(Settings settings, Database db) {
        List<DocumentSource> out = new ArrayList<>();
        if (settings.vaultPath() != null && !settings.vaultPath().isBlank()) {
            out.add(vault(Path.of(settings.vaultPath()), settings));
        }
        if (settings.calibrePath() != null && !settings.calibrePath().isBlank()) {
            out.add(calibre(Path.of(settings.calibrePath()), settings, db));
        }
        return out;
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
        Path root = dir.toAbsolutePath().normalize();
        List<String> known = db.inTransaction(c -> new Ledger().scopesForRoot(c, SourceKinds.CALIBRE, root.toString()));
        return new CalibreSource(root, FormatPreference.parse(settings.formatPreference()),
                known.isEmpty() ? null : known.getFirst());
    }

    /** Whether {@code dir} exists and is a folder. */
    public static boolean isFolder(Path dir) {
        return dir != null && Files.isDirectory(dir);
    }
}
