package io.alexandria.cli;

import io.alexandria.config.Settings;
import io.alexandria.index.QdrantConnector;
import io.alexandria.index.QdrantEndpoint;
import io.alexandria.index.QdrantHealth;
import io.alexandria.index.TlsTrust;
import io.qdrant.client.QdrantClient;
import java.nio.file.Path;
import java.time.Duration;
import java.util.regex.Pattern;
import picocli.CommandLine.Option;

/**
 * {@code --qdrant URL}, {@code --api-key-env VAR} and {@code --trust-cert FILE}, shared by every
 * command that talks to Qdrant.
 */
public final class QdrantOptions {
    /** An environment variable name as shells accept it. */
    private static final Pattern VALID_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]{0,127}");
    /** A name that is safe to print: the conventional upper-case form (a random key rarely is). */
    private static final Pattern CONVENTIONAL_NAME = Pattern.compile("[A-Z_][A-Z0-9_]{0,63}");

    @Option(names = "--qdrant", paramLabel = "URL",
            description = "Qdrant gRPC endpoint: http://host:6334, or https://… for TLS (default: the settings', "
                    + "else http://localhost:6334).")
    String url;

    @Option(names = "--api-key-env", paramLabel = "VAR",
            description = "Name of the environment variable holding the Qdrant API key (the key itself is never "
                    + "taken from the command line, nor logged).")
    String apiKeyEnv;

    @Option(names = "--trust-cert", paramLabel = "FILE",
            description = "A certificate file (PEM or DER) to trust for an https:// Qdrant, e.g. a NAS's self-signed "
                    + "certificate or its own authority, besides the system's (default: the settings' trustedCertificate).")
    Path trustCert;

    /**
     * The endpoint from the options, falling back to the settings. No message repeats a value
     * that could be the key itself: a {@code --api-key-env} value is named only when it is shaped
     * like a conventional variable name (upper case, digits, underscores), and a bad
     * {@code --qdrant} URL is never repeated.
     *
     * @throws CliException when the URL is malformed, lacks its scheme or holds a user name or
     *                      password, the named variable is unset, or the certificate file is not one
     *                      (or is given for an {@code http://} URL)
     */
    public QdrantEndpoint endpoint(Settings settings) {
        String key = null;
        if (apiKeyEnv != null) {
            key = VALID_NAME.matcher(apiKeyEnv).matches() ? System.getenv(apiKeyEnv) : null;
            if (key == null || key.isBlank()) {
                throw new CliException(unsetVariable(apiKeyEnv));
            }
        }
        if (url != null && !url.strip().contains("://")) {
            throw new CliException("--qdrant takes a URL with its scheme: http://host:6334 or https://host:6334 "
                    + "(the value is not shown)");
        }
        QdrantEndpoint endpoint;
        try {
            endpoint = url == null ? settings.endpoint(key) : QdrantEndpoint.parse(url, key).withTrustedCertificate(
                    settings.trustedCertificate() == null ? null : Path.of(settings.trustedCertificate()));
        } catch (IllegalArgumentException e) {
            throw new CliException(e.getMessage());
        }
        if (trustCert != null) {
            if (!endpoint.tls()) {
                throw new CliException("--trust-cert is for an https:// Qdrant; " + endpoint.url() + " is plaintext");
            }
            endpoint = endpoint.withTrustedCertificate(trustCert.toAbsolutePath());
        }
        if (endpoint.tls() && endpoint.trustedCertificate() != null) {
            try {
                TlsTrust.certificates(endpoint.trustedCertificate());
            } catch (IllegalArgumentException e) {
                throw new CliException(e.getMessage());
            }
        }
        return endpoint;
    }

    /** The message for an unset or unusable {@code --api-key-env} value (package-private for tests). */
    static String unsetVariable(String name) {
        if (CONVENTIONAL_NAME.matcher(name).matches()) {
            return "the environment variable " + name + " (--api-key-env) is not set";
        }
        if (VALID_NAME.matcher(name).matches()) {
            return "the environment variable named by --api-key-env is not set (its name is not shown: lower-case "
                    + "names could be the key itself)";
        }
        return "--api-key-env takes the NAME of an environment variable that holds the key, not the key itself "
                + "(the value is not shown)";
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
