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
import io.alexandria.sources.vault.VaultSource;
import io.alexandria.store.Database;
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
     * Opens the database, loads the model and connects (lazily) to Qdrant.
     *
     * @param hostname the name to attribute points and events to
     * @throws EmbeddingException when the model cannot be loaded
     */
    public static SyncEngine open(AppPaths paths, Settings settings, QdrantEndpoint endpoint, String hostname)
            throws EmbeddingException {
        DjlSetup.configure(paths, !Embedders.mayDownload(settings.model()));
        Database db = Database.open(paths.dataDir());
        Embedder embedder;
        try {
            embedder = Embedders.load(settings.model(), settings.device(), paths.models(),
                    DownloadListener.logging(LoggerFactory.getLogger(EngineBootstrap.class)));
        } catch (EmbeddingException | RuntimeException e) {
            db.close();
            throw e;
        }
        QdrantClient client = QdrantConnector.connect(endpoint, QDRANT_TIMEOUT);
        EngineConfig config = EngineConfig.defaults(hostname)
                .withChunking(new ChunkingOptions(settings.chunkTokens(), Math.min(settings.chunkOverlap(),
                        settings.chunkTokens() / 2 - 1)))
                .withMassDeleteShare(settings.massDeleteShare());
        return new SyncEngine(db, embedder, client, config);
    }

    /** The sources the settings name (vault and/or Calibre library). */
    public static List<DocumentSource> sources(Settings settings) {
        List<DocumentSource> out = new ArrayList<>();
        if (settings.vaultPath() != null && !settings.vaultPath().isBlank()) {
            out.add(new VaultSource(Path.of(settings.vaultPath()), settings.ignorePatterns()));
        }
        return out;
    }

    /** Whether {@code dir} exists and is a folder. */
    public static boolean isFolder(Path dir) {
        return dir != null && Files.isDirectory(dir);
    }
}
