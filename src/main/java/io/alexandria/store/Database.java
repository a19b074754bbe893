package io.alexandria.store;

import io.alexandria.config.OwnerOnly;
import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import org.flywaydb.core.Flyway;
import org.h2.engine.SysProperties;
import org.h2.jdbcx.JdbcConnectionPool;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The local H2 file database ({@code <dataDir>/alexandria.mv.db}), schema managed by Flyway
 * migrations in {@code db/migration}; Flyway (a few hundred classes and its own scan) runs only
 * when the database is new or behind the newest migration ({@link SchemaVersion}), not on every
 * open. Commits are written through at once ({@code WRITE_DELAY=0})
 * so a process killed right after a commit keeps it: the durable-stage pipeline (shared seed 003)
 * relies on that.
 *
 * <p><b>A second process.</b> {@code AUTO_SERVER} lets a second process (the CLI next to the app)
 * open the same file: the first process serves it over TCP, and the others connect to the address
 * it writes into {@code alexandria.lock.db}. H2 starts that server for all interfaces
 * ({@code -tcpAllowOthers}); this class pins it to the loopback interface with H2's
 * {@code h2.bindAddress} system property (read once, when H2's {@code SysProperties} loads), so no
 * other machine can reach it and no firewall asks. Where H2 was loaded before with another bind
 * address, the database opens without {@code AUTO_SERVER} (a second process then waits for the
 * file lock) rather than listen on the network. The server also demands the random key that only
 * the owner-only lock file holds.
 *
 * <p><b>Files.</b> The data folder is created {@code 700} and the database files are tightened to
 * {@code 600} on open and close (see {@link OwnerOnly}): they hold note text.
 *
 * <p><b>Shutdown.</b> H2 closes the database in its own JVM shutdown hook ({@code DB_CLOSE_ON_EXIT},
 * which H2 requires with {@code AUTO_SERVER}: "Feature not supported: AUTO_SERVER=TRUE &&
 * DB_CLOSE_ON_EXIT=FALSE"). Shutdown hooks run concurrently, so a process that must still write
 * at exit (the {@code watch} command ending its run) stops on the signal itself, before the JVM's
 * shutdown begins (see {@code cli.StopSignals}). {@link #close()} is idempotent.
 */
public final class Database implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Database.class);
    private static final String BASE_NAME = "alexandria";
    /** The loopback address H2's AUTO_SERVER binds to, e.g. {@code 127.0.0.1}. */
    static final String LOOPBACK = pinBindAddress();

    private final JdbcConnectionPool pool;
    private final Path file;
    private final Path dataDir;
    private boolean closed;

    private Database(JdbcConnectionPool pool, Path file, Path dataDir) {
        this.pool = pool;
        this.file = file;
        this.dataDir = dataDir;
    }

    /** Sets {@code h2.bindAddress} to the loopback address unless it is set already; returns the value. */
    private static String pinBindAddress() {
        String loopback = InetAddress.getLoopbackAddress().getHostAddress();
        if (System.getProperty("h2.bindAddress") == null) {
            System.setProperty("h2.bindAddress", loopback);
        }
        return System.getProperty("h2.bindAddress");
    }

    /** Whether H2's effective bind address (fixed when H2 loaded) is a loopback address. */
    static boolean serverStaysLocal() {
        String bind = SysProperties.BIND_ADDRESS;
        if (bind == null || bind.isBlank()) {
            return false;
        }
        try {
            return InetAddress.getByName(bind).isLoopbackAddress();
        } catch (IOException e) {
            return false;
        }
    }

    /**
     * Opens (creating and migrating when needed) the database in {@code dataDir}.
     *
     * @throws StoreException when the folder cannot be created, the file is locked by an
     *                        incompatible process or a migration fails
     */
    public static Database open(Path dataDir) {
        ownerOnlyFolder(dataDir);
        Path base = dataDir.toAbsolutePath().resolve(BASE_NAME);
        boolean local = serverStaysLocal();
        if (!local) {
            LOG.warn("H2 was loaded with bind address {} (not loopback): opening {} without AUTO_SERVER, so a second "
                    + "process waits for this one", SysProperties.BIND_ADDRESS, base);
        }
        String url = "jdbc:h2:file:" + base + ";WRITE_DELAY=0;AUTO_SERVER=" + (local ? "TRUE" : "FALSE")
                + ";LOCK_TIMEOUT=10000";
        JdbcConnectionPool pool = JdbcConnectionPool.create(url, "alexandria", "");
        pool.setMaxConnections(16);
        try {
            if (!SchemaVersion.current(pool)) {
                Flyway.configure().dataSource(pool).locations("classpath:" + SchemaVersion.LOCATION).load().migrate();
            }
        } catch (RuntimeException e) {
            pool.dispose();
            throw new StoreException("cannot open the local database " + base + ".mv.db: " + rootMessage(e), e);
        }
        ownerOnlyFiles(dataDir);
        return new Database(pool, Path.of(base + ".mv.db"), dataDir);
    }

    /**
     * Creates the data folder {@code 700} (or tightens it).
     *
     * @throws StoreException when it cannot be created; a folder whose permissions cannot be
     *                        changed (another owner) is only logged
     */
    public static void ownerOnlyFolder(Path dataDir) {
        try {
            OwnerOnly.directory(dataDir);
        } catch (IOException e) {
            if (!Files.isDirectory(dataDir)) {
                throw new StoreException("cannot create data directory " + dataDir + ": " + e.getMessage(), e);
            }
            LOG.warn("cannot make {} readable by its owner only: {}", dataDir, e.toString());
        }
    }

    /** Tightens the database's files ({@code alexandria.*}: the store, lock and trace files) to {@code 600}. */
    private static void ownerOnlyFiles(Path dataDir) {
        try (DirectoryStream<Path> files = Files.newDirectoryStream(dataDir, BASE_NAME + ".*")) {
            for (Path f : files) {
                if (Files.isRegularFile(f)) {
                    OwnerOnly.file(f);
                }
            }
        } catch (IOException e) {
            LOG.warn("cannot make the database files in {} readable by their owner only: {}", dataDir, e.toString());
        }
    }

    /** The database file on disk. */
    public Path file() {
        return file;
    }

    /** A pooled connection in auto-commit mode; close it after use. */
    public Connection connection() {
        try {
            return pool.getConnection();
        } catch (SQLException e) {
            throw new StoreException("cannot get a database connection: " + e.getMessage(), e);
        }
    }

    /**
     * Runs {@code work} in one transaction: committed when it returns, rolled back when it throws.
     *
     * @throws StoreException wrapping any {@link SQLException}
     */
    public <T> T inTransaction(SqlWork<T> work) {
        try (Connection c = pool.getConnection()) {
            c.setAutoCommit(false);
            try {
                T result = work.run(c);
                c.commit();
                return result;
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            }
        } catch (SQLException e) {
            throw new StoreException("database error: " + e.getMessage(), e);
        }
    }

    /** Like {@link #inTransaction} for work without a result. */
    public void inTransactionVoid(SqlVoidWork work) {
        inTransaction(c -> {
            work.run(c);
            return null;
        });
    }

    /** Closes the pool and the database (a checkpoint first); idempotent. */
    @Override
    public void close() {
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
        }
        try (Connection c = pool.getConnection()) {
            c.createStatement().execute("CHECKPOINT");
        } catch (SQLException ignored) {
            // closing anyway
        }
        pool.dispose();
        ownerOnlyFiles(dataDir);
    }

    private static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return t.getMessage();
    }

    /** Work on a connection that returns a result. */
    @FunctionalInterface
    public interface SqlWork<T> {
        T run(Connection c) throws SQLException;
    }

    /** Work on a connection without a result. */
    @FunctionalInterface
    public interface SqlVoidWork {
        void run(Connection c) throws SQLException;
    }
}
