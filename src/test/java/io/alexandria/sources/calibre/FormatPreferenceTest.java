package io.alexandria.sources.calibre;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FormatPreferenceTest {
    @TempDir
    Path temp;

    @Test
    void theDefaultOrderThenOthersAlphabetically() throws Exception {
        CalibreBook book = book(Set.of(), "ZIP", "PDF", "CBZ", "TXT", "EPUB", "MOBI", "AZW3", "DOCX");
        assertEquals(List.of("EPUB", "AZW3", "MOBI", "PDF", "TXT", "CBZ", "DOCX", "ZIP"),
                formats(FormatPreference.defaults().ordered(book)));
        assertEquals(List.of("EPUB", "AZW3", "MOBI", "PDF", "TXT"), FormatPreference.defaults().order());
    }

    @Test
    void choosesTheMostPreferredExistingUsableFormat() throws Exception {
        CalibreBook book = book(Set.of("EPUB"), "PDF", "EPUB", "TXT");
        FormatPreference pref = FormatPreference.defaults();

        assertEquals("PDF", pref.choose(book, f -> true).orElseThrow().format(), "the EPUB file is missing");
        assertEquals("TXT", pref.choose(book, f -> !f.format().equals("PDF")).orElseThrow().format());
        assertTrue(pref.choose(book, f -> false).isEmpty());
        assertTrue(pref.choose(book(Set.of()), f -> true).isEmpty(), "a book without formats");
    }

    @Test
    void thePredicateIsAskedOnlyAboutExistingFilesInPreferenceOrder() throws Exception {
        CalibreBook book = book(Set.of("AZW3"), "TXT", "AZW3", "EPUB", "PDF");
        List<String> asked = new ArrayList<>();
        FormatPreference.defaults().choose(book, f -> {
            asked.add(f.format());
            return false;
        });
        assertEquals(List.of("EPUB", "PDF", "TXT"), asked);
    }

    @Test
    void aCustomOrderParsedCaseInsensitively() throws Exception {
        FormatPreference pref = FormatPreference.parse(" pdf ,Txt,  epub");
        assertEquals(List.of("PDF", "TXT", "EPUB"), pref.order());
        assertEquals("PDF, TXT, EPUB", pref.toSettingString());
        assertEquals(pref, FormatPreference.parse(pref.toSettingString()));
        CalibreBook book = book(Set.of(), "EPUB", "MOBI", "TXT", "AZW3", "PDF");
        assertEquals(List.of("PDF", "TXT", "EPUB", "AZW3", "MOBI"), formats(pref.ordered(book)));
        assertEquals("PDF", pref.choose(book, f -> true).orElseThrow().format());
        assertEquals(List.of("ORIGINAL_EPUB"), FormatPreference.parse("original_epub").order());
    }

    @Test
    void blankMeansTheDefault() {
        assertSame(FormatPreference.defaults(), FormatPreference.parse(null));
        assertSame(FormatPreference.defaults(), FormatPreference.parse("  "));
        assertEquals(FormatPreference.defaults(), FormatPreference.parse("epub,azw3,mobi,pdf,txt"));
    }

    @Test
    void junkIsRejectedWithAClearMessage() {
        assertMessage("EPUB,,PDF", "entry 2 is empty");
        assertMessage("EPUB,PDF,", "entry 3 is empty");
        assertMessage("EPUB;PDF", "\"EPUB;PDF\" is not a format name");
        assertMessage("e pub", "\"e pub\" is not a format name");
        assertMessage(".epub", "\".epub\" is not a format name");
        assertMessage("epub, PDF, EPUB", "EPUB is listed twice");
        assertMessage("A".repeat(33), "is not a format name");
    }

    private static void assertMessage(String setting, String expected) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> FormatPreference.parse(setting));
        assertTrue(e.getMessage().contains(expected), e.getMessage());
    }

    private static List<String> formats(List<BookFormat> formats) {
        return formats.stream().map(BookFormat::format).toList();
    }

    /** A book with the given formats; files are created except for those in {@code missing}. */
    private CalibreBook book(Set<String> missing, String... formats) throws Exception {
        List<BookFormat> list = new ArrayList<>();
        for (String f : formats) {
            Path file = temp.resolve("Book." + f.toLowerCase(Locale.ROOT));
            if (!missing.contains(f)) {
                Files.writeString(file, f);
            }
            list.add(new BookFormat(f, "Book", 1, file));
        }
        return new CalibreBook(1, "u", "T", List.of(), null, List.of(), null, null, List.of(), null, null, null,
                null, null, null, null, "a/b", false, list);
    }
}
