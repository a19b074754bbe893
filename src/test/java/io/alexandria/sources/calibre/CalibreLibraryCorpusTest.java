package io.alexandria.sources.calibre;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Reads a copy of the genuine calibre 6.13 library of the shared corpus (README section C). */
class CalibreLibraryCorpusTest {
    private static final String JEKYLL_FILE = "The Strange Case of Dr. Jekyll and Mr. Hyd - Robert Louis Stevenson";

    @TempDir
    Path temp;

    @Test
    void readsTheThreeBooksWithTitlesAuthorsAndLanguages() throws Exception {
        Path lib = CalibreTestDb.libraryCopy(temp, "library");
        List<CalibreBook> books = CalibreLibrary.open(lib).books();

        assertEquals(List.of(1L, 2L, 3L), books.stream().map(CalibreBook::id).toList());
        assertEquals(List.of("The Great Gatsby", "The Strange Case of Dr. Jekyll and Mr. Hyde", "The Time Machine"),
                books.stream().map(CalibreBook::title).toList());
        assertEquals(List.of(List.of("F. Scott Fitzgerald"), List.of("Robert Louis Stevenson"), List.of("H. G. Wells")),
                books.stream().map(CalibreBook::authors).toList());
        assertEquals(List.of("Fitzgerald, F. Scott", "Stevenson, Robert Louis", "Wells, H. G."),
                books.stream().map(CalibreBook::authorSort).toList());
        for (CalibreBook b : books) {
            assertEquals(List.of("eng"), b.languages(), b.title());
            assertEquals("en", b.language(), b.title());
            assertEquals(CalibreTestDb.queryString(lib, "SELECT uuid FROM books WHERE id = " + b.id()), b.uuid());
            assertEquals(CalibreTestDb.queryString(lib, "SELECT path FROM books WHERE id = " + b.id()), b.path());
        }
        assertEquals("Robert Louis Stevenson/The Strange Case of Dr. Jekyll and Mr. Hyde (2)", books.get(1).path());
    }

    @Test
    void libraryIdIsTheOneStoredInTheDatabase() throws Exception {
        Path lib = CalibreTestDb.libraryCopy(temp, "library");
        String expected = CalibreTestDb.queryString(lib, "SELECT uuid FROM library_id");
        CalibreLibrary library = CalibreLibrary.open(lib);

        assertTrue(expected.matches("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}"), expected);
        assertEquals(expected, library.libraryId());
        assertEquals(expected, library.read().libraryId());
    }

    @Test
    void jekyllHasEpubAndPdfAtTheFilesOnDisk() throws Exception {
        Path lib = CalibreTestDb.libraryCopy(temp, "library");
        CalibreBook jekyll = CalibreLibrary.open(lib).book(2).orElseThrow();
        Path folder = lib.toAbsolutePath().resolve("Robert Louis Stevenson")
                .resolve("The Strange Case of Dr. Jekyll and Mr. Hyde (2)");

        assertEquals(List.of("EPUB", "PDF"), jekyll.formats().stream().map(BookFormat::format).toList());
        BookFormat epub = jekyll.format("epub").orElseThrow();
        BookFormat pdf = jekyll.format("PDF").orElseThrow();
        assertEquals(folder.resolve(JEKYLL_FILE + ".epub"), epub.file());
        assertEquals(folder.resolve(JEKYLL_FILE + ".pdf"), pdf.file());
        assertEquals(JEKYLL_FILE, epub.name());
        assertTrue(epub.exists());
        assertTrue(pdf.exists());
        assertEquals(Files.size(epub.file()), epub.uncompressedSize());
        assertEquals(331_330L, epub.uncompressedSize());
        assertEquals(393_460L, pdf.uncompressedSize());
        assertEquals("epub", epub.extension());
    }

    @Test
    void everyFormatOfEveryBookPointsAtAnExistingFile() throws Exception {
        Path lib = CalibreTestDb.libraryCopy(temp, "library");
        CalibreLibrary library = CalibreLibrary.open(lib);
        List<CalibreBook> books = library.books();
        assertEquals(4, books.stream().mapToInt(b -> b.formats().size()).sum());
        for (CalibreBook b : books) {
            for (BookFormat f : b.formats()) {
                assertTrue(f.exists(), f.file().toString());
                assertTrue(f.file().startsWith(lib.toAbsolutePath()), f.file().toString());
            }
            assertTrue(b.hasCover());
            assertTrue(Files.isRegularFile(library.coverFile(b).orElseThrow()));
        }
    }

    @Test
    void prefersEpubAndFallsBackToPdfWhenTheEpubIsMissing() throws Exception {
        Path lib = CalibreTestDb.writableLibraryCopy(temp);
        CalibreLibrary library = CalibreLibrary.open(lib);
        FormatPreference preference = FormatPreference.defaults();

        CalibreBook jekyll = library.book(2).orElseThrow();
        assertEquals("EPUB", preference.choose(jekyll, f -> true).orElseThrow().format());

        Files.delete(jekyll.format("EPUB").orElseThrow().file());
        CalibreBook again = library.book(2).orElseThrow();
        assertEquals(List.of("EPUB", "PDF"), again.formats().stream().map(BookFormat::format).toList(),
                "a format whose file is missing is still listed");
        assertFalse(again.format("EPUB").orElseThrow().exists());
        assertEquals("PDF", preference.choose(again, f -> true).orElseThrow().format());
        assertTrue(preference.choose(again, f -> f.format().equals("EPUB")).isEmpty());
    }

    @Test
    void readsTagsPublisherDatesCommentsAndEmptyIdentifiers() throws Exception {
        Path lib = CalibreTestDb.libraryCopy(temp, "library");
        Map<Long, CalibreBook> books = CalibreLibrary.open(lib).read().byId();
        CalibreBook gatsby = books.get(1L);
        CalibreBook jekyll = books.get(2L);
        CalibreBook machine = books.get(3L);

        assertEquals(List.of("Traffic accidents--Fiction", "First loves--Fiction", "Rich people--Fiction",
                "Mistresses--Fiction", "Revenge--Fiction", "Long Island (N.Y.)--Fiction", "Psychological fiction"),
                gatsby.tags());
        assertEquals(List.of("Science fiction", "Horror tales", "London (England) -- Fiction",
                "Physicians -- Fiction", "Psychological fiction", "Self-experimentation in medicine -- Fiction",
                "Multiple personality -- Fiction"), jekyll.tags());
        assertEquals(List.of("Time travel--Fiction"), machine.tags());
        for (CalibreBook b : books.values()) {
            assertEquals("Standard Ebooks", b.publisher());
            assertEquals(Map.of(), b.identifiers());
            assertNull(b.series());
            assertNull(b.seriesIndex());
            assertEquals(CalibreTestDb.queryString(lib, "SELECT pubdate FROM books WHERE id = " + b.id()), b.pubdate());
            assertEquals(CalibreTestDb.queryString(lib, "SELECT timestamp FROM books WHERE id = " + b.id()),
                    b.timestamp());
            assertEquals(CalibreTestDb.queryString(lib, "SELECT last_modified FROM books WHERE id = " + b.id()),
                    b.lastModified());
            assertTrue(b.timestampInstant().isPresent(), b.timestamp());
            assertTrue(b.lastModifiedInstant().isPresent(), b.lastModified());
        }
        assertEquals("2021-01-01 22:22:26+00:00", gatsby.pubdate());
        assertEquals(Instant.parse("2021-01-01T22:22:26Z"), gatsby.pubdateInstant().orElseThrow());
        assertEquals(Instant.parse("2015-05-12T00:01:00Z"), jekyll.pubdateInstant().orElseThrow());

        assertEquals("The decadent and mysterious Jay Gatsby pursues the American Dream in Jazz Age New York.",
                gatsby.comments());
        String storedHtml = CalibreTestDb.queryString(lib, "SELECT text FROM comments WHERE book = 3");
        assertTrue(storedHtml.startsWith("<p><i>The Time Machine</i>"), storedHtml);
        assertTrue(machine.comments().startsWith("The Time Machine is the novel that gave us the concept of—and"
                + " even the word for—a “time machine.” While it’s not Wells’ first story"), machine.comments());
        assertTrue(machine.comments().endsWith("one of the most deeply influential science fiction novels of the era."),
                machine.comments());
        assertFalse(machine.comments().contains("<"), machine.comments());
    }

    @Test
    void bookByIdFindsOneBookAndNothingForAnUnknownId() throws Exception {
        Path lib = CalibreTestDb.libraryCopy(temp, "library");
        CalibreLibrary library = CalibreLibrary.open(lib);

        CalibreBook fromList = library.books().get(2);
        assertEquals(fromList, library.book(3).orElseThrow());
        assertTrue(library.book(99).isEmpty());
    }

    @Test
    void readingLeavesTheLibraryUntouched() throws Exception {
        Path lib = CalibreTestDb.libraryCopy(temp, "library");
        Path db = lib.resolve("metadata.db");
        String bytesBefore = CalibreTestDb.sha256(db);
        FileTime mtimeBefore = Files.getLastModifiedTime(db);
        List<String> filesBefore = listing(lib);

        CalibreLibrary library = CalibreLibrary.open(lib);
        library.books();
        library.book(2);
        library.read();
        library.fingerprint();
        assertTrue(CalibreLibrary.looksLikeLibrary(lib).ok());

        assertEquals(bytesBefore, CalibreTestDb.sha256(db));
        assertEquals(mtimeBefore, Files.getLastModifiedTime(db));
        assertEquals(filesBefore, listing(lib), "no -journal, -wal or -shm file was created");
    }

    @Test
    void theReaderConnectionRefusesEveryWriteEvenOnAWritableFile() throws Exception {
        Path lib = CalibreTestDb.writableLibraryCopy(temp);
        Path db = lib.resolve("metadata.db");
        String bytesBefore = CalibreTestDb.sha256(db);
        ReadOnlyDatabase reader = new ReadOnlyDatabase(db, ReadPolicy.DEFAULT);

        for (String write : List.of("INSERT INTO tags (name) VALUES ('written')", "CREATE TABLE intruder (x)",
                "PRAGMA journal_mode = WAL", "PRAGMA user_version = 99")) {
            CalibreException e = assertThrows(CalibreException.class, () -> reader.read(c -> {
                try (Statement s = c.createStatement()) {
                    s.execute(write);
                }
                return null;
            }), write);
            assertEquals(CalibreException.Reason.UNREADABLE, e.reason(), write);
            if (!write.contains("journal_mode")) { // that one fails first for being inside a transaction
                assertTrue(e.getMessage().contains("this reader is read-only"), e.getMessage());
            }
        }
        assertEquals(bytesBefore, CalibreTestDb.sha256(db));
        assertEquals("14", CalibreTestDb.queryString(lib, "SELECT count(*) FROM tags"));
        assertEquals("25", CalibreTestDb.queryString(lib, "PRAGMA user_version"));
        assertEquals("delete", CalibreTestDb.queryString(lib, "PRAGMA journal_mode"));
    }

    @Test
    void readsTheCommittedSnapshotWhileCalibreHoldsAnOpenWriteTransaction() throws Exception {
        Path lib = CalibreTestDb.writableLibraryCopy(temp);
        AtomicInteger retries = new AtomicInteger();
        CalibreLibrary library = CalibreLibrary.open(lib,
                CalibreTestDb.fastPolicy(java.time.Duration.ofSeconds(5), (a, e, m) -> retries.incrementAndGet()));

        try (Connection calibre = CalibreTestDb.writer(lib); Statement s = calibre.createStatement()) {
            s.execute("BEGIN IMMEDIATE"); // RESERVED lock, as Calibre holds while it prepares a write
            s.executeUpdate("UPDATE books SET title = 'Uncommitted' WHERE id = 1");

            assertEquals("The Great Gatsby", library.book(1).orElseThrow().title());
            assertEquals(3, library.books().size());
            assertEquals(0, retries.get(), "a reserved lock does not block readers");

            s.execute("COMMIT");
        }
        assertEquals("Uncommitted", library.book(1).orElseThrow().title());
    }

    @Test
    void opensALibraryWhosePathHasSpacesHashPercentAndNonAscii() throws Exception {
        Path lib = CalibreTestDb.libraryCopy(temp, "Calibre Library #1 %20 ü");
        CalibreLibrary library = CalibreLibrary.open(lib);

        assertEquals(3, library.books().size());
        assertTrue(library.book(2).orElseThrow().format("PDF").orElseThrow().exists());
        assertTrue(CalibreLibrary.looksLikeLibrary(lib).ok());
        assertEquals("Calibre library with 3 books.", CalibreLibrary.looksLikeLibrary(lib).message());
    }

    private static List<String> listing(Path dir) throws Exception {
        try (Stream<Path> s = Files.walk(dir)) {
            return s.map(p -> dir.relativize(p).toString()).sorted().toList();
        }
    }
}
