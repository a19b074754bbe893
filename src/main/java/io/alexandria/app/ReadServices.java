package io.alexandria.app;

import io.alexandria.config.AppPaths;
import io.alexandria.config.DjlSetup;
import io.alexandria.config.Settings;
import io.alexandria.embedding.Embedder;
import io.alexandria.embedding.Embedders;
import io.alexandria.embedding.EmbeddingException;
import io.alexandria.events.EventService;
import io.alexandria.health.HealthService;
import io.alexandria.index.QdrantConnector;
import io.alexandria.index.QdrantEndpoint;
import io.alexandria.search.SearchService;
import io.alexandria.store.Database;
import io.alexandria.store.EngineLock;
import io.qdrant.client.QdrantClient;
import java.time.Duration;

/**
 * The services of a data directory without an engine — for the commands that only read
 * ({@code health}, {@code search}, {@code events}, {@code stats}, {@code book}): no engine lock is
 * taken, so they run beside the app or a {@code watch}. Built by
 * {@link EngineBootstrap#readOnly}; each part is opened on first use (the events alone need
 * neither the ledger nor a model) and closed by {@link #close()}. Not thread-safe: one command's
 * use.
 */
public final class ReadServices implements AutoCloseable {
    private final AppPaths paths;
    private final Settings settings;
    private final QdrantEndpoint endpoint;
    private final QdrantClient client;
    private Database db;
    private String activeModel;
    private Embedder embedder;

    ReadServices(AppPaths paths, Settings settings, QdrantEndpoint endpoint, Duration timeout) {
        this.paths = paths;
        this.settings = settings;
        this.endpoint = endpoint;
        this.client = QdrantConnector.connect(endpoint, timeout);
    }

    private Database db() {
        if (db == null) {
            db = Database.open(paths.dataDir());
        }
        return db;
    }

    /**
     * The model whose collection search uses ({@link EngineBootstrap#activeModel}).
     *
     * @throws io.alexandria.store.StoreException when the ledger cannot be opened
     */
    public String activeModel() {
        if (activeModel == null) {
            activeModel = EngineBootstrap.activeModel(db(), settings);
        }
        return activeModel;
    }

    /**
     * Sync health: the active model's embedding queue, and the state recorded by the engine that
     * holds the data directory ({@code stopped} when none does).
     */
    public HealthService health() {
        return new HealthService(db(), client, endpoint, activeModel(), () -> EngineLock.isHeld(paths.dataDir()));
    }

    /**
     * Search with the active model (loaded on first use).
     *
     * @throws EmbeddingException when the model cannot be loaded
     */
    public SearchService search() throws EmbeddingException {
        if (embedder == null) {
            String model = activeModel();
            DjlSetup.configure(paths, !Embedders.mayDownload(model));
            embedder = Embedders.load(model, settings.device(), paths.models());
        }
        return new SearchService(embedder, client);
    }

    /** The event history in Qdrant. */
    public EventService events() {
        return new EventService(client);
    }

    /** Closes the model, the client and the ledger that were opened. */
    @Override
    public void close() {
        try {
            if (embedder != null) {
                embedder.close();
            }
        } finally {
            try {
                client.close();
            } finally {
                if (db != null) {
                    db.close();
                }
            }
        }
    }
}
