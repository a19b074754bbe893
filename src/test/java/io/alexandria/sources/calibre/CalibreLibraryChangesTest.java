package io.alexandria.sources.calibre;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Changes made to a copy of the corpus library with plain JDBC writes, as Calibre would make them. */
class CalibreLibraryChangesTest {
    @TempDir
    Path temp;

    private Path lib;
    private CalibreLibrary library;

    @BeforeEach
    void openCopy() throws Exception {
        lib = CalibreTestDb.writableLibraryCopy(temp);
        library = CalibreLibrary.open(lib);
    }

    @Test
    void aTitleChangeShowsAndChangesOnlyThatBooksMetadataHash() throws Exception {
        Map<Long, CalibreBook> before = library.read().byId();

        CalibreTestDb.write(lib, "UPDATE books SET title = 'The Great Gatsby (Revised)' WHERE id = 1");

        Map<Long, CalibreBook> after = library.read().byId();
        assertEquals("The Great Gatsby (Revised)", after.get(1L).title());
        assertNotEquals(before.get(1L).metadataHash(), after.get(1L).metadataHash());
        assertEquals(before.get(2L).metadataHash(), after.get(2L).metadataHash());
        assertEquals(before.get(3L).metadataHash(), after.get(3L).metadataHash());
    }

    @Test
    void changesOutsideThePayloadFieldsKeepTheMetadataHash() throws Exception {
        CalibreBook before = library.book(3).orElseThrow();

        CalibreTestDb.write(lib, "UPDATE books SET last_modified = '2030-01-01 00:00:00+00:00' WHERE id = 3");
        CalibreTestDb.write(lib, "UPDATE comments SET text = '<p>New blurb</p>' WHERE book = 3");

        CalibreBook after = library.book(3).orElseThrow();
        assertEquals("2030-01-01 00:00:00+00:00", after.lastModified());
        assertEquals("New blurb", after.comments());
        assertEquals(before.metadataHash(), after.metadataHash());
    }

    @Test
    void tagSeriesIdentifierAndLanguageChangesShowAndChangeTheHash() throws Exception {
        CalibreBook before = library.book(3).orElseThrow();
        try (Connection c = CalibreTestDb.writer(lib); Statement s = c.createStatement()) {
            s.executeUpdate("INSERT INTO tags (id, name) VALUES (100, 'Classics')");
            s.executeUpdate("INSERT INTO books_tags_link (book, tag) VALUES (3, 100)");
            s.executeUpdate("INSERT INTO series (id, name) VALUES (1, 'Wells Novels')");
            s.executeUpdate("INSERT INTO books_series_link (book, series) VALUES (3, 1)");
            s.executeUpdate("UPDATE books SET series_index = 2.5 WHERE id = 3");
            s.executeUpdate("INSERT INTO identifiers (book, type, val) VALUES (3, 'isbn', '9780000000000')");
            s.executeUpdate("INSERT INTO languages (id, lang_code) VALUES (2, 'deu')");
            s.executeUpdate("INSERT INTO books_languages_link (book, lang_code, item_order) VALUES (3, 2, 1)");
        }

        CalibreBook after = library.book(3).orElseThrow();
        assertEquals(List.of("Time travel--Fiction", "Classics"), after.tags());
        assertEquals("Wells Novels", after.series());
        assertEquals(2.5, after.seriesIndex());
        assertEquals(Map.of("isbn", "9780000000000"), after.identifiers());
        assertEquals(List.of("eng", "deu"), after.languages());
        assertEquals("en", after.language());
        assertNotEquals(before.metadataHash(), after.metadataHash());
        assertEquals(after, library.books().get(2), "book(id) and books() agree");
    }

    @Test
    void aDeletedBookDisappears() throws Exception {
        try (Connection c = CalibreTestDb.writer(lib); Statement s = c.createStatement()) {
            c.setAutoCommit(false);
            for (String table : List.of("books_authors_link", "books_tags_link", "books_languages_link",
                    "books_publishers_link", "comments", "data")) {
                s.executeUpdate("DELETE FROM " + table + " WHERE book = 2");
            }
            s.executeUpdate("DELETE FROM books WHERE id = 2");
            c.commit();
        }

        assertEquals(List.of(1L, 3L), library.books().stream().map(CalibreBook::id).toList());
        assertTrue(library.book(2).isEmpty());
    }

    @Test
    void aNewFormatRowAppearsAndItsMissingFileIsReported() throws Exception {
        CalibreTestDb.write(lib, "INSERT INTO data (book, format, uncompressed_size, name)"
                + " VALUES (1, 'PDF', 1234, 'The Great Gatsby - F. Scott Fitzgerald')");

        CalibreBook gatsby = library.book(1).orElseThrow();
        assertEquals(List.of("EPUB", "PDF"), gatsby.formats().stream().map(BookFormat::format).toList());
        BookFormat pdf = gatsby.format("PDF").orElseThrow();
        assertEquals(lib.toAbsolutePath().resolve("F. Scott Fitzgerald/The Great Gatsby (1)")
                .resolve("The Great Gatsby - F. Scott Fitzgerald.pdf"), pdf.file());
        assertEquals(1234, pdf.uncompressedSize());
        assertFalse(pdf.exists());
        assertEquals("EPUB", FormatPreference.defaults().choose(gatsby, f -> true).orElseThrow().format());
        assertTrue(FormatPreference.defaults().choose(gatsby, f -> f.format().equals("PDF")).isEmpty());
    }

    @Test
    void theFingerprintChangesWithAWriteAndNotWithAReadOrTime() throws Exception {
        DbFingerprint first = library.fingerprint();
        library.books();
        assertEquals(first, library.fingerprint());
        assertEquals(first, library.read().fingerprint());

        CalibreTestDb.write(lib, "UPDATE books SET flags = 2 WHERE id = 1");

        DbFingerprint second = library.fingerprint();
        assertNotEquals(first, second);
        assertEquals(first.changeCounter() + 1, second.changeCounter(), "the SQLite change counter moved");
        assertEquals(first.dbSize(), second.dbSize(), "same size: only the counter and mtime tell");
        assertEquals(0, second.walSize());
    }

    @Test
    void aWalModeLibraryIsReadIncludingCommitsStillInTheWalAndTheFingerprintFollowsTheWal() throws Exception {
        try (Connection c = CalibreTestDb.writer(lib); Statement s = c.createStatement()) {
            s.execute("PRAGMA journal_mode = WAL");
        }
        String dbBytes = CalibreTestDb.sha256(lib.resolve("metadata.db"));
        try (Connection calibre = CalibreTestDb.writer(lib); Statement s = calibre.createStatement()) {
            s.execute("PRAGMA wal_autocheckpoint = 0"); // commits stay in metadata.db-wal
            s.executeUpdate("UPDATE books SET title = 'In the WAL' WHERE id = 3");
            DbFingerprint first = library.fingerprint();
            assertTrue(first.walSize() > 0, first.toString());

            assertEquals("In the WAL", library.book(3).orElseThrow().title());
            assertEquals(3, library.books().size());
            assertEquals(first, library.fingerprint(), "reading changed nothing");

            s.executeUpdate("UPDATE books SET title = 'Again' WHERE id = 3");
            DbFingerprint second = library.fingerprint();
            assertNotEquals(first, second);
            assertTrue(second.walSize() > first.walSize());
            assertEquals("Again", library.book(3).orElseThrow().title());
            assertEquals(dbBytes, CalibreTestDb.sha256(lib.resolve("metadata.db")), "the reader ran no checkpoint");
        }
    }
}
