package io.alexandria.config;

import com.github.javakeyring.Keyring;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Where the Qdrant API key lives: the OS keychain (macOS Keychain, Windows Credential Manager,
 * Linux Secret Service, through {@code com.github.javakeyring:java-keyring}) and, when no keychain
 * can be used (a headless Linux box without a Secret Service, a locked keyring), a file
 * {@value #FILE_NAME} in the data directory that only the user can read: POSIX permissions
 * {@code 600}, or on Windows an ACL with the owner as its only entry.
 *
 * <p>The file exists only while the keychain cannot be used: saving to a working keychain removes
 * it, and {@link #load()} reads the file first. The key itself is never logged and never appears
 * in {@link #toString()}. The keychain can be slow or hang (D-Bus): every call waits at most a
 * few seconds and then uses the file; call from a background thread, never the JavaFX one.
 * {@code -Dalexandria.keyring=off} (the tests) skips the keychain entirely.
 */
public final class ApiKeyStore {
    /** The keychain service name. */
    public static final String SERVICE = "io.alexandria.Alexandria";
    /** The keychain account name. */
    public static final String ACCOUNT = "qdrant-api-key";
    /** The fallback file, in the data directory. */
    public static final String FILE_NAME = "qdrant-api-key";
    private static final Logger LOG = LoggerFactory.getLogger(ApiKeyStore.class);
    private static final java.time.Duration KEYCHAIN_WAIT = java.time.Duration.ofSeconds(5);

    /** An OS keychain entry (one service/account pair). Implementations may throw anything. */
    public interface Keychain {
        /** The stored secret, or null when there is none. */
        String get() throws Exception;

        /** Stores the secret. */
        void set(String secret) throws Exception;

        /** Removes the secret (no error when there is none). */
        void delete() throws Exception;

        /** The keychain's name for the user, e.g. "the OS keychain (OSX_KEYCHAIN)". */
        String describe();
    }

    private final Path file;
    private final Keychain keychain;
    private final java.time.Duration keychainWait;

    /**
     * A store with a keychain (or null for file only).
     *
     * @param file     the fallback file
     * @param keychain the keychain entry, or null to use only the file
     */
    public ApiKeyStore(Path file, Keychain keychain) {
        this(file, keychain, KEYCHAIN_WAIT);
    }

    /** A store whose keychain calls wait at most {@code keychainWait}. */
    ApiKeyStore(Path file, Keychain keychain, java.time.Duration keychainWait) {
        this.file = file;
        this.keychain = keychain;
        this.keychainWait = keychainWait;
    }

    /** The store for a data directory: the OS keychain unless {@code -Dalexandria.keyring=off}, plus the file. */
    public static ApiKeyStore forDataDir(AppPaths paths) {
        boolean off = "off".equalsIgnoreCase(System.getProperty("alexandria.keyring", ""));
        return new ApiKeyStore(paths.dataDir().resolve(FILE_NAME), off ? null : new OsKeychain());
    }

    /** A file-only store (no keychain). */
    public static ApiKeyStore fileOnly(Path file) {
        return new ApiKeyStore(file, null);
    }

    /** The fallback file's path. */
    public Path file() {
        return file;
    }

    /**
     * The stored key: the fallback file when present, else the keychain's entry.
     *
     * @return the key, or empty when none is stored or it cannot be read
     */
    public Optional<String> load() {
        if (Files.isRegularFile(file)) {
            try {
                String key = Files.readString(file, StandardCharsets.UTF_8).strip();
                return key.isEmpty() ? Optional.empty() : Optional.of(key);
            } catch (IOException e) {
                LOG.warn("cannot read the API key file {}: {}", file, e.getMessage());
                return Optional.empty();
            }
        }
        if (keychain == null) {
            return Optional.empty();
        }
        try {
            String key = bounded(keychain::get);
            return key == null || key.isBlank() ? Optional.empty() : Optional.of(key);
        } catch (Exception e) {
            LOG.debug("no API key in {}: {}", keychain.describe(), e.getClass().getSimpleName());
            return Optional.empty();
        }
    }

    /**
     * Stores {@code key} (blank or null removes it): in the keychain when it works, else in the
     * owner-only file.
     *
     * @return where it went, in words for the settings pane
     * @throws IOException when neither the keychain nor the file can be written
     */
    public String save(String key) throws IOException {
        if (key == null || key.isBlank()) {
            delete();
            return "no API key stored";
        }
        String secret = key.strip();
        if (keychain != null) {
            try {
                bounded(() -> {
                    keychain.set(secret);
                    return null;
                });
                Files.deleteIfExists(file);
                return "stored in " + keychain.describe();
            } catch (Exception e) {
                LOG.info("the OS keychain is not available ({}); storing the API key in {} (owner-only)",
                        e.getClass().getSimpleName(), file);
            }
        }
        writeOwnerOnly(file, secret);
        return "stored in " + file + " (readable only by you)";
    }

    /** Removes the key from the keychain and the file. */
    public void delete() throws IOException {
        Files.deleteIfExists(file);
        if (keychain != null) {
            try {
                bounded(() -> {
                    keychain.delete();
                    return null;
                });
            } catch (Exception e) {
                LOG.debug("no API key to remove from {}: {}", keychain.describe(), e.getClass().getSimpleName());
            }
        }
    }

    /**
     * Writes {@code text} to {@code target} so that only its owner can read it (atomic replace), in
     * an owner-only folder (see {@link OwnerOnly}).
     */
    static void writeOwnerOnly(Path target, String text) throws IOException {
        Path dir = OwnerOnly.directory(target.toAbsolutePath().getParent());
        Path tmp = Files.createTempFile(dir, FILE_NAME, ".tmp", OwnerOnly.fileAttributes());
        try {
            OwnerOnly.file(tmp);
            Files.writeString(tmp, text, StandardCharsets.UTF_8);
            Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(tmp);
        }
        OwnerOnly.file(target);
    }

    /** Whether the file (when present) is readable by its owner only: {@code 600}, or an owner-only ACL. */
    public static boolean isOwnerOnly(Path path) throws IOException {
        if (OwnerOnly.posix()) {
            return Files.getPosixFilePermissions(path).equals(PosixFilePermissions.fromString("rw-------"));
        }
        return OwnerOnly.isOwnerOnly(path);
    }

    private interface KeychainCall<T> {
        T call() throws Exception;
    }

    private <T> T bounded(KeychainCall<T> call) throws Exception {
        CompletableFuture<T> f = new CompletableFuture<>();
        Thread t = Thread.ofPlatform().daemon().name("alexandria-keychain").start(() -> {
            try {
                f.complete(call.call());
            } catch (Throwable e) {
                f.completeExceptionally(e);
            }
        });
        try {
            return f.get(keychainWait.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof Exception ex ? ex : new IllegalStateException(e.getCause());
        } catch (TimeoutException e) {
            t.interrupt();
            throw new IOException("the keychain did not answer within " + keychainWait.toMillis() + " ms");
        }
    }

    @Override
    public String toString() {
        return "ApiKeyStore[" + (keychain == null ? "file " + file : keychain.describe() + ", fallback " + file) + "]";
    }

    /** The OS keychain through java-keyring (created lazily: backends probe native libraries). */
    private static final class OsKeychain implements Keychain {
        private Keyring keyring;

        private synchronized Keyring keyring() throws Exception {
            if (keyring == null) {
                keyring = Keyring.create();
            }
            return keyring;
        }

        @Override
        public String get() throws Exception {
            return keyring().getPassword(SERVICE, ACCOUNT);
        }

        @Override
        public void set(String secret) throws Exception {
            keyring().setPassword(SERVICE, ACCOUNT, secret);
        }

        @Override
        public void delete() throws Exception {
            keyring().deletePassword(SERVICE, ACCOUNT);
        }

        @Override
        public String describe() {
            return "the OS keychain";
        }
    }
}
