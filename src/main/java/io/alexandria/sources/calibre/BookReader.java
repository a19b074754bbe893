package io.alexandria.sources.calibre;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalLong;

/**
 * Reads books from calibre's base tables with one set-based query per table (nine in all, whatever
 * the number of books), never one query per book, and assembles {@link CalibreBook}s. Table and
 * column names: {@code src/test/corpus/README.md} section C.
 */
final class BookReader {
    private static final String BOOKS = "SELECT id, uuid, title, author_sort, series_index, pubdate, timestamp,"
            + " last_modified, path, has_cover FROM books%s ORDER BY id";
    private static final String AUTHORS = "SELECT l.book, a.name FROM books_authors_link l"
            + " JOIN authors a ON a.id = l.author%s ORDER BY l.id";
    /** {@code books_languages_link.lang_code} is a foreign key to {@code languages.id}, not a code. */
    private static final String LANGUAGES = "SELECT l.book, g.lang_code FROM books_languages_link l"
            + " JOIN languages g ON g.id = l.lang_code%s ORDER BY l.item_order, l.id";
    private static final String IDENTIFIERS = "SELECT l.book, l.type, l.val FROM identifiers l%s ORDER BY l.id";
    private static final String TAGS = "SELECT l.book, t.name FROM books_tags_link l"
            + " JOIN tags t ON t.id = l.tag%s ORDER BY l.id";
    private static final String SERIES = "SELECT l.book, s.name FROM books_series_link l"
            + " JOIN series s ON s.id = l.series%s ORDER BY l.id";
    private static final String PUBLISHERS = "SELECT l.book, p.name FROM books_publishers_link l"
            + " JOIN publishers p ON p.id = l.publisher%s ORDER BY l.id";
    private static final String COMMENTS = "SELECT l.book, l.text FROM comments l%s";
    private static final String DATA = "SELECT l.book, l.format, l.name, l.uncompressed_size FROM data l%s ORDER BY l.id";

    private final Path libraryDir;

    BookReader(Path libraryDir) {
        this.libraryDir = libraryDir;
    }

    /**
     * Reads all books, or only {@code onlyBook} when present, in ascending id order. Call inside
     * one read transaction so that the nine queries see one snapshot.
     */
    List<CalibreBook> read(Connection c, OptionalLong onlyBook) throws SQLException {
        Map<Long, Row> rows = new LinkedHashMap<>();
        String booksFilter = onlyBook.isPresent() ? " WHERE id = ?" : "";
        String linkFilter = onlyBook.isPresent() ? " WHERE l.book = ?" : "";
        try (PreparedStatement ps = prepare(c, BOOKS, booksFilter, onlyBook); ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                Row row = new Row();
                row.id = rs.getLong(1);
                row.uuid = rs.getString(2);
                row.title = rs.getString(3);
                row.authorSort = rs.getString(4);
                double index = rs.getDouble(5);
                row.seriesIndex = rs.wasNull() ? null : index;
                row.pubdate = rs.getString(6);
                row.timestamp = rs.getString(7);
                row.lastModified = rs.getString(8);
                row.path = rs.getString(9);
                row.hasCover = rs.getBoolean(10);
                rows.put(row.id, row);
            }
        }
        if (rows.isEmpty()) {
            return List.of();
        }
        forEach(c, AUTHORS, linkFilter, onlyBook, rows, (row, rs) -> row.authors.add(rs.getString(2)));
        forEach(c, LANGUAGES, linkFilter, onlyBook, rows, (row, rs) -> row.languages.add(rs.getString(2)));
        forEach(c, IDENTIFIERS, linkFilter, onlyBook, rows,
                (row, rs) -> row.identifiers.putIfAbsent(rs.getString(2), rs.getString(3)));
        forEach(c, TAGS, linkFilter, onlyBook, rows, (row, rs) -> row.tags.add(rs.getString(2)));
        forEach(c, SERIES, linkFilter, onlyBook, rows, (row, rs) -> {
            if (row.series == null) {
                row.series = rs.getString(2);
            }
        });
        forEach(c, PUBLISHERS, linkFilter, onlyBook, rows, (row, rs) -> {
            if (row.publisher == null) {
                row.publisher = rs.getString(2);
            }
        });
        forEach(c, COMMENTS, linkFilter, onlyBook, rows, (row, rs) -> row.comments = rs.getString(2));
        forEach(c, DATA, linkFilter, onlyBook, rows, (row, rs) -> row.formats.add(
                new RawFormat(rs.getString(2), rs.getString(3), rs.getLong(4))));
        List<CalibreBook> books = new ArrayList<>(rows.size());
        for (Row row : rows.values()) {
            books.add(row.toBook(libraryDir));
        }
        return books;
    }

    /** The absolute folder of a book: {@code books.path} split on {@code /}, resolved segment by segment. */
    static Path bookFolder(Path libraryDir, String storedPath) {
        Path folder = libraryDir;
        for (String segment : storedPath.split("/")) {
            // "." and ".." never occur in calibre paths; dropping them keeps every file inside the library
            if (!segment.isEmpty() && !segment.equals(".") && !segment.equals("..")) {
                folder = folder.resolve(segment);
            }
        }
        return folder;
    }

    private static PreparedStatement prepare(Connection c, String template, String filter, OptionalLong onlyBook)
            throws SQLException {
        PreparedStatement ps = c.prepareStatement(template.formatted(filter));
        try {
            if (onlyBook.isPresent()) {
                ps.setLong(1, onlyBook.getAsLong());
            }
            ps.setFetchSize(1000);
            return ps;
        } catch (SQLException e) {
            ps.close();
            throw e;
        }
    }

    @FunctionalInterface
    private interface RowConsumer {
        void accept(Row row, ResultSet rs) throws SQLException;
    }

    private static void forEach(Connection c, String template, String filter, OptionalLong onlyBook,
            Map<Long, Row> rows, RowConsumer consumer) throws SQLException {
        try (PreparedStatement ps = prepare(c, template, filter, onlyBook); ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                Row row = rows.get(rs.getLong(1));
                if (row != null) { // link rows of a book that is gone are ignored
                    consumer.accept(row, rs);
                }
            }
        }
    }

    private record RawFormat(String format, String name, long size) {
    }

    /** A book being assembled from the rows of several queries. */
    private static final class Row {
        long id;
        String uuid;
        String title;
        String authorSort;
        Double seriesIndex;
        String pubdate;
        String timestamp;
        String lastModified;
        String path;
        boolean hasCover;
        String series;
        String publisher;
        String comments;
        final List<String> authors = new ArrayList<>(2);
        final List<String> languages = new ArrayList<>(1);
        final Map<String, String> identifiers = new HashMap<>(4);
        final List<String> tags = new ArrayList<>(4);
        final List<RawFormat> formats = new ArrayList<>(2);

        CalibreBook toBook(Path libraryDir) {
            String storedPath = path == null ? "" : path;
            Path folder = bookFolder(libraryDir, storedPath);
            List<BookFormat> files = new ArrayList<>(formats.size());
            for (RawFormat f : formats) {
                String extension = f.format().strip().toLowerCase(Locale.ROOT);
                files.add(new BookFormat(f.format(), f.name(), f.size(), folder.resolve(f.name() + "." + extension)));
            }
            String language = languages.isEmpty() ? null : IsoLanguages.toIso639_1(languages.getFirst());
            return new CalibreBook(id, uuid, title == null ? "" : title, authors, authorSort, languages, language,
                    identifiers, tags, series, series == null ? null : seriesIndex, publisher, pubdate, timestamp,
                    lastModified, CommentsText.toPlainText(comments), storedPath, hasCover, files);
        }
    }
}
