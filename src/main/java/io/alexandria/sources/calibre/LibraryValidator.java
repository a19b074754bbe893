package io.alexandria.sources.calibre;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The checks that tell a Calibre library folder from anything else, each failing with a
 * {@link CalibreException} whose message the settings pane can show.
 */
final class LibraryValidator {
    /** The first 16 bytes of every SQLite 3 database (sqlite.org/fileformat.html §1.3.1). */
    private static final byte[] SQLITE_HEADER = "SQLite format 3\0".getBytes(StandardCharsets.US_ASCII);

    /**
     * The tables this package reads; all exist in every calibre library since 0.8
     * ({@code src/test/corpus/README.md} section C).
     */
    static final List<String> REQUIRED_TABLES = List.of("books", "authors", "books_authors_link", "data",
            "library_id", "languages", "books_languages_link", "identifiers", "comments", "tags",
            "books_tags_link", "publishers", "books_publishers_link", "series", "books_series_link");

    /** What opening learnt from the database. */
    record OpenInfo(Set<String> tables, String libraryId, long bookCount) {
    }

    private LibraryValidator() {
    }

    /**
     * Checks the folder and that it holds a regular {@code metadata.db}.
     *
     * @return the {@code metadata.db} path
     * @throws CalibreException {@code FOLDER_MISSING}, {@code NOT_A_FOLDER} or {@code NO_METADATA_DB}
     */
    static Path checkFolder(Path libraryDir) throws CalibreException {
        if (!Files.exists(libraryDir)) {
            throw new CalibreException(CalibreException.Reason.FOLDER_MISSING,
                    "The folder " + libraryDir + " does not exist (is the drive holding it connected?).");
        }
        if (!Files.isDirectory(libraryDir)) {
            throw new CalibreException(CalibreException.Reason.NOT_A_FOLDER,
                    libraryDir + " is a file, not a folder. Choose the Calibre library folder, the one that"
                            + " holds metadata.db.");
        }
        Path db = libraryDir.resolve(CalibreLibrary.METADATA_DB);
        if (!Files.exists(db)) {
            throw new CalibreException(CalibreException.Reason.NO_METADATA_DB,
                    "Not a Calibre library: " + libraryDir + " has no " + CalibreLibrary.METADATA_DB
                            + ". Choose the Calibre library folder, the one that holds metadata.db.");
        }
        if (!Files.isRegularFile(db)) {
            throw new CalibreException(CalibreException.Reason.NO_METADATA_DB,
                    "Not a Calibre library: " + db + " is not a regular file.");
        }
        return db;
    }

    /**
     * Checks the SQLite header without opening a connection.
     *
     * @throws CalibreException {@code NOT_SQLITE} when the header is wrong or the file is too short,
     *                          {@code UNREADABLE} when it cannot be read
     */
    static void checkHeader(Path db) throws CalibreException {
        byte[] head;
        try (InputStream in = Files.newInputStream(db)) {
            head = in.readNBytes(SQLITE_HEADER.length);
        } catch (IOException e) {
            throw new CalibreException(CalibreException.Reason.UNREADABLE,
                    "Cannot read " + db + ": " + e.getMessage(), e);
        }
        if (!Arrays.equals(head, SQLITE_HEADER)) {
            throw new CalibreException(CalibreException.Reason.NOT_SQLITE,
                    "Not a Calibre library: " + db + (head.length == 0 ? " is empty" : " is not an SQLite database")
                            + ", so it cannot be Calibre's metadata.db.");
        }
    }

    /** Reads the table names, the library id and the number of books (one read transaction). */
    static OpenInfo inspect(Connection c) throws SQLException {
        Set<String> tables = new HashSet<>();
        try (Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT name FROM sqlite_master WHERE type = 'table'")) {
            while (rs.next()) {
                tables.add(rs.getString(1).toLowerCase(Locale.ROOT));
            }
        }
        if (!tables.containsAll(REQUIRED_TABLES)) {
            return new OpenInfo(tables, null, 0);
        }
        return new OpenInfo(tables, readLibraryId(c), count(c));
    }

    /**
     * Checks what {@link #inspect} found.
     *
     * @throws CalibreException {@code NOT_CALIBRE_SCHEMA} naming the missing tables, or when there is
     *                          no library id
     */
    static void checkSchema(Path db, OpenInfo info) throws CalibreException {
        List<String> missing = REQUIRED_TABLES.stream().filter(t -> !info.tables().contains(t)).toList();
        if (!missing.isEmpty()) {
            throw new CalibreException(CalibreException.Reason.NOT_CALIBRE_SCHEMA,
                    "Not a Calibre library: " + db + " is an SQLite database but not Calibre's (missing table"
                            + (missing.size() == 1 ? " " : "s ") + String.join(", ", missing) + ").");
        }
        if (info.libraryId() == null || info.libraryId().isBlank()) {
            throw new CalibreException(CalibreException.Reason.NOT_CALIBRE_SCHEMA,
                    "Not a usable Calibre library: " + db + " has no library id (table library_id is empty).");
        }
    }

    /** {@code library_id.uuid} (one row in a calibre library), or null when the table is empty. */
    static String readLibraryId(Connection c) throws SQLException {
        try (Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT uuid FROM library_id ORDER BY id LIMIT 1")) {
            return rs.next() ? rs.getString(1) : null;
        }
    }

    private static long count(Connection c) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT count(*) FROM books")) {
            return rs.next() ? rs.getLong(1) : 0;
        }
    }
}
