package io.alexandria.config;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import io.alexandria.index.QdrantEndpoint;
import io.alexandria.index.TlsTrust;
import java.nio.file.Path;
import java.util.List;

/**
 * The user's settings ({@code settings.json} in the data directory). The API key is not here: it
 * lives in the OS keychain or a file only the user can read (see {@code ApiKeyStore}).
 *
 * @param vaultPath         Obsidian vault folder, or null
 * @param calibrePath       Calibre library folder, or null
 * @param qdrantUrl         Qdrant gRPC endpoint ({@code https://} for TLS)
 * @param model             embedding model id (see the model catalogue)
 * @param device            {@code auto}, {@code cpu} or {@code cuda:N}
 * @param chunkTokens       most tokens per chunk
 * @param chunkOverlap      overlap tokens between consecutive chunks
 * @param ignorePatterns    extra gitignore-style patterns for the vault
 * @param watch             keep watching after a sync
 * @param polling           poll instead of file events (network shares)
 * @param reconcileMinutes  minutes between safety-net reconcile scans while watching
 * @param formatPreference  Calibre format order, comma-separated
 * @param massDeleteShare   share of documents that may vanish at once before deletions are held
 * @param hostname          host name for points and events; null = this machine's name
 * @param eventRetentionDays events older than this many days are deleted (0: keep all; default 365)
 * @param trustedCertificate a certificate file (PEM or DER) to trust for {@code https://} Qdrant
 *                           besides the JDK's and the OS's authorities, e.g. a NAS's self-signed
 *                           certificate; null for none
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record Settings(String vaultPath, String calibrePath, String qdrantUrl, String model, String device,
                       int chunkTokens, int chunkOverlap, List<String> ignorePatterns, boolean watch, boolean polling,
                       int reconcileMinutes, String formatPreference, double massDeleteShare, String hostname,
                       Integer eventRetentionDays, String trustedCertificate) {

    /** Defaults: no sources, local Qdrant, the bundled model, 256/32-token chunks, watching on. */
    public static Settings defaults() {
        return new Settings(null, null, QdrantEndpoint.DEFAULT_URL, "bge-small-en-v1.5-q", "auto", 256, 32, List.of(),
                true, false, 10, "EPUB,AZW3,MOBI,PDF,TXT", 0.2, null, 365, null);
    }

    public Settings {
        ignorePatterns = ignorePatterns == null ? List.of() : List.copyOf(ignorePatterns);
        if (qdrantUrl == null || qdrantUrl.isBlank()) {
            qdrantUrl = QdrantEndpoint.DEFAULT_URL;
        }
        if (model == null || model.isBlank()) {
            model = "bge-small-en-v1.5-q";
        }
        if (device == null || device.isBlank()) {
            device = "auto";
        }
        if (chunkTokens <= 0) {
            chunkTokens = 256;
        }
        if (chunkOverlap < 0) {
            chunkOverlap = 32;
        }
        if (reconcileMinutes <= 0) {
            reconcileMinutes = 10;
        }
        if (formatPreference == null || formatPreference.isBlank()) {
            formatPreference = "EPUB,AZW3,MOBI,PDF,TXT";
        }
        if (massDeleteShare <= 0 || massDeleteShare > 1) {
            massDeleteShare = 0.2;
        }
        if (eventRetentionDays == null || eventRetentionDays < 0) {
            eventRetentionDays = 365;
        }
        if (trustedCertificate != null && trustedCertificate.isBlank()) {
            trustedCertificate = null;
        }
    }

    /** Settings without a trusted certificate file. */
    public Settings(String vaultPath, String calibrePath, String qdrantUrl, String model, String device,
                    int chunkTokens, int chunkOverlap, List<String> ignorePatterns, boolean watch, boolean polling,
                    int reconcileMinutes, String formatPreference, double massDeleteShare, String hostname,
                    Integer eventRetentionDays) {
        this(vaultPath, calibrePath, qdrantUrl, model, device, chunkTokens, chunkOverlap, ignorePatterns, watch,
                polling, reconcileMinutes, formatPreference, massDeleteShare, hostname, eventRetentionDays, null);
    }

    /** Settings with the default event retention (365 days). */
    public Settings(String vaultPath, String calibrePath, String qdrantUrl, String model, String device,
                    int chunkTokens, int chunkOverlap, List<String> ignorePatterns, boolean watch, boolean polling,
                    int reconcileMinutes, String formatPreference, double massDeleteShare, String hostname) {
        this(vaultPath, calibrePath, qdrantUrl, model, device, chunkTokens, chunkOverlap, ignorePatterns, watch,
                polling, reconcileMinutes, formatPreference, massDeleteShare, hostname, 365, null);
    }

    /** A copy with another model id. */
    public Settings withModel(String m) {
        return new Settings(vaultPath, calibrePath, qdrantUrl, m, device, chunkTokens, chunkOverlap, ignorePatterns,
                watch, polling, reconcileMinutes, formatPreference, massDeleteShare, hostname, eventRetentionDays,
                trustedCertificate);
    }

    /** A copy with another vault. */
    public Settings withVaultPath(String v) {
        return new Settings(v, calibrePath, qdrantUrl, model, device, chunkTokens, chunkOverlap, ignorePatterns, watch,
                polling, reconcileMinutes, formatPreference, massDeleteShare, hostname, eventRetentionDays,
                trustedCertificate);
    }

    /** A copy with another Calibre library. */
    public Settings withCalibrePath(String v) {
        return new Settings(vaultPath, v, qdrantUrl, model, device, chunkTokens, chunkOverlap, ignorePatterns, watch,
                polling, reconcileMinutes, formatPreference, massDeleteShare, hostname, eventRetentionDays,
                trustedCertificate);
    }

    /** A copy with another Qdrant URL. */
    public Settings withQdrantUrl(String v) {
        return new Settings(vaultPath, calibrePath, v, model, device, chunkTokens, chunkOverlap, ignorePatterns, watch,
                polling, reconcileMinutes, formatPreference, massDeleteShare, hostname, eventRetentionDays,
                trustedCertificate);
    }

    /** A copy trusting another certificate file (null: none). */
    public Settings withTrustedCertificate(String path) {
        return new Settings(vaultPath, calibrePath, qdrantUrl, model, device, chunkTokens, chunkOverlap, ignorePatterns,
                watch, polling, reconcileMinutes, formatPreference, massDeleteShare, hostname, eventRetentionDays, path);
    }

    /**
     * The Qdrant endpoint these settings name, with {@code apiKey} and, for {@code https://}, the
     * trusted certificate file (ignored for {@code http://}).
     *
     * @throws IllegalArgumentException when the URL is malformed (the message never repeats it), or
     *                                  the certificate file is missing or holds no certificate (the
     *                                  message names the file)
     */
    public QdrantEndpoint endpoint(String apiKey) {
        QdrantEndpoint endpoint = QdrantEndpoint.parse(qdrantUrl, apiKey);
        if (trustedCertificate == null || !endpoint.tls()) {
            return endpoint;
        }
        Path certificate = Path.of(trustedCertificate);
        TlsTrust.certificates(certificate);
        return endpoint.withTrustedCertificate(certificate);
    }
}
