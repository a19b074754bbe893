package io.alexandria.sources.calibre;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.alexandria.sources.calibre.CalibreException.Reason;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Folders that are not Calibre libraries give clear errors, for the settings pane. */
class CalibreLibraryValidationTest {
    @TempDir
    Path temp;

    @Test
    void aMissingFolder() {
        Path missing = temp.resolve("nowhere");
        CalibreException e = assertThrows(CalibreException.class, () -> CalibreLibrary.open(missing));
        assertEquals(Reason.FOLDER_MISSING, e.reason());
        assertTrue(e.reason().notALibrary());
        assertTrue(e.getMessage().contains("does not exist"), e.getMessage());
        assertTrue(e.getMessage().contains(missing.toString()), e.getMessage());
        assertCheckFails(missing, Reason.FOLDER_MISSING);
    }

    @Test
    void aFileInsteadOfAFolder() throws Exception {
        Path file = Files.writeString(temp.resolve("metadata.db"), "x");
        CalibreException e = assertThrows(CalibreException.class, () -> CalibreLibrary.open(file));
        assertEquals(Reason.NOT_A_FOLDER, e.reason());
        assertTrue(e.getMessage().contains("not a folder"), e.getMessage());
    }

    @Test
    void anEmptyFolder() {
        CalibreException e = assertThrows(CalibreException.class, () -> CalibreLibrary.open(temp));
        assertEquals(Reason.NO_METADATA_DB, e.reason());
        assertTrue(e.getMessage().startsWith("Not a Calibre library: "), e.getMessage());
        assertTrue(e.getMessage().contains("has no metadata.db"), e.getMessage());
        assertCheckFails(temp, Reason.NO_METADATA_DB);
    }

    @Test
    void aMetadataDbThatIsNotSqlite() throws Exception {
        Files.writeString(temp.resolve("metadata.db"), "<opf>not a database, just text that is long enough</opf>");
        CalibreException e = assertThrows(CalibreException.class, () -> CalibreLibrary.open(temp));
        assertEquals(Reason.NOT_SQLITE, e.reason());
        assertTrue(e.getMessage().contains("is not an SQLite database"), e.getMessage());
        assertCheckFails(temp, Reason.NOT_SQLITE);
    }

    @Test
    void anEmptyMetadataDb() throws Exception {
        Files.createFile(temp.resolve("metadata.db"));
        CalibreException e = assertThrows(CalibreException.class, () -> CalibreLibrary.open(temp));
        assertEquals(Reason.NOT_SQLITE, e.reason());
        assertTrue(e.getMessage().contains("is empty"), e.getMessage());
        assertEquals(0, Files.size(temp.resolve("metadata.db")), "opening wrote nothing");
    }

    @Test
    void anSqliteDatabaseWithoutTheBooksTable() throws Exception {
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + temp.resolve("metadata.db"));
                Statement s = c.createStatement()) {
            s.executeUpdate("CREATE TABLE notes (id INTEGER PRIMARY KEY, body TEXT)");
        }
        CalibreException e = assertThrows(CalibreException.class, () -> CalibreLibrary.open(temp));
        assertEquals(Reason.NOT_CALIBRE_SCHEMA, e.reason());
        assertTrue(e.getMessage().contains("is an SQLite database but not Calibre's"), e.getMessage());
        assertTrue(e.getMessage().contains("books,"), e.getMessage());
        assertCheckFails(temp, Reason.NOT_CALIBRE_SCHEMA);
    }

    @Test
    void aCalibreDatabaseWithoutLibraryId() throws Exception {
        Path lib = CalibreTestDb.writableLibraryCopy(temp);
        CalibreTestDb.write(lib, "DELETE FROM library_id");
        CalibreException e = assertThrows(CalibreException.class, () -> CalibreLibrary.open(lib));
        assertEquals(Reason.NOT_CALIBRE_SCHEMA, e.reason());
        assertTrue(e.getMessage().contains("no library id"), e.getMessage());
    }

    @Test
    void theCorpusLibraryPassesTheCheck() {
        Path lib = CalibreTestDb.libraryCopy(temp, "library");
        LibraryCheck check = CalibreLibrary.looksLikeLibrary(lib);
        assertTrue(check.ok(), check.message());
        assertTrue(check.failure().isEmpty());
        assertEquals("Calibre library with 3 books.", check.message());
    }

    @Test
    void noFolderChosen() {
        LibraryCheck check = CalibreLibrary.looksLikeLibrary(null);
        assertFalse(check.ok());
        assertEquals(Reason.FOLDER_MISSING, check.reason());
    }

    @Test
    void aLibraryThatVanishesAfterOpeningFailsClearlyInsteadOfLookingEmpty() throws Exception {
        Path lib = CalibreTestDb.writableLibraryCopy(temp);
        CalibreLibrary library = CalibreLibrary.open(lib);
        Files.move(lib, temp.resolve("unplugged"));

        CalibreException e = assertThrows(CalibreException.class, library::books);
        assertEquals(Reason.FOLDER_MISSING, e.reason());
        assertEquals(Reason.FOLDER_MISSING, assertThrows(CalibreException.class, () -> library.book(1)).reason());
    }

    private static void assertCheckFails(Path dir, Reason expected) {
        LibraryCheck check = CalibreLibrary.looksLikeLibrary(dir);
        assertFalse(check.ok());
        assertEquals(expected, check.reason());
        assertEquals(expected, check.failure().orElseThrow());
        assertFalse(check.message().isBlank());
    }
}
