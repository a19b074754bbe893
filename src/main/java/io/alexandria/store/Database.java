package io.alexandria.store;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import org.flywaydb.core.Flyway;
import org.h2.jdbcx.JdbcConnectionPool;

/**
 * The local H2 file database ({@code <dataDir>/alexandria.mv.db}), schema managed by Flyway
 * migrations in {@code db/migration}. Commits are written through at once ({@code WRITE_DELAY=0})
 * so a process killed right after a commit keeps it: the durable-stage pipeline (shared seed 003)
 * relies on that. {@code AUTO_SERVER} lets a second process (the CLI next to the app) open the
 * same file.
 */
public final class Database implements AutoCloseable {
    private final JdbcConnectionPool pool;
    private final Path file;

    private Database(JdbcConnectionPool pool, Path file) {
        this.pool = pool;
        this.file = file;
    }

    /**
     * Opens (creating and migrating when needed) the database in {@code dataDir}.
     *
     * @throws StoreException when the folder cannot be created, the file is locked by an
     *                        incompatible process or a migration fails
     */
    public static Database open(Path dataDir) {
        try {
            Files.createDirectories(dataDir);
        } catch (IOException e) {
            throw new StoreException("cannot create data directory " + dataDir + ": " + e.getMessage(), e);
        }
        Path base = dataDir.toAbsolutePath().resolve("alexandria");
        String url = "jdbc:h2:file:" + base + ";WRITE_DELAY=0;AUTO_SERVER=TRUE;LOCK_TIMEOUT=10000";
        JdbcConnectionPool pool = JdbcConnectionPool.create(url, "alexandria", "");
        pool.setMaxConnections(16);
        try {
            Flyway.configure().dataSource(pool).locations("classpath:db/migration").load().migrate();
        } catch (RuntimeException e) {
            pool.dispose();
            throw new StoreException("cannot open the local database " + base + ".mv.db: " + rootMessage(e), e);
        }
        return new Database(pool, Path.of(base + ".mv.db"));
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

    @Override
    public void close() {
        try (Connection c = pool.getConnection()) {
            c.createStatement().execute("CHECKPOINT");
        } catch (SQLException ignored) {
            // closing anyway
        }
        pool.dispose();
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
