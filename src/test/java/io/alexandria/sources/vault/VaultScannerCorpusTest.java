package io.alexandria.sources.vault;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.alexandria.testsupport.Corpus;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The scanner on a copy of the real vault {@code obsidian-tasks-docs} (corpus README, section A). */
class VaultScannerCorpusTest {
    @TempDir
    Path temp;

    @Test
    void findsExactlyThe118NotesAndNothingUnderObsidian() throws IOException {
        Path vault = Corpus.copyVault(temp.resolve("vault"));
        ScanResult result = new VaultScanner(vault).scan();
        assertTrue(result.isComplete(), result.problems().toString());
        List<VaultFile> files = result.files();
        assertEquals(118, files.size());
        assertTrue(files.stream().noneMatch(f -> f.relativePath().startsWith(".")));
        assertTrue(Files.isDirectory(vault.resolve(".obsidian")), "the copy has the .obsidian folder");
        List<String> paths = files.stream().map(VaultFile::relativePath).toList();
        assertEquals(paths.stream().sorted().toList(), paths);
        assertTrue(paths.contains("Getting Started/Statuses/Status Types.md"));
        assertTrue(paths.contains("Reference/Status Collections/SlRvb's Alternate Checkboxes.md"));
        assertTrue(paths.contains("_meta/templates/standard frontmatter.md"));
        for (VaultFile f : files) {
            assertEquals(Files.size(f.path()), f.sizeBytes(), f.relativePath());
        }

        // README: notes by top-level folder
        Map<String, Integer> byFolder = new TreeMap<>();
        for (String p : paths) {
            byFolder.merge(p.contains("/") ? p.substring(0, p.indexOf('/')) : "", 1, Integer::sum);
        }
        assertEquals(Map.ofEntries(Map.entry("", 4), Map.entry("Getting Started", 24), Map.entry("Queries", 17),
                Map.entry("Reference", 14), Map.entry("_meta", 11), Map.entry("How To", 10),
                Map.entry("Scripting", 9), Map.entry("Editing", 7), Map.entry("Support and Help", 7),
                Map.entry("Advanced", 6), Map.entry("Other Plugins", 5), Map.entry("What is New", 2),
                Map.entry("snippets-embedded-in-multiple-pages", 2)), byFolder);
    }

    @Test
    void alexandriaIgnoreInTheCopyExcludesWhatItNames() throws IOException {
        Path vault = Corpus.copyVault(temp.resolve("vault"));
        Files.writeString(vault.resolve(".alexandriaignore"), "_meta/\nWhat is New/\n/README.md\nQueries/*.md\n!Queries/Filters.md\n");
        VaultScanner scanner = new VaultScanner(vault);
        List<String> paths = scanner.scan().files().stream().map(VaultFile::relativePath).toList();
        assertEquals(118 - 11 - 2 - 1 - 16, paths.size(), paths.toString());
        assertTrue(paths.stream().noneMatch(p -> p.startsWith("_meta/") || p.startsWith("What is New/")));
        assertFalse(paths.contains("README.md"));
        assertTrue(paths.contains("migration.md"));
        assertTrue(paths.contains("Queries/Filters.md"));
        assertFalse(paths.contains("Queries/Sorting.md"));
        assertTrue(scanner.isIgnored("_meta/templates/new template.md"));
        assertFalse(scanner.isIgnored("Queries/Filters.md"));
    }

    @Test
    void corpusVaultLooksLikeAVaultAndItsImagesFolderDoesNot() {
        Path vault = Corpus.copyVault(temp.resolve("vault"));
        assertTrue(VaultScanner.looksLikeVault(vault));
        assertEquals(VaultCheck.Verdict.NO_NOTES, VaultScanner.checkVault(vault.resolve("images")).verdict());
    }
}
