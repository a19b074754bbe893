package io.alexandria.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The desktop's command line: options apart from files, and when a launch opens the window at all. */
class DesktopArgsTest {
    private static final Set<String> COMMANDS = Set.of("sync", "watch", "search", "help");

    @TempDir
    Path tmp;

    @Test
    void optionsAndFilesAreSplit() {
        DesktopArgs a = DesktopArgs.split(List.of("--data-dir", "/d", "book.epub", "--smoke", "--qdrant=http://q:6334",
                "notes/a.md"));
        assertEquals(List.of("--data-dir", "/d", "--smoke", "--qdrant=http://q:6334"), a.options());
        assertEquals(List.of(Path.of("book.epub"), Path.of("notes/a.md")), a.files());
        assertTrue(a.smoke());
        assertEquals(Path.of("/d"), a.dataDir());
        assertEquals(Path.of("/e"), DesktopArgs.split(List.of("--data-dir=/e")).dataDir());
    }

    @Test
    void whatOpensTheWindow() throws Exception {
        Path book = Files.writeString(tmp.resolve("book.txt"), "x");
        assertTrue(DesktopArgs.opensWindow(List.of(), COMMANDS));
        assertTrue(DesktopArgs.opensWindow(List.of("--smoke", "--vault", "/v"), COMMANDS));
        assertTrue(DesktopArgs.opensWindow(List.of(book.toString()), COMMANDS), "a file to add");
        assertTrue(DesktopArgs.opensWindow(List.of("--data-dir", tmp.toString(), book.toString()), COMMANDS));
        assertTrue(DesktopArgs.opensWindow(List.of("--data-dir", tmp.toString()), COMMANDS));
        assertFalse(DesktopArgs.opensWindow(List.of("sync", "--vault", "/v"), COMMANDS));
        assertFalse(DesktopArgs.opensWindow(List.of("--help"), COMMANDS));
        assertFalse(DesktopArgs.opensWindow(List.of("--version"), COMMANDS));
        assertFalse(DesktopArgs.opensWindow(List.of(tmp.resolve("missing.epub").toString()), COMMANDS),
                "a typo goes to the command line, which says what is wrong");
        assertFalse(DesktopArgs.opensWindow(List.of("--json", book.toString()), COMMANDS), "not a desktop option");
    }
}
