package io.alexandria.app;

import io.alexandria.app.SettingsCheck.Field;
import io.alexandria.config.Settings;
import io.alexandria.embedding.BundledModel;
import io.alexandria.embedding.EmbeddingException;
import io.alexandria.embedding.ModelCatalog;
import io.alexandria.embedding.ModelFolder;
import io.alexandria.index.QdrantConnector;
import io.alexandria.index.QdrantEndpoint;
import io.alexandria.index.QdrantHealth;
import io.alexandria.sources.calibre.CalibreLibrary;
import io.alexandria.sources.calibre.LibraryCheck;
import io.alexandria.sources.vault.VaultCheck;
import io.alexandria.sources.vault.VaultScanner;
import io.qdrant.client.QdrantClient;
import java.nio.file.Path;
import java.time.Duration;
import java.util.regex.Pattern;

/**
 * Checks a settings form before it is applied, with sentences for the settings pane: a folder that
 * is not an Obsidian vault or not a Calibre library, a malformed or unreachable Qdrant URL, a key
 * Qdrant refuses, an unknown model or device, chunk sizes out of range. Does I/O (folders, one
 * Qdrant probe): run it on a background thread.
 */
public final class SettingsValidator {
    private static final Pattern DEVICE = Pattern.compile("auto|cpu|cuda(:\\d+)?|gpu");
    /** Smallest chunk size accepted, in tokens. */
    public static final int MIN_CHUNK_TOKENS = 32;
    private final Duration probeTimeout;

    /** A validator whose Qdrant probe waits at most {@code probeTimeout}. */
    public SettingsValidator(Duration probeTimeout) {
        this.probeTimeout = probeTimeout;
    }

    /**
     * Checks {@code s}.
     *
     * @param apiKey the key to probe Qdrant with (the new one, or the stored one), or null
     */
    public SettingsCheck check(Settings s, String apiKey) {
        ThreadGuard.check("validating settings");
        SettingsCheck out = new SettingsCheck();
        if (blank(s.vaultPath()) && blank(s.calibrePath())) {
            out.warn(Field.VAULT, "No vault or Calibre library chosen yet: only dropped files will be indexed.");
        }
        if (!blank(s.vaultPath())) {
            VaultCheck v = VaultScanner.checkVault(Path.of(s.vaultPath().strip()));
            if (v.isVault()) {
                out.ok(Field.VAULT, v.message());
            } else {
                out.error(Field.VAULT, v.message());
            }
        }
        if (!blank(s.calibrePath())) {
            LibraryCheck c = CalibreLibrary.looksLikeLibrary(Path.of(s.calibrePath().strip()));
            if (c.ok()) {
                out.ok(Field.CALIBRE, c.message());
            } else {
                out.error(Field.CALIBRE, c.message());
            }
        }
        checkQdrant(s, apiKey, out);
        int max = BundledModel.SPEC.maxTokens();
        var entry = ModelCatalog.find(s.model());
        if (entry.isPresent()) {
            max = entry.get().spec().maxTokens();
        } else if (ModelFolder.isModelFolder(Path.of(s.model()))) {
            try {
                max = ModelFolder.read(Path.of(s.model())).spec().maxTokens();
            } catch (EmbeddingException e) {
                out.error(Field.MODEL, e.getMessage());
            }
        } else {
            out.error(Field.MODEL, "Unknown model '" + s.model() + "': choose one of " + ModelCatalog.ids()
                    + ", or a model folder with " + ModelFolder.DESCRIPTOR + ".");
        }
        if (!DEVICE.matcher(s.device()).matches()) {
            out.error(Field.DEVICE, "Unknown device '" + s.device() + "': use auto, cpu or cuda:N.");
        }
        if (s.chunkTokens() < MIN_CHUNK_TOKENS || s.chunkTokens() > max) {
            out.error(Field.CHUNKS, "Chunk size must be between " + MIN_CHUNK_TOKENS + " and " + max
                    + " tokens (the model reads at most " + max + ").");
        } else if (s.chunkOverlap() >= s.chunkTokens() / 2) {
            out.error(Field.CHUNKS, "The overlap must be less than half the chunk size.");
        }
        for (String p : s.ignorePatterns()) {
            if (p.contains("\\") && !p.startsWith("\\#") && !p.startsWith("\\!")) {
                out.warn(Field.IGNORE, "Ignore patterns use forward slashes (gitignore syntax): " + p);
            }
        }
        return out;
    }

    private void checkQdrant(Settings s, String apiKey, SettingsCheck out) {
        QdrantEndpoint endpoint;
        try {
            endpoint = s.endpoint(apiKey);
        } catch (IllegalArgumentException e) {
            out.error(Field.QDRANT, e.getMessage() + ".");
            return;
        }
        try (QdrantClient client = QdrantConnector.connect(endpoint, probeTimeout)) {
            QdrantHealth.Result r = QdrantHealth.check(client, endpoint);
            if (r.reachable()) {
                out.ok(Field.QDRANT, "Connected to Qdrant " + r.version() + " at " + endpoint.url() + " ("
                        + r.latencyMs() + " ms" + (endpoint.tls() ? ", TLS" : "") + ").");
            } else if (r.authFailed()) {
                out.error(Field.API_KEY, r.message() + ": check the API key.");
            } else {
                out.warn(Field.QDRANT, r.message() + ". You can still save: work is queued until Qdrant is reachable.");
            }
        }
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }
}
