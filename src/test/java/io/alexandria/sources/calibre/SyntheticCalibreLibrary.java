package io.alexandria.sources.calibre;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.UUID;

/**
 * Generates a synthetic Calibre {@code metadata.db} with the subset of calibre's schema that
 * {@link BookReader} reads (the DDL is calibre 6.13's, as found in the corpus library, without the
 * triggers that need calibre's SQL functions). Deterministic for a seed. No book files are created.
 */
final class SyntheticCalibreLibrary {
    static final List<String> DDL = List.of(
            """
            CREATE TABLE books ( id INTEGER PRIMARY KEY AUTOINCREMENT,
                title TEXT NOT NULL DEFAULT 'Unknown' COLLATE NOCASE, sort TEXT COLLATE NOCASE,
                timestamp TIMESTAMP DEFAULT CURRENT_TIMESTAMP, pubdate TIMESTAMP DEFAULT CURRENT_TIMESTAMP,
                series_index REAL NOT NULL DEFAULT 1.0, author_sort TEXT COLLATE NOCASE,
                isbn TEXT DEFAULT "" COLLATE NOCASE, lccn TEXT DEFAULT "" COLLATE NOCASE,
                path TEXT NOT NULL DEFAULT "", flags INTEGER NOT NULL DEFAULT 1, uuid TEXT,
                has_cover BOOL DEFAULT 0, last_modified TIMESTAMP NOT NULL DEFAULT "2000-01-01 00:00:00+00:00")""",
            "CREATE TABLE authors ( id INTEGER PRIMARY KEY, name TEXT NOT NULL COLLATE NOCASE,"
                    + " sort TEXT COLLATE NOCASE, link TEXT NOT NULL DEFAULT \"\", UNIQUE(name))",
            "CREATE TABLE books_authors_link ( id INTEGER PRIMARY KEY, book INTEGER NOT NULL,"
                    + " author INTEGER NOT NULL, UNIQUE(book, author))",
            "CREATE TABLE data ( id INTEGER PRIMARY KEY, book INTEGER NOT NULL, format TEXT NOT NULL COLLATE NOCASE,"
                    + " uncompressed_size INTEGER NOT NULL, name TEXT NOT NULL, UNIQUE(book, format))",
            "CREATE TABLE languages ( id INTEGER PRIMARY KEY, lang_code TEXT NOT NULL COLLATE NOCASE, UNIQUE(lang_code))",
            "CREATE TABLE books_languages_link ( id INTEGER PRIMARY KEY, book INTEGER NOT NULL,"
                    + " lang_code INTEGER NOT NULL, item_order INTEGER NOT NULL DEFAULT 0, UNIQUE(book, lang_code))",
            "CREATE TABLE identifiers ( id INTEGER PRIMARY KEY, book INTEGER NOT NULL,"
                    + " type TEXT NOT NULL DEFAULT \"isbn\" COLLATE NOCASE, val TEXT NOT NULL COLLATE NOCASE,"
                    + " UNIQUE(book, type))",
            "CREATE TABLE library_id ( id INTEGER PRIMARY KEY, uuid TEXT NOT NULL, UNIQUE(uuid))",
            "CREATE TABLE comments ( id INTEGER PRIMARY KEY, book INTEGER NOT NULL,"
                    + " text TEXT NOT NULL COLLATE NOCASE, UNIQUE(book))",
            "CREATE TABLE tags ( id INTEGER PRIMARY KEY, name TEXT NOT NULL COLLATE NOCASE, UNIQUE (name))",
            "CREATE TABLE books_tags_link ( id INTEGER PRIMARY KEY, book INTEGER NOT NULL, tag INTEGER NOT NULL,"
                    + " UNIQUE(book, tag))",
            "CREATE TABLE publishers ( id INTEGER PRIMARY KEY, name TEXT NOT NULL COLLATE NOCASE, sort TEXT COLLATE NOCASE,"
                    + " UNIQUE(name))",
            "CREATE TABLE books_publishers_link ( id INTEGER PRIMARY KEY, book INTEGER NOT NULL,"
                    + " publisher INTEGER NOT NULL, UNIQUE(book))",
            "CREATE TABLE series ( id INTEGER PRIMARY KEY, name TEXT NOT NULL COLLATE NOCASE, sort TEXT COLLATE NOCASE,"
                    + " UNIQUE (name))",
            "CREATE TABLE books_series_link ( id INTEGER PRIMARY KEY, book INTEGER NOT NULL, series INTEGER NOT NULL,"
                    + " UNIQUE(book))",
            "CREATE INDEX books_authors_link_aidx ON books_authors_link (author)",
            "CREATE INDEX books_authors_link_bidx ON books_authors_link (book)",
            "CREATE INDEX books_languages_link_aidx ON books_languages_link (lang_code)",
            "CREATE INDEX books_languages_link_bidx ON books_languages_link (book)",
            "CREATE INDEX books_publishers_link_aidx ON books_publishers_link (publisher)",
            "CREATE INDEX books_publishers_link_bidx ON books_publishers_link (book)",
            "CREATE INDEX books_series_link_aidx ON books_series_link (series)",
            "CREATE INDEX books_series_link_bidx ON books_series_link (book)",
            "CREATE INDEX books_tags_link_aidx ON books_tags_link (tag)",
            "CREATE INDEX books_tags_link_bidx ON books_tags_link (book)",
            "CREATE INDEX comments_idx ON comments (book)",
            "CREATE INDEX data_idx ON data (book)",
            "CREATE INDEX formats_idx ON data (format)");

    private static final String[] FORMATS = {"EPUB", "PDF", "MOBI", "AZW3", "TXT"};
    private static final String[] LANGUAGES = {"eng", "deu", "fra", "spa", "ita"};

    /** Row counts of what was generated, for checks. */
    record Counts(int books, int authorLinks, int tagLinks, int languageLinks, int formats, int identifiers,
            int series, int publishers, int comments) {
    }

    private SyntheticCalibreLibrary() {
    }

    /** Creates {@code dir/metadata.db} with {@code bookCount} books; {@code dir} must not hold one. */
    static Counts create(Path dir, int bookCount, long seed) throws Exception {
        Files.createDirectories(dir);
        Random random = new Random(seed);
        int authorPool = Math.max(1, bookCount / 3);
        int tagPool = Math.max(1, Math.min(2000, bookCount));
        int seriesPool = Math.max(1, bookCount / 10);
        int publisherPool = Math.max(1, Math.min(500, bookCount));
        int authorLinks = 0;
        int tagLinks = 0;
        int languageLinks = 0;
        int formats = 0;
        int identifiers = 0;
        int series = 0;
        int publishers = 0;
        int comments = 0;
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("metadata.db"))) {
            try (Statement s = c.createStatement()) {
                s.execute("PRAGMA synchronous = OFF");
                for (String ddl : DDL) {
                    s.execute(ddl);
                }
            }
            c.setAutoCommit(false);
            try (PreparedStatement id = c.prepareStatement("INSERT INTO library_id (uuid) VALUES (?)")) {
                id.setString(1, new UUID(random.nextLong(), random.nextLong()).toString());
                id.executeUpdate();
            }
            insertNames(c, "INSERT INTO authors (id, name, sort) VALUES (?, ?, ?)", authorPool, "Author");
            insertNames(c, "INSERT INTO tags (id, name) VALUES (?, ?)", tagPool, "Tag");
            insertNames(c, "INSERT INTO series (id, name, sort) VALUES (?, ?, ?)", seriesPool, "Series");
            insertNames(c, "INSERT INTO publishers (id, name, sort) VALUES (?, ?, ?)", publisherPool, "Publisher");
            try (PreparedStatement lang = c.prepareStatement("INSERT INTO languages (id, lang_code) VALUES (?, ?)")) {
                for (int i = 0; i < LANGUAGES.length; i++) {
                    lang.setInt(1, i + 1);
                    lang.setString(2, LANGUAGES[i]);
                    lang.addBatch();
                }
                lang.executeBatch();
            }
            try (PreparedStatement book = c.prepareStatement("INSERT INTO books (id, title, sort, timestamp, pubdate,"
                    + " series_index, author_sort, path, uuid, has_cover, last_modified) VALUES (?,?,?,?,?,?,?,?,?,?,?)");
                    PreparedStatement bal = c.prepareStatement("INSERT INTO books_authors_link (book, author) VALUES (?, ?)");
                    PreparedStatement btl = c.prepareStatement("INSERT INTO books_tags_link (book, tag) VALUES (?, ?)");
                    PreparedStatement bll = c.prepareStatement(
                            "INSERT INTO books_languages_link (book, lang_code, item_order) VALUES (?, ?, ?)");
                    PreparedStatement data = c.prepareStatement(
                            "INSERT INTO data (book, format, uncompressed_size, name) VALUES (?, ?, ?, ?)");
                    PreparedStatement idf = c.prepareStatement("INSERT INTO identifiers (book, type, val) VALUES (?, ?, ?)");
                    PreparedStatement bsl = c.prepareStatement("INSERT INTO books_series_link (book, series) VALUES (?, ?)");
                    PreparedStatement bpl = c.prepareStatement(
                            "INSERT INTO books_publishers_link (book, publisher) VALUES (?, ?)");
                    PreparedStatement com = c.prepareStatement("INSERT INTO comments (book, text) VALUES (?, ?)")) {
                for (int id = 1; id <= bookCount; id++) {
                    String title = "Synthetic Book " + id + " of a Rather Long Title";
                    Set<Integer> authors = pick(random, authorPool, 1 + random.nextInt(3));
                    int firstAuthor = authors.iterator().next();
                    String path = "Author " + firstAuthor + "/" + title + " (" + id + ")";
                    book.setInt(1, id);
                    book.setString(2, title);
                    book.setString(3, title);
                    book.setString(4, "2024-03-0" + (1 + id % 9) + " 10:11:12.123456+00:00");
                    book.setString(5, (1900 + id % 120) + "-06-15 00:00:00+00:00");
                    book.setDouble(6, 1 + id % 7);
                    book.setString(7, "Author, " + firstAuthor);
                    book.setString(8, path);
                    book.setString(9, new UUID(random.nextLong(), random.nextLong()).toString());
                    book.setInt(10, id % 5 == 0 ? 0 : 1);
                    book.setString(11, "2025-01-01 00:00:00+00:00");
                    book.addBatch();
                    for (int a : authors) {
                        link(bal, id, a);
                        authorLinks++;
                    }
                    for (int t : pick(random, tagPool, random.nextInt(9))) {
                        link(btl, id, t);
                        tagLinks++;
                    }
                    int order = 0;
                    for (int l : pick(random, LANGUAGES.length, 1 + (random.nextInt(10) == 0 ? 1 : 0))) {
                        bll.setInt(1, id);
                        bll.setInt(2, l);
                        bll.setInt(3, order++);
                        bll.addBatch();
                        languageLinks++;
                    }
                    for (int f : pick(random, FORMATS.length, 1 + random.nextInt(3))) {
                        data.setInt(1, id);
                        data.setString(2, FORMATS[f - 1]);
                        data.setLong(3, 100_000 + random.nextInt(5_000_000));
                        data.setString(4, title + " - Author " + firstAuthor);
                        data.addBatch();
                        formats++;
                    }
                    if (random.nextInt(10) < 7) {
                        identify(idf, id, "isbn", "978" + (1_000_000_000L + random.nextInt(1_000_000_000)));
                        identifiers++;
                    }
                    if (random.nextInt(10) < 3) {
                        identify(idf, id, "goodreads", Integer.toString(random.nextInt(10_000_000)));
                        identifiers++;
                    }
                    if (random.nextInt(10) < 4) {
                        link(bsl, id, 1 + random.nextInt(seriesPool));
                        series++;
                    }
                    if (random.nextInt(10) < 9) {
                        link(bpl, id, 1 + random.nextInt(publisherPool));
                        publishers++;
                    }
                    int kind = random.nextInt(10);
                    if (kind < 9) {
                        com.setInt(1, id);
                        com.setString(2, kind < 8 ? htmlComment(id) : "A plain comment about book " + id + ".");
                        com.addBatch();
                        comments++;
                    }
                    if (id % 1000 == 0) {
                        for (PreparedStatement ps : List.of(book, bal, btl, bll, data, idf, bsl, bpl, com)) {
                            ps.executeBatch();
                        }
                    }
                }
                for (PreparedStatement ps : List.of(book, bal, btl, bll, data, idf, bsl, bpl, com)) {
                    ps.executeBatch();
                }
            }
            c.commit();
        }
        return new Counts(bookCount, authorLinks, tagLinks, languageLinks, formats, identifiers, series, publishers,
                comments);
    }

    private static String htmlComment(int id) {
        return "<div><p><i>Synthetic Book " + id + "</i> is a novel about the sea, the city and the people"
                + " who live between them; it was <b>widely read</b> in its day &amp; is still in print.</p>"
                + "<p>This second paragraph pads the description to the length of a real blurb, with a"
                + " <a href=\"https://example.org/" + id + "\">link</a>, an em dash — and “typographic quotes”."
                + " Readers who liked it also liked many other books of the same kind.</p></div>";
    }

    private static void insertNames(Connection c, String sql, int count, String prefix) throws SQLException {
        boolean hasSort = sql.contains("sort");
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 1; i <= count; i++) {
                ps.setInt(1, i);
                ps.setString(2, prefix + " " + i);
                if (hasSort) {
                    ps.setString(3, prefix + ", " + i);
                }
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }

    private static void link(PreparedStatement ps, int book, int other) throws SQLException {
        ps.setInt(1, book);
        ps.setInt(2, other);
        ps.addBatch();
    }

    private static void identify(PreparedStatement ps, int book, String type, String val) throws SQLException {
        ps.setInt(1, book);
        ps.setString(2, type);
        ps.setString(3, val);
        ps.addBatch();
    }

    /** {@code n} distinct values in 1..pool (fewer when the pool is smaller), in pick order. */
    private static Set<Integer> pick(Random random, int pool, int n) {
        Set<Integer> picked = new LinkedHashSet<>();
        int want = Math.min(n, pool);
        while (picked.size() < want) {
            picked.add(1 + random.nextInt(pool));
        }
        return picked;
    }

    /** A list of the ids 1..n, for tests. */
    static List<Long> ids(int n) {
        List<Long> ids = new ArrayList<>(n);
        for (long i = 1; i <= n; i++) {
            ids.add(i);
        }
        return ids;
    }
}
