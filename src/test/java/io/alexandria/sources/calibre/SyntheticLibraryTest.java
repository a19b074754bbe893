package io.alexandria.sources.calibre;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The set-based reader on a generated library of a few thousand books (no corpus needed). */
class SyntheticLibraryTest {
    @TempDir
    Path temp;

    @Test
    void readsEveryRowOfAGeneratedLibrary() throws Exception {
        int n = 3_000;
        SyntheticCalibreLibrary.Counts counts = SyntheticCalibreLibrary.create(temp, n, 42);
        CalibreLibrary library = CalibreLibrary.open(temp);
        List<CalibreBook> books = library.books();

        assertEquals(SyntheticCalibreLibrary.ids(n), books.stream().map(CalibreBook::id).toList());
        assertEquals(counts.authorLinks(), books.stream().mapToInt(b -> b.authors().size()).sum());
        assertEquals(counts.tagLinks(), books.stream().mapToInt(b -> b.tags().size()).sum());
        assertEquals(counts.languageLinks(), books.stream().mapToInt(b -> b.languages().size()).sum());
        assertEquals(counts.formats(), books.stream().mapToInt(b -> b.formats().size()).sum());
        assertEquals(counts.identifiers(), books.stream().mapToInt(b -> b.identifiers().size()).sum());
        assertEquals(counts.series(), books.stream().filter(b -> b.series() != null).count());
        assertEquals(counts.publishers(), books.stream().filter(b -> b.publisher() != null).count());
        assertEquals(counts.comments(), books.stream().filter(b -> b.comments() != null).count());
        for (CalibreBook b : books) {
            assertFalse(b.authors().isEmpty());
            assertNotNull(b.language());
            assertTrue(b.language().length() == 2, b.language());
            assertTrue(b.comments() == null || !b.comments().contains("<"), b.comments());
            assertEquals(b.series() == null, b.seriesIndex() == null);
            for (BookFormat f : b.formats()) {
                assertEquals(library.bookFolder(b).resolve(f.name() + "." + f.extension()), f.file());
            }
        }
        assertEquals(books.get(1234), library.book(1235).orElseThrow());
        assertEquals(CalibreTestDb.queryString(temp, "SELECT group_concat(name, '|') FROM (SELECT a.name FROM books_authors_link l"
                + " JOIN authors a ON a.id = l.author WHERE l.book = 777 ORDER BY l.id)"),
                String.join("|", books.get(776).authors()));
    }
}
