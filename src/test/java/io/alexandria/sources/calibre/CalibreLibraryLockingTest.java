package io.alexandria.sources.calibre;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.alexandria.sources.calibre.CalibreException.Reason;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A running Calibre committing (EXCLUSIVE lock) makes reads wait with backoff, within a bound. */
class CalibreLibraryLockingTest {
    @TempDir
    Path temp;

    @Test
    void aLockHeldPastTheBoundFailsWithLockedAfterRetrying() throws Exception {
        Path lib = CalibreTestDb.writableLibraryCopy(temp);
        AtomicInteger retries = new AtomicInteger();
        Duration bound = Duration.ofMillis(300);
        CalibreLibrary library = CalibreLibrary.open(lib,
                CalibreTestDb.fastPolicy(bound, (attempt, elapsed, message) -> retries.incrementAndGet()));

        try (Connection calibre = CalibreTestDb.writer(lib); Statement s = calibre.createStatement()) {
            s.execute("BEGIN EXCLUSIVE");
            long start = System.nanoTime();
            CalibreException e = assertThrows(CalibreException.class, library::books);
            long tookMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);

            assertEquals(Reason.LOCKED, e.reason());
            assertFalse(e.reason().notALibrary());
            assertTrue(e.getMessage().contains("is locked by another program"), e.getMessage());
            assertTrue(e.getMessage().contains("Try again when Calibre is idle"), e.getMessage());
            assertTrue(retries.get() >= 2, "retried with backoff: " + retries.get());
            assertTrue(tookMs >= bound.toMillis() - 50, "waited about the bound: " + tookMs + " ms");
            assertTrue(tookMs < 3_000, "gave up soon after the bound: " + tookMs + " ms");
            s.execute("ROLLBACK");
        }
    }

    @Test
    void openingALockedLibraryAlsoFailsWithLocked() throws Exception {
        Path lib = CalibreTestDb.writableLibraryCopy(temp);
        try (Connection calibre = CalibreTestDb.writer(lib); Statement s = calibre.createStatement()) {
            s.execute("BEGIN EXCLUSIVE");
            CalibreException e = assertThrows(CalibreException.class,
                    () -> CalibreLibrary.open(lib, CalibreTestDb.fastPolicy(Duration.ofMillis(200), ReadPolicy.BusyListener.NONE)));
            assertEquals(Reason.LOCKED, e.reason());
            s.execute("ROLLBACK");
        }
        assertEquals(3, CalibreLibrary.open(lib).books().size(), "readable once the lock is gone");
    }

    @Test
    void aLockReleasedDuringTheBackoffLetsTheReadSucceed() throws Exception {
        Path lib = CalibreTestDb.writableLibraryCopy(temp);
        AtomicInteger retries = new AtomicInteger();
        CalibreLibrary library = CalibreLibrary.open(lib,
                CalibreTestDb.fastPolicy(Duration.ofSeconds(30), (attempt, elapsed, message) -> retries.incrementAndGet()));

        try (Connection calibre = CalibreTestDb.writer(lib); Statement s = calibre.createStatement()) {
            s.execute("BEGIN EXCLUSIVE");
            s.executeUpdate("UPDATE books SET title = 'Committed while the reader waited' WHERE id = 1");
            CompletableFuture<List<CalibreBook>> read = CompletableFuture.supplyAsync(() -> {
                try {
                    return library.books();
                } catch (CalibreException e) {
                    throw new IllegalStateException(e);
                }
            });
            await().atMost(Duration.ofSeconds(10)).until(() -> retries.get() >= 2);
            assertFalse(read.isDone(), "still waiting while the lock is held");
            s.execute("COMMIT");

            List<CalibreBook> books = read.get(10, TimeUnit.SECONDS);
            assertEquals(3, books.size());
            assertEquals("Committed while the reader waited", books.getFirst().title());
        }
    }
}
