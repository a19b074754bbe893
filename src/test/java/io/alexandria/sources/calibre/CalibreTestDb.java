package io.alexandria.sources.calibre;

import io.alexandria.testsupport.Corpus;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HexFormat;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Stream;
import org.sqlite.Function;
import org.sqlite.SQLiteConfig;

/** Test helpers: writable copies of the corpus library and plain JDBC access that plays "Calibre". */
public final class CalibreTestDb {
    private CalibreTestDb() {
    }

    /** Copies the corpus library into {@code tempDir/name} (files keep the corpus's read-only modes). */
    public static Path libraryCopy(Path tempDir, String name) {
        return Corpus.copyCalibreLibrary(tempDir.resolve(name));
    }

    /** Copies the corpus library and makes the copy writable by its owner, for tests that change it. */
    public static Path writableLibraryCopy(Path tempDir) {
        Path copy = libraryCopy(tempDir, "library");
        try (Stream<Path> all = Files.walk(copy)) {
            for (Path p : all.toList()) {
                PosixFileAttributeView view = Files.getFileAttributeView(p, PosixFileAttributeView.class);
                if (view != null) {
                    Set<PosixFilePermission> perms = view.readAttributes().permissions();
                    perms.add(PosixFilePermission.OWNER_WRITE);
                    view.setPermissions(perms);
                } else if (!p.toFile().setWritable(true)) {
                    throw new IOException("cannot make writable: " + p);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return copy;
    }

    /**
     * A read-write connection that plays a running Calibre: it registers stubs of calibre's SQL
     * functions {@code title_sort} and {@code uuid4}, which the library's triggers call on writes
     * ({@code src/test/corpus/README.md} section C). Busy timeout 0: it never waits.
     */
    public static Connection writer(Path libraryDir) throws SQLException {
        Connection c = DriverManager.getConnection("jdbc:sqlite:" + libraryDir.resolve("metadata.db"));
        Function.create(c, "title_sort", new Function() {
            @Override
            protected void xFunc() throws SQLException {
                result(value_text(0));
            }
        });
        Function.create(c, "uuid4", new Function() {
            @Override
            protected void xFunc() throws SQLException {
                result(UUID.randomUUID().toString());
            }
        });
        return c;
    }

    /** Runs one write statement on a fresh writer connection (autocommit). */
    public static void write(Path libraryDir, String sql) throws SQLException {
        try (Connection c = writer(libraryDir); Statement s = c.createStatement()) {
            s.executeUpdate(sql);
        }
    }

    /** The first column of the first row of {@code sql}, read independently of the code under test. */
    public static String queryString(Path libraryDir, String sql) throws SQLException {
        SQLiteConfig config = new SQLiteConfig();
        config.setReadOnly(true);
        try (Connection c = config.createConnection("jdbc:sqlite:" + libraryDir.resolve("metadata.db"));
                Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            return rs.next() ? rs.getString(1) : null;
        }
    }

    /** SHA-256 of a file's bytes, hex. */
    static String sha256(Path file) throws IOException, NoSuchAlgorithmException {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
    }

    /** A read policy with small bounds for fast tests. */
    static ReadPolicy fastPolicy(java.time.Duration maxTotalWait, ReadPolicy.BusyListener listener) {
        return new ReadPolicy(java.time.Duration.ofMillis(20), java.time.Duration.ofMillis(10),
                java.time.Duration.ofMillis(40), maxTotalWait, listener);
    }
}
