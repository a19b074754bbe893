package io.alexandria.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The API key store: the keychain when it works, an owner-only file when it does not (fails or
 * hangs), never the key in {@code toString}.
 */
class ApiKeyStoreTest {
    private static final String KEY = "s3cr3t-qdrant-key";
    @TempDir
    Path tmp;

    /** A keychain in memory. */
    static class MemoryKeychain implements ApiKeyStore.Keychain {
        final AtomicReference<String> secret = new AtomicReference<>();

        @Override
        public String get() {
            return secret.get();
        }

        @Override
        public void set(String s) {
            secret.set(s);
        }

        @Override
        public void delete() {
            secret.set(null);
        }

        @Override
        public String describe() {
            return "the test keychain";
        }
    }

    /** A keychain that is not there (a headless Linux without a Secret Service). */
    static final class BrokenKeychain implements ApiKeyStore.Keychain {
        @Override
        public String get() throws Exception {
            throw new IllegalStateException("no D-Bus session");
        }

        @Override
        public void set(String s) throws Exception {
            throw new IllegalStateException("no D-Bus session");
        }

        @Override
        public void delete() throws Exception {
            throw new IllegalStateException("no D-Bus session");
        }

        @Override
        public String describe() {
            return "a broken keychain";
        }
    }

    @Test
    void withoutAKeychainTheKeyGoesToAFileOnlyTheOwnerCanRead() throws Exception {
        Path file = tmp.resolve("data").resolve(ApiKeyStore.FILE_NAME);
        ApiKeyStore store = ApiKeyStore.fileOnly(file);
        assertEquals(Optional.empty(), store.load());
        String where = store.save("  " + KEY + "\n");
        assertTrue(where.contains(file.toString()) && where.contains("only by you"), where);
        assertTrue(ApiKeyStore.isOwnerOnly(file), "permissions 600 / owner-only ACL");
        assertEquals(Optional.of(KEY), store.load());
        assertFalse(store.toString().contains(KEY), store.toString());
        store.save("another");
        assertEquals(Optional.of("another"), store.load());
        assertTrue(ApiKeyStore.isOwnerOnly(file), "still owner-only after a replace");
        store.save("");
        assertFalse(Files.exists(file), "a blank key removes it");
        assertEquals(Optional.empty(), store.load());
    }

    @Test
    void aWorkingKeychainHoldsTheKeyAndNoFileIsLeft() throws Exception {
        Path file = tmp.resolve(ApiKeyStore.FILE_NAME);
        ApiKeyStore.writeOwnerOnly(file, "old key from a fallback");
        MemoryKeychain keychain = new MemoryKeychain();
        ApiKeyStore store = new ApiKeyStore(file, keychain);
        assertEquals("stored in the test keychain", store.save(KEY));
        assertEquals(KEY, keychain.secret.get());
        assertFalse(Files.exists(file), "the fallback file is removed once the keychain works");
        assertEquals(Optional.of(KEY), store.load());
        assertFalse(store.toString().contains(KEY));
        store.delete();
        assertNull(keychain.secret.get());
    }

    @Test
    void aBrokenKeychainFallsBackToTheFile() throws Exception {
        Path file = tmp.resolve(ApiKeyStore.FILE_NAME);
        ApiKeyStore store = new ApiKeyStore(file, new BrokenKeychain());
        String where = store.save(KEY);
        assertTrue(where.contains(file.toString()), where);
        assertTrue(ApiKeyStore.isOwnerOnly(file));
        assertEquals(Optional.of(KEY), store.load());
    }

    @Test
    void aKeychainThatHangsIsNotWaitedForLong() throws Exception {
        CountDownLatch never = new CountDownLatch(1);
        ApiKeyStore.Keychain hanging = new MemoryKeychain() {
            @Override
            public String get() {
                await();
                return null;
            }

            @Override
            public void set(String s) {
                await();
            }

            private void await() {
                try {
                    never.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        };
        Path file = tmp.resolve(ApiKeyStore.FILE_NAME);
        ApiKeyStore store = new ApiKeyStore(file, hanging, Duration.ofMillis(300));
        long t0 = System.nanoTime();
        assertEquals(Optional.empty(), store.load());
        store.save(KEY);
        assertTrue(Duration.ofNanos(System.nanoTime() - t0).compareTo(Duration.ofSeconds(5)) < 0);
        assertEquals(Optional.of(KEY), store.load(), "read back from the fallback file");
    }

    @Test
    void theTestsNeverUseTheRealKeychain() {
        assertEquals("off", System.getProperty("alexandria.keyring"), "surefire sets -Dalexandria.keyring=off");
        ApiKeyStore store = ApiKeyStore.forDataDir(new AppPaths(tmp));
        assertTrue(store.toString().startsWith("ApiKeyStore[file "), store.toString());
    }
}
