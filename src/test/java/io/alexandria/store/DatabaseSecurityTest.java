package io.alexandria.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.alexandria.app.EngineBootstrap;
import io.alexandria.config.AppPaths;
import io.alexandria.config.OwnerOnly;
import io.alexandria.config.Settings;
import io.alexandria.index.QdrantEndpoint;
import io.alexandria.sync.SyncEngine;
import io.alexandria.testsupport.ListeningSockets;
import io.alexandria.testsupport.ListeningSockets.Listener;
import java.io.IOException;
import java.io.Reader;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The ledger keeps to its owner and its machine: the data folder is {@code 700} and the database
 * files {@code 600} (fresh, and tightened on an existing install), H2's AUTO_SERVER listens on the
 * loopback interface only (no socket of this process listens elsewhere while an engine is open),
 * and a second process still reads the ledger through it.
 */
class DatabaseSecurityTest {
    @TempDir
    Path tmp;

    private static String mode(Path p) throws IOException {
        return PosixFilePermissions.toString(Files.getPosixFilePermissions(p));
    }

    @Test
    void aFreshDataFolderAndItsDatabaseAreOwnerOnly() throws IOException {
        assumeTrue(OwnerOnly.posix(), "POSIX permissions (the Windows ACL path is not exercised here)");
        Path data = tmp.resolve("fresh/data");
        try (EngineLock lock = EngineLock.acquire(data); Database db = Database.open(data)) {
            assertEquals("rwx------", mode(data));
            assertEquals("rw-------", mode(db.file()));
            assertEquals("rw-------", mode(data.resolve("engine.lock")));
            for (Path f : dbFiles(data)) {
                assertEquals("rw-------", mode(f), f.toString());
            }
        }
        assertEquals("rw-------", mode(data.resolve("alexandria.mv.db")), "still 600 after close");
    }

    @Test
    void anExistingInstallIsTightenedWhenOpened() throws IOException {
        assumeTrue(OwnerOnly.posix(), "POSIX permissions");
        Path data = tmp.resolve("old");
        Database.open(data).close();
        Files.setPosixFilePermissions(data, PosixFilePermissions.fromString("rwxr-xr-x"));
        Files.setPosixFilePermissions(data.resolve("alexandria.mv.db"), PosixFilePermissions.fromString("rw-r--r--"));
        Files.writeString(data.resolve("engine.lock"), "");
        Files.setPosixFilePermissions(data.resolve("engine.lock"), PosixFilePermissions.fromString("rw-rw-rw-"));
        try (EngineLock lock = EngineLock.acquire(data); Database db = Database.open(data)) {
            assertEquals("rwx------", mode(data));
            assertEquals("rw-------", mode(db.file()));
            assertEquals("rw-------", mode(data.resolve("engine.lock")));
        }
    }

    @Test
    void whileAnEngineIsOpenNothingListensBeyondLoopback() throws Exception {
        assumeTrue(ListeningSockets.supported(), "needs Linux's /proc/net/tcp");
        assertTrue(Database.serverStaysLocal(), "H2 bind address pinned to loopback: " + Database.LOOPBACK);
        Path data = tmp.resolve("engine");
        AppPaths paths = new AppPaths(data);
        try (io.alexandria.app.Assembly assembly = EngineBootstrap.open(paths, Settings.defaults(),
                QdrantEndpoint.parse("http://127.0.0.1:9", null), "listener-test")) {
            assembly.engine().start("listener-test");
            int h2Port = lockFileServerPort(data);
            List<Listener> listeners = ListeningSockets.ofThisProcess();
            assertTrue(listeners.stream().anyMatch(l -> l.port() == h2Port && l.loopback()),
                    "H2's AUTO_SERVER listens on loopback port " + h2Port + ": " + listeners);
            List<Listener> wide = listeners.stream().filter(l -> !l.loopback()).toList();
            assertTrue(wide.isEmpty(), "no listener beyond loopback: " + wide);
        }
    }

    @Test
    void aSecondProcessReadsTheLedgerThroughTheLoopbackServer() throws Exception {
        Path data = tmp.resolve("shared");
        try (Database db = Database.open(data)) {
            db.inTransactionVoid(c -> new AppState().put(c, "probe", "written-by-the-first-process"));
            String server = lockFile(data).getProperty("server", "");
            String host = server.substring(0, server.lastIndexOf(':'));
            assertTrue(InetAddress.getByName(host).isLoopbackAddress(), "the lock file names a loopback server: " + server);
            Process reader = child("read", data.toString(), "probe");
            assertTrue(reader.waitFor(2, TimeUnit.MINUTES), "the reader finishes");
            String out = new String(reader.getInputStream().readAllBytes());
            String err = new String(reader.getErrorStream().readAllBytes());
            assertEquals(0, reader.exitValue(), err);
            assertTrue(out.contains("value=written-by-the-first-process"), out + err);
        }
    }

    private static List<Path> dbFiles(Path data) throws IOException {
        List<Path> out = new ArrayList<>();
        try (var s = Files.newDirectoryStream(data, "alexandria.*")) {
            s.forEach(out::add);
        }
        return out;
    }

    private static Properties lockFile(Path data) throws IOException {
        Properties p = new Properties();
        try (Reader r = Files.newBufferedReader(data.resolve("alexandria.lock.db"))) {
            p.load(r);
        }
        return p;
    }

    private static int lockFileServerPort(Path data) throws IOException {
        String server = lockFile(data).getProperty("server");
        return Integer.parseInt(server.substring(server.lastIndexOf(':') + 1));
    }

    private static ProcessBuilder childBuilder(String... args) {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), LedgerProcess.class.getName()));
        cmd.addAll(List.of(args));
        return new ProcessBuilder(cmd);
    }

    private static Process child(String... args) throws IOException {
        return childBuilder(args).start();
    }
}
