package io.alexandria.sources.calibre;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.alexandria.common.Json;
import io.alexandria.extraction.ExtractionLimits;
import io.alexandria.sources.SourceItem;
import io.alexandria.testsupport.Corpus;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 15 for books: a book's metadata goes into the payload of every one of its points, so its
 * lists are cut to {@link ExtractionLimits#maxPayloadListItems()} (the total recorded) and its author
 * and title strings to {@link ExtractionLimits#maxTitleChars()}, whatever the library holds.
 */
class CalibrePayloadCapsTest {
    @TempDir
    Path tmp;

    @Test
    void aBookWithHundredsOfTagsAndAHugeTitleHasABoundedPayload() throws Exception {
        Corpus.require();
        Path lib = CalibreTestDb.writableLibraryCopy(tmp);
        try (Connection c = CalibreTestDb.writer(lib); Statement s = c.createStatement()) {
            for (int i = 0; i < 300; i++) {
                s.executeUpdate("INSERT INTO tags (id, name) VALUES (" + (1_000 + i) + ", 'tag " + i + "')");
                s.executeUpdate("INSERT INTO books_tags_link (book, tag) VALUES (3, " + (1_000 + i) + ")");
            }
            s.executeUpdate("UPDATE books SET title = '" + "Long ".repeat(400) + "' WHERE id = 3");
        }
        CalibreSource source = new CalibreSource(lib, FormatPreference.defaults(), null);
        SourceItem book = source.list().items().stream().filter(i -> i.key().sourceId().equals("3")).findFirst()
                .orElseThrow();
        Map<String, Object> meta = Json.readMap(book.facts().metadataJson());
        ExtractionLimits limits = ExtractionLimits.defaults();
        assertEquals(limits.maxPayloadListItems(), ((List<?>) meta.get("tags")).size());
        assertEquals(301, ((Number) meta.get("tags_total")).intValue(), "300 added to the book's own tag");
        assertEquals(limits.maxTitleChars(), book.facts().title().length());
        assertTrue(book.facts().title().endsWith("\u2026"));
        assertTrue(book.facts().metadataJson().length() < 8_000, book.facts().metadataJson().length() + " chars");
    }
}
