package io.alexandria.cli;

import io.alexandria.config.Settings;
import io.alexandria.index.QdrantConnector;
import io.alexandria.index.QdrantEndpoint;
import io.alexandria.index.QdrantHealth;
import io.qdrant.client.QdrantClient;
import java.time.Duration;
import picocli.CommandLine.Option;

/** {@code --qdrant URL} and {@code --api-key-env VAR}, shared by every command that talks to Qdrant. */
public final class QdrantOptions {
    @Option(names = "--qdrant", paramLabel = "URL",
            description = "Qdrant gRPC endpoint: http://host:6334, or https://… for TLS (default: the settings', "
                    + "else http://localhost:6334).")
    String url;

    @Option(names = "--api-key-env", paramLabel = "VAR",
            description = "Name of the environment variable holding the Qdrant API key (the key itself is never "
                    + "taken from the command line, nor logged).")
    String apiKeyEnv;

    /**
     * The endpoint from the options, falling back to the settings.
     *
     * @throws CliException when the URL is malformed or the named variable is unset
     */
    public QdrantEndpoint endpoint(Settings settings) {
        String key = null;
        if (apiKeyEnv != null) {
            key = System.getenv(apiKeyEnv);
            if (key == null || key.isBlank()) {
                throw new CliException("the environment variable " + apiKeyEnv + " (--api-key-env) is not set");
            }
        }
        try {
            return QdrantEndpoint.parse(url != null ? url : settings.qdrantUrl(), key);
        } catch (IllegalArgumentException e) {
            throw new CliException(e.getMessage());
        }
    }

    /**
     * Probes Qdrant once (10 s deadline): reachable and accepting the key.
     *
     * @return the probe's result, never throws
     */
    public static QdrantHealth.Result probe(QdrantEndpoint endpoint) {
        try (QdrantClient client = QdrantConnector.connect(endpoint, Duration.ofSeconds(10))) {
            return QdrantHealth.check(client, endpoint);
        }
    }

    /**
     * Fails with the one-line reason unless Qdrant answers and accepts the key.
     *
     * @throws CliException "Qdrant unreachable at …" or "… refused the API key"
     */
    public static void requireReachable(QdrantEndpoint endpoint) {
        QdrantHealth.Result health = probe(endpoint);
        if (!health.reachable()) {
            throw new CliException(health.message());
        }
    }
}
