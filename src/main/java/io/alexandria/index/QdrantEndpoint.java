package io.alexandria.index;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.Locale;

/**
 * Where Qdrant's gRPC API is: {@code http://host:port} (plaintext) or {@code https://host:port}
 * (TLS); port 6334 when omitted. The API key is held here but never printed: {@link #toString()}
 * shows only the URL.
 *
 * @param url                the normalised URL, e.g. {@code http://localhost:6334}
 * @param apiKey             the API key or {@code null}; sent as {@code api-key} gRPC metadata
 * @param trustedCertificate a certificate file (PEM or DER) to trust for TLS besides the JDK's and
 *                           the OS's authorities, or {@code null} (see {@link TlsTrust})
 */
public record QdrantEndpoint(String url, String host, int port, boolean tls, String apiKey, Path trustedCertificate) {
    /** Qdrant's default gRPC port. */
    public static final int DEFAULT_GRPC_PORT = 6334;
    /** The default endpoint: a Qdrant on this machine. */
    public static final String DEFAULT_URL = "http://localhost:6334";
    private static final String USER_INFO = "Qdrant URL must not contain a user name or password (user:pass@…; "
            + "the URL is not shown): Qdrant takes an API key, given with --api-key-env VAR or in Settings";

    /**
     * Parses a gRPC endpoint URL. The messages of the errors never repeat the URL: a URL typed
     * wrongly may hold a password ({@code https://user:pass@nas}) or be a key pasted into the
     * wrong field.
     *
     * @throws IllegalArgumentException for anything but an http/https URL with a host, and for a URL
     *                                  with user info ({@code user:password@}), which Qdrant does not use
     */
    public static QdrantEndpoint parse(String url, String apiKey) {
        if (url == null || url.isBlank()) {
            throw new IllegalArgumentException("Qdrant URL is empty");
        }
        String text = url.strip();
        if (!text.contains("://")) {
            text = "http://" + text;
        }
        URI uri;
        try {
            uri = new URI(text);
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException(hasUserInfo(text) ? USER_INFO
                    : "Qdrant URL is malformed (expected http://host:6334 or https://host:6334)");
        }
        if (uri.getRawUserInfo() != null || hasUserInfo(text)) {
            throw new IllegalArgumentException(USER_INFO);
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")) {
            throw new IllegalArgumentException("Qdrant URL must start with http:// or https://");
        }
        if (uri.getHost() == null) {
            throw new IllegalArgumentException("Qdrant URL has no valid host name (expected http://host:6334 or "
                    + "https://host:6334)");
        }
        int port = uri.getPort() > 0 ? uri.getPort() : DEFAULT_GRPC_PORT;
        boolean tls = scheme.equals("https");
        String key = apiKey == null || apiKey.isBlank() ? null : apiKey;
        return new QdrantEndpoint(scheme + "://" + uri.getHost() + ":" + port, uri.getHost(), port, tls, key, null);
    }

    /**
     * This endpoint, trusting {@code certificate} (a PEM or DER file) for TLS; the file is read
     * when a client connects ({@link TlsTrust#certificates} checks it beforehand).
     *
     * @param certificate the file, or null (or blank) for the system authorities only
     */
    public QdrantEndpoint withTrustedCertificate(Path certificate) {
        return new QdrantEndpoint(url, host, port, tls, apiKey, certificate);
    }

    /** Whether the authority part of {@code text} (after {@code ://}, before the path) holds an {@code @}. */
    private static boolean hasUserInfo(String text) {
        int start = text.indexOf("://") + 3;
        int end = text.length();
        for (char c : new char[] {'/', '?', '#'}) {
            int i = text.indexOf(c, start);
            if (i >= 0 && i < end) {
                end = i;
            }
        }
        return text.substring(start, end).contains("@");
    }

    @Override
    public String toString() {
        return url + (apiKey == null ? "" : " (with API key)")
                + (trustedCertificate == null ? "" : " (trusting " + trustedCertificate + ")");
    }
}
