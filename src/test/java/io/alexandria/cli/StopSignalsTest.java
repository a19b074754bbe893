package io.alexandria.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import io.alexandria.store.AppState;
import io.alexandria.store.Database;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * SIGTERM to a process holding the ledger (as {@code watch} does): the orderly stop runs before
 * H2's shutdown hook closes the database, so its last write lands, the database is closed cleanly
 * (no lock file left), the exit code is 0 and nothing is printed with a stack trace.
 */
class StopSignalsTest {
    @TempDir
    Path tmp;

    @Test
    void sigtermStopsInOrderBeforeTheJvmShutsDown() throws Exception {
        assumeFalse(System.getProperty("os.name").startsWith("Windows"), "SIGTERM is POSIX");
        Path data = tmp.resolve("data");
        Path out = tmp.resolve("out.txt");
        Path err = tmp.resolve("err.txt");
        Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), StopSignalsProcess.class.getName(), data.toString())
                .redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        Awaitility.await().atMost(Duration.ofMinutes(2)).until(() -> Files.readString(out).contains("ready"));
        p.destroy(); // SIGTERM
        assertTrue(p.waitFor(1, TimeUnit.MINUTES), "stops on SIGTERM");
        String stderr = Files.readString(err);
        assertEquals(0, p.exitValue(), stderr);
        assertFalse(stderr.contains("Exception") || stderr.contains("\tat "), "no stack trace: " + stderr);
        assertFalse(Files.exists(data.resolve("alexandria.lock.db")), "closed cleanly: H2's lock file is gone");
        try (Database db = Database.open(data)) {
            assertEquals("orderly", db.inTransaction(c -> new AppState().get(c, "stopped").orElse(null)));
        }
    }
}
