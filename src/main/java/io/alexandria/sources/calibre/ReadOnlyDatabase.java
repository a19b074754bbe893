package io.alexandria.sources.calibre;

import dev.failsafe.Failsafe;
import dev.failsafe.FailsafeException;
import dev.failsafe.RetryPolicy;
import java.net.URI;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteErrorCode;
import org.sqlite.SQLiteException;

/**
 * Runs work against one SQLite file through short, strictly read-only connections, each inside one
 * read transaction, retrying while the file is busy. See the package documentation for why.
 */
final class ReadOnlyDatabase {
    private static final Logger LOG = LoggerFactory.getLogger(ReadOnlyDatabase.class);

    /** SQLite primary result codes (sqlite.org/rescode.html). */
    private static final int SQLITE_READONLY = 8;
    private static final int SQLITE_BUSY = 5;
    private static final int SQLITE_LOCKED = 6;
    private static final int SQLITE_CORRUPT = 11;
    private static final int SQLITE_CANTOPEN = 14;
    private static final int SQLITE_PROTOCOL = 15;
    private static final int SQLITE_NOTADB = 26;
    /** Extended codes: a read-only connection met a hot journal / WAL it would have to recover. */
    private static final int SQLITE_READONLY_RECOVERY = 264;
    private static final int SQLITE_READONLY_ROLLBACK = 776;
    private static final int SQLITE_READONLY_CANTINIT = 1288;

    /** Work done on an open read-only connection inside a read transaction. */
    @FunctionalInterface
    interface SqlWork<T> {
        T apply(Connection connection) throws SQLException;
    }

    private final Path dbFile;
    private final ReadPolicy policy;
    private final String url;

    ReadOnlyDatabase(Path dbFile, ReadPolicy policy) {
        this.dbFile = dbFile.toAbsolutePath().normalize();
        this.policy = policy;
        this.url = jdbcUrl(this.dbFile);
    }

    /**
     * The JDBC URL: an SQLite URI filename with {@code mode=ro}. {@link Path#toUri()} percent-encodes
     * spaces, {@code #}, {@code ?}, {@code %} and non-ASCII characters, which SQLite decodes.
     */
    static String jdbcUrl(Path dbFile) {
        return "jdbc:sqlite:" + sqliteUri(dbFile.toUri()) + "?mode=ro";
    }

    /**
     * An SQLite URI filename for a {@code file:} URI. SQLite rejects an authority other than
     * {@code localhost} (sqlite.org/uri.html §3.1), so a Windows UNC path
     * ({@code file://server/share/…}) is written with an empty authority and the server in the
     * path ({@code file:////server/share/…}), which SQLite hands to Windows as {@code \\server\share\…}.
     */
    static String sqliteUri(URI fileUri) {
        String authority = fileUri.getRawAuthority();
        if (authority == null || authority.isEmpty()) {
            return "file://" + fileUri.getRawPath();
        }
        return "file:////" + authority + fileUri.getRawPath();
    }

    /**
     * Opens a read-only connection, runs {@code work} in one read transaction (one consistent
     * snapshot), closes the connection; retries the whole while the database is busy.
     *
     * @throws CalibreException {@code LOCKED} when still busy after {@link ReadPolicy#maxTotalWait()},
     *                          {@code NOT_SQLITE} when the file is not a database, else {@code UNREADABLE}
     */
    <T> T read(SqlWork<T> work) throws CalibreException {
        long start = System.nanoTime();
        AtomicInteger attempts = new AtomicInteger();
        AtomicReference<SQLException> lastBusy = new AtomicReference<>();
        RetryPolicy<T> retry = RetryPolicy.<T>builder()
                .handleIf(ReadOnlyDatabase::isBusy)
                .withBackoff(policy.initialBackoff(), policy.maxBackoff())
                .withJitter(0.25)
                .withMaxRetries(-1)
                .withMaxDuration(policy.maxTotalWait())
                .onRetry(event -> {
                    Throwable t = event.getLastException();
                    String message = t == null ? "busy" : t.getMessage();
                    LOG.debug("{} is busy (attempt {}, {} ms so far): {}; retrying", dbFile,
                            event.getAttemptCount(), event.getElapsedTime().toMillis(), message);
                    policy.listener().onBusy(event.getAttemptCount(), event.getElapsedTime(), message);
                })
                .build();
        try {
            return Failsafe.with(retry).get(() -> {
                attempts.incrementAndGet();
                try {
                    return attempt(work);
                } catch (SQLException e) {
                    if (isBusy(e)) {
                        lastBusy.set(e);
                    }
                    throw e;
                }
            });
        } catch (FailsafeException e) {
            Throwable cause = e.getCause() == null ? e : e.getCause();
            if (cause instanceof SQLException sql) {
                if (isBusy(sql)) {
                    long waited = Duration.ofNanos(System.nanoTime() - start).toMillis();
                    throw new CalibreException(CalibreException.Reason.LOCKED,
                            "The Calibre database " + dbFile + " is locked by another program (most likely"
                                    + " Calibre writing to it); gave up after " + attempts.get() + " attempts in "
                                    + waited + " ms. Try again when Calibre is idle.", sql);
                }
                throw classify(sql);
            }
            throw new CalibreException(CalibreException.Reason.UNREADABLE,
                    "Could not read the Calibre database " + dbFile + ": " + cause.getMessage(), cause);
        }
    }

    private <T> T attempt(SqlWork<T> work) throws SQLException {
        SQLiteConfig config = new SQLiteConfig();
        config.setReadOnly(true); // SQLITE_OPEN_READONLY, and never SQLITE_OPEN_CREATE
        config.setBusyTimeout((int) policy.busyTimeout().toMillis());
        try (Connection connection = config.createConnection(url)) {
            try (Statement s = connection.createStatement()) {
                s.execute("PRAGMA query_only = 1"); // connection state only; refuses any write
            }
            connection.setAutoCommit(false); // deferred BEGIN: the SHARED lock comes with the first read
            try {
                T result = work.apply(connection);
                connection.commit(); // ends the read transaction, releasing the SHARED lock
                return result;
            } catch (SQLException | RuntimeException e) {
                try {
                    connection.rollback();
                } catch (SQLException suppressed) {
                    e.addSuppressed(suppressed);
                }
                throw e;
            }
        }
    }

    /** True for the transient "someone else holds a lock" failures. */
    static boolean isBusy(Throwable t) {
        if (!(t instanceof SQLException e)) {
            return false;
        }
        int primary = extendedCode(e) & 0xFF;
        return primary == SQLITE_BUSY || primary == SQLITE_LOCKED || primary == SQLITE_PROTOCOL;
    }

    /** The extended result code where the driver reports one, else the primary code. */
    static int extendedCode(SQLException e) {
        if (e instanceof SQLiteException sqlite && sqlite.getResultCode() != null
                && sqlite.getResultCode() != SQLiteErrorCode.UNKNOWN_ERROR) {
            return sqlite.getResultCode().code;
        }
        return e.getErrorCode();
    }

    private CalibreException classify(SQLException e) {
        int extended = extendedCode(e);
        String detail = e.getMessage();
        if (extended == SQLITE_READONLY_ROLLBACK || extended == SQLITE_READONLY_RECOVERY
                || extended == SQLITE_READONLY_CANTINIT) {
            return new CalibreException(CalibreException.Reason.UNREADABLE,
                    "The Calibre database " + dbFile + " needs recovery that a read-only reader cannot do"
                            + " (an interrupted Calibre write left a journal behind: " + detail
                            + "). Open the library in Calibre once, then try again.", e);
        }
        return switch (extended & 0xFF) {
            case SQLITE_NOTADB -> new CalibreException(CalibreException.Reason.NOT_SQLITE,
                    dbFile + " is not an SQLite database, so this is not a Calibre library (" + detail + ")", e);
            case SQLITE_CORRUPT -> new CalibreException(CalibreException.Reason.UNREADABLE,
                    "The Calibre database " + dbFile + " is damaged (" + detail
                            + "). Check it with Calibre's \"Check library\".", e);
            case SQLITE_CANTOPEN -> new CalibreException(CalibreException.Reason.UNREADABLE,
                    "Cannot open the Calibre database " + dbFile + " for reading (" + detail
                            + "). Check that the file exists and is readable.", e);
            case SQLITE_READONLY -> new CalibreException(CalibreException.Reason.UNREADABLE,
                    "Refused to write to the Calibre database " + dbFile + ": this reader is read-only ("
                            + detail + ").", e);
            default -> new CalibreException(CalibreException.Reason.UNREADABLE,
                    "Could not read the Calibre database " + dbFile + ": " + detail, e);
        };
    }
}
