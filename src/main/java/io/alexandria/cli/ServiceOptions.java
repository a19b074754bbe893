package io.alexandria.cli;

import io.alexandria.app.Assembly;
import io.alexandria.app.EngineBootstrap;
import io.alexandria.app.Hostnames;
import io.alexandria.app.ReadServices;
import io.alexandria.config.AppPaths;
import io.alexandria.config.Settings;
import io.alexandria.embedding.EmbeddingException;
import io.alexandria.index.QdrantEndpoint;
import io.alexandria.sources.DocumentSource;
import java.time.Duration;
import java.util.List;
import picocli.CommandLine.Mixin;

/**
 * Where a command's services come from: {@code --data-dir}, {@code --qdrant} and
 * {@code --api-key-env}, and the one bootstrap ({@link EngineBootstrap}) — so every command opens
 * the engine, or the read-only services, exactly as the window does.
 */
public final class ServiceOptions {
    @Mixin
    DataDirOption data;
    @Mixin
    QdrantOptions qdrant;
    private Settings settings;

    /** The data directory's paths. */
    public AppPaths paths() {
        return data.paths();
    }

    /** The data directory's saved settings (read once). */
    public Settings settings() {
        if (settings == null) {
            settings = data.settings();
        }
        return settings;
    }

    /**
     * The Qdrant endpoint of the options, else of the settings.
     *
     * @throws CliException when the URL is malformed or the API key variable is unset
     */
    public QdrantEndpoint endpoint() {
        return qdrant.endpoint(settings());
    }

    /**
     * The read-only services (health, search, events), without an engine or its lock.
     *
     * @param timeout per-call deadline for Qdrant requests
     */
    public ReadServices readOnly(Duration timeout) {
        return EngineBootstrap.readOnly(paths(), settings(), endpoint(), timeout);
    }

    /**
     * Opens the one engine (taking the data directory's lock) with the sources the options name,
     * else the settings'; the engine is not started.
     *
     * @param hostname        the host name to use instead of the settings', or null
     * @param sourcesRequired whether having no source at all is an error (else the engine works on the ledger alone)
     * @throws CliException when sources are required and there is none
     * @throws EmbeddingException when the model cannot be loaded
     */
    public Assembly openEngine(String hostname, SourceOptions sources, boolean sourcesRequired)
            throws EmbeddingException {
        Settings s = settings();
        Assembly assembly = EngineBootstrap.open(paths(), s, endpoint(),
                Hostnames.resolve(hostname != null ? hostname : s.hostname()));
        try {
            List<DocumentSource> list = sources.sources(assembly.sources(), sourcesRequired);
            list.forEach(assembly.engine()::addSource);
            return assembly;
        } catch (RuntimeException e) {
            assembly.close();
            throw e;
        }
    }
}
