package io.alexandria.store;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EngineLockTest {
    @TempDir
    Path dir;

    @Test
    void oneEnginePerDataDirectoryAndTheLockComesBackOnClose() {
        try (EngineLock first = EngineLock.acquire(dir)) {
            StoreException busy = assertThrows(StoreException.class, () -> EngineLock.acquire(dir));
            assertTrue(busy.getMessage().contains("already syncing"), busy.getMessage());
        }
        EngineLock.acquire(dir).close();
    }
}
