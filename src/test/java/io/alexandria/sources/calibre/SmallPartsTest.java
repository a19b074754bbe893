package io.alexandria.sources.calibre;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

/** Language codes, dates, comments, metadata hash, policies and the JDBC URL. */
class SmallPartsTest {

    @Test
    void languageCodesMapToIso639OneFromTheJdkTables() {
        assertEquals("en", IsoLanguages.toIso639_1("eng"));
        assertEquals("de", IsoLanguages.toIso639_1("deu"));
        assertEquals("fr", IsoLanguages.toIso639_1("FRA"));
        assertEquals("zh", IsoLanguages.toIso639_1("zho"));
        assertEquals("he", IsoLanguages.toIso639_1("heb"));
        assertEquals("en", IsoLanguages.toIso639_1("en"));
        assertEquals("und", IsoLanguages.toIso639_1("und"), "no two-letter form: kept");
        assertEquals("grc", IsoLanguages.toIso639_1("grc"), "Ancient Greek has no two-letter form");
        assertNull(IsoLanguages.toIso639_1(null));
        assertNull(IsoLanguages.toIso639_1(" "));
    }

    @Test
    void calibreTimestampsParse() {
        assertEquals(Optional.of(Instant.parse("2026-11-21T19:29:23.111269Z")),
                CalibreDates.parse("2026-11-21 19:29:23.111269+00:00"));
        assertEquals(Optional.of(Instant.parse("2021-01-01T22:22:26Z")), CalibreDates.parse("2021-01-01 22:22:26+00:00"));
        assertEquals(Optional.of(Instant.parse("2021-01-01T20:22:26Z")), CalibreDates.parse("2021-01-01 22:22:26+02:00"));
        assertEquals(Optional.of(Instant.parse("2010-05-12T10:00:00Z")), CalibreDates.parse("2010-05-12 10:00:00"));
        assertEquals(Optional.of(Instant.parse("2010-05-12T10:00:00Z")), CalibreDates.parse("2010-05-12T10:00:00Z"));
        assertEquals(Optional.empty(), CalibreDates.parse("0101-01-01 00:00:00+00:00"), "calibre's undefined date");
        assertEquals(Optional.empty(), CalibreDates.parse("not a date"));
        assertEquals(Optional.empty(), CalibreDates.parse(null));
    }

    @Test
    void commentsHtmlBecomesParagraphsOfText() {
        assertEquals("First para, bold.\n\nSecond & last\nline two.",
                CommentsText.toPlainText("<div><p>First   para, <b>bold</b>.</p>\n<p>Second &amp; last<br/>line two.</p></div>"));
        assertEquals("A\n\nB", CommentsText.toPlainText("<ul><li>A</li><li>B</li></ul>"));
        assertEquals("Plain text with a < b and &amp; kept.", CommentsText.toPlainText("  Plain text with a < b and &amp; kept. "));
        assertEquals("line one\nline two", CommentsText.toPlainText("line one\r\nline two"));
        assertNull(CommentsText.toPlainText("<p> </p>"));
        assertNull(CommentsText.toPlainText(null));
    }

    @Test
    void theMetadataHashCoversExactlyThePayloadFields() {
        CalibreBook base = book(b -> b);
        String hash = base.metadataHash();
        assertTrue(hash.matches("[0-9a-f]{64}"), hash);
        assertEquals(hash, book(b -> b).metadataHash(), "deterministic");

        List<UnaryOperator<CalibreBook>> payloadChanges = List.of(
                b -> with(b, "title", "Other"),
                b -> with(b, "authors", List.of("A", "C")),
                b -> with(b, "authorsOrder", List.of("B", "A")),
                b -> with(b, "language", "de"),
                b -> with(b, "tags", List.of("t1")),
                b -> with(b, "series", "S2"),
                b -> with(b, "seriesIndex", 3.0),
                b -> with(b, "publisher", "P2"),
                b -> with(b, "pubdate", "2001-01-01 00:00:00+00:00"),
                b -> with(b, "identifiers", Map.of("isbn", "2")));
        for (UnaryOperator<CalibreBook> change : payloadChanges) {
            assertNotEquals(hash, change.apply(base).metadataHash(), change.apply(base).toString());
        }
        List<UnaryOperator<CalibreBook>> otherChanges = List.of(
                b -> with(b, "comments", "other"),
                b -> with(b, "lastModified", "2030-01-01 00:00:00+00:00"),
                b -> with(b, "formats", List.of()),
                b -> with(b, "hasCover", true));
        for (UnaryOperator<CalibreBook> change : otherChanges) {
            assertEquals(hash, change.apply(base).metadataHash(), change.apply(base).toString());
        }
        assertNotEquals(with(base, "tags", List.of("a,b")).metadataHash(),
                with(base, "tags", List.of("a", "b")).metadataHash(), "unambiguous encoding");
        assertNotEquals(with(base, "series", null).metadataHash(), with(base, "series", "").metadataHash());
    }

    @Test
    void readPolicyRejectsNonsense() {
        Duration ms10 = Duration.ofMillis(10);
        assertThrows(IllegalArgumentException.class,
                () -> new ReadPolicy(Duration.ofMillis(-1), ms10, ms10, Duration.ofSeconds(1), ReadPolicy.BusyListener.NONE));
        assertThrows(IllegalArgumentException.class,
                () -> new ReadPolicy(ms10, Duration.ZERO, ms10, Duration.ofSeconds(1), ReadPolicy.BusyListener.NONE));
        assertThrows(IllegalArgumentException.class,
                () -> new ReadPolicy(ms10, ms10, Duration.ofMillis(5), Duration.ofSeconds(1), ReadPolicy.BusyListener.NONE));
        assertThrows(IllegalArgumentException.class,
                () -> new ReadPolicy(ms10, ms10, ms10, ms10, ReadPolicy.BusyListener.NONE));
        assertEquals(Duration.ofSeconds(2), ReadPolicy.DEFAULT.withMaxTotalWait(Duration.ofSeconds(2)).maxTotalWait());
    }

    @Test
    void theJdbcUrlIsAnEncodedReadOnlyUri() {
        Path db = Path.of("/lib # 1/%20/ü/metadata.db").toAbsolutePath();
        String url = ReadOnlyDatabase.jdbcUrl(db);
        assertTrue(url.startsWith("jdbc:sqlite:file:"), url);
        assertTrue(url.endsWith("/metadata.db?mode=ro"), url);
        assertTrue(url.contains("%23") && url.contains("%2520") && url.contains("%C3%BC") && !url.contains(" "), url);
    }

    @Test
    void uncPathsGetAnEmptyUriAuthority() {
        assertEquals("file:////server/share/Calibre%20Library/metadata.db",
                ReadOnlyDatabase.sqliteUri(java.net.URI.create("file://server/share/Calibre%20Library/metadata.db")));
        assertEquals("file:///C:/Calibre%20Library/metadata.db",
                ReadOnlyDatabase.sqliteUri(java.net.URI.create("file:///C:/Calibre%20Library/metadata.db")));
    }

    @Test
    void bookFoldersFollowBooksPathSegmentBySegment() {
        Path lib = Path.of("/library").toAbsolutePath();
        assertEquals(lib.resolve("A B").resolve("T (1)"), BookReader.bookFolder(lib, "A B/T (1)"));
        assertEquals(lib.resolve("A").resolve("T"), BookReader.bookFolder(lib, "/A/./T/"));
        assertEquals(lib.resolve("A").resolve("T"), BookReader.bookFolder(lib, "A/../T"), "'..' is dropped");
        assertTrue(BookReader.bookFolder(lib, "../../etc").startsWith(lib), "never leaves the library");
    }

    private static CalibreBook book(UnaryOperator<CalibreBook> f) {
        return f.apply(new CalibreBook(7, "uuid", "Title", List.of("A", "B"), "B, A", List.of("eng"), "en",
                Map.of("isbn", "1"), List.of("t1", "t2"), "S", 1.0, "P", "2000-01-01 00:00:00+00:00",
                "2020-01-01 00:00:00+00:00", "2020-01-02 00:00:00+00:00", "blurb", "A/Title (7)", false,
                List.of(new BookFormat("EPUB", "Title - A", 10, Path.of("x.epub")))));
    }

    @SuppressWarnings("unchecked")
    private static CalibreBook with(CalibreBook b, String field, Object v) {
        return new CalibreBook(b.id(), b.uuid(),
                field.equals("title") ? (String) v : b.title(),
                field.equals("authors") || field.equals("authorsOrder") ? (List<String>) v : b.authors(),
                b.authorSort(), b.languages(),
                field.equals("language") ? (String) v : b.language(),
                field.equals("identifiers") ? (Map<String, String>) v : b.identifiers(),
                field.equals("tags") ? (List<String>) v : b.tags(),
                field.equals("series") ? (String) v : b.series(),
                field.equals("seriesIndex") ? (Double) v : b.seriesIndex(),
                field.equals("publisher") ? (String) v : b.publisher(),
                field.equals("pubdate") ? (String) v : b.pubdate(),
                b.timestamp(),
                field.equals("lastModified") ? (String) v : b.lastModified(),
                field.equals("comments") ? (String) v : b.comments(),
                b.path(),
                field.equals("hasCover") ? (Boolean) v : b.hasCover(),
                field.equals("formats") ? (List<BookFormat>) v : b.formats());
    }
}
