package io.alexandria.ui.search;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.alexandria.config.Settings;
import io.alexandria.search.SearchHit;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Opening search hits: Obsidian URIs (URL-encoded), book and file URIs, the location line. */
class OpenLinksTest {
    private static SearchHit hit(String source, String sourceId, String filePath, Map<String, Object> payload) {
        return new SearchHit(0.9, "Title", source, sourceId, filePath, "text", "Setup > Install", null, null, payload);
    }

    @Test
    void notesOpenInObsidianWithTheVaultFolderAsTheVaultName() {
        Settings s = Settings.defaults().withVaultPath("/home/ann/My Vault");
        SearchHit h = hit("obsidian", "Projects/Ideas & Plans.md", "Projects/Ideas & Plans.md", Map.of());
        assertEquals(Optional.of("obsidian://open?vault=My%20Vault&file=Projects%2FIdeas%20%26%20Plans"),
                OpenLinks.uri(h, s));
        assertEquals("obsidian://open?vault=%C3%89t%C3%A9&file=caf%C3%A9%2Bcr%C3%A8me",
                OpenLinks.obsidian("Été", "café+crème.md"));
        assertEquals(Optional.of("Open in Obsidian"), OpenLinks.label(h));
        assertEquals(Optional.empty(), OpenLinks.uri(h, Settings.defaults()), "no vault configured here");
        SearchHit named = hit("obsidian", "a.md", "a.md", Map.of("vault", "Other"));
        assertEquals(Optional.of("obsidian://open?vault=Other&file=a"), OpenLinks.uri(named, Settings.defaults()));
    }

    @Test
    void booksAndDroppedFilesOpenAsFiles() {
        Settings s = Settings.defaults().withCalibrePath("/books/Calibre Library");
        SearchHit book = hit("calibre", "42", "Author/Title (42)/Title.epub", Map.of("author", "Author"));
        assertEquals(Optional.of(Path.of("/books/Calibre Library/Author/Title (42)/Title.epub").toUri().toString()),
                OpenLinks.uri(book, s));
        assertEquals("Book by Author — Author/Title (42)/Title.epub › Setup > Install", OpenLinks.location(book));
        SearchHit file = hit("file", "abc", "/tmp/dropped.pdf", Map.of());
        assertEquals(Optional.of(Path.of("/tmp/dropped.pdf").toUri().toString()), OpenLinks.uri(file, s));
        assertEquals(Optional.of("Open file"), OpenLinks.label(file));
        SearchHit paged = new SearchHit(0.5, "T", "calibre", "1", null, "x", "", "Chapter 3", 17, Map.of());
        assertTrue(OpenLinks.location(paged).endsWith("› chapter Chapter 3 › page 17"), OpenLinks.location(paged));
    }

    @Test
    void withoutObsidianANoteIsShownInItsFolderInstead() {
        Settings s = Settings.defaults().withVaultPath("/home/ann/My Vault").withCalibrePath("/books/Lib");
        SearchHit note = hit("obsidian", "Projects/Plans.md", "Projects/Plans.md", Map.of());
        assertEquals(Optional.of("Show in folder"), OpenLinks.label(note, false));
        assertEquals(Optional.of("Open in Obsidian"), OpenLinks.label(note, true));
        assertEquals(Optional.of(Path.of("/home/ann/My Vault/Projects/Plans.md")), OpenLinks.file(note, s));
        SearchHit book = hit("calibre", "42", "A/T (42)/T.epub", Map.of());
        assertEquals(Optional.of("Open book"), OpenLinks.label(book, false));
        assertEquals(Optional.of(Path.of("/books/Lib/A/T (42)/T.epub")), OpenLinks.file(book, s));
        assertEquals(Optional.empty(), OpenLinks.file(note, Settings.defaults()), "another host's vault");
    }
}
