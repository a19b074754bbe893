package io.alexandria.sources.vault;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class VaultScannerTest {
    @TempDir
    Path vault;

    private Path touch(String relative, String content) throws IOException {
        Path p = vault.resolve(relative);
        Files.createDirectories(p.getParent());
        return Files.writeString(p, content);
    }

    private List<String> scanPaths(VaultScanner scanner) throws IOException {
        return scanner.scan().files().stream().map(VaultFile::relativePath).toList();
    }

    @Test
    void listsNotesOfAnyExtensionCaseSortedWithSlashPaths() throws IOException {
        touch("b.md", "b");
        touch("A Folder/Sub/deep note.MD", "deep");
        touch("A Folder/upper.Md", "u");
        touch("z/picture.png", "png");
        touch("z/data.base", "yaml");
        touch("notes.md.txt", "not a note");
        assertEquals(List.of("A Folder/Sub/deep note.MD", "A Folder/upper.Md", "b.md"), scanPaths(new VaultScanner(vault)));
    }

    @Test
    void reportsSizeAndModificationTime() throws IOException {
        Path note = touch("n.md", "12345");
        Files.setLastModifiedTime(note, FileTime.fromMillis(1_700_000_000_000L));
        VaultFile f = new VaultScanner(vault).scan().files().getFirst();
        assertEquals("n.md", f.relativePath());
        assertEquals(note.toAbsolutePath().normalize(), f.path());
        assertEquals(5, f.sizeBytes());
        assertEquals(1_700_000_000_000L, f.modifiedMillis());
    }

    @Test
    void skipsObsidianTrashAndEveryHiddenFileOrFolder() throws IOException {
        touch(".obsidian/plugins/x/readme.md", "x");
        touch(".trash/deleted.md", "x");
        touch(".git/notes.md", "x");
        touch("folder/.hidden/inner.md", "x");
        touch("folder/.hidden-note.md", "x");
        touch("folder/visible.md", "x");
        VaultScanner scanner = new VaultScanner(vault);
        assertEquals(List.of("folder/visible.md"), scanPaths(scanner));
        assertTrue(scanner.isIgnored(".obsidian/app.json"));
        assertTrue(scanner.isIgnored("folder/.hidden/inner.md"));
        assertFalse(scanner.isIgnored("folder/visible.md"));
    }

    @Test
    void alexandriaIgnoreUsesGitignoreSyntax() throws IOException {
        touch("drafts/a.md", "x");
        touch("drafts/keep/b.md", "x");
        touch("Templates/t.md", "x");
        touch("sub/Templates/t2.md", "x");
        touch("journal/2024-01-01.md", "x");
        touch("journal/index.md", "x");
        touch("root-only.md", "x");
        touch("sub/root-only.md", "x");
        touch("secret.md", "x");
        touch(".alexandriaignore", """
                # comment line
                drafts/
                !drafts/keep/b.md
                /Templates/
                journal/*.md
                !journal/index.md
                /root-only.md
                secret.md
                """);
        VaultScanner scanner = new VaultScanner(vault);
        assertEquals(List.of("journal/index.md", "sub/Templates/t2.md", "sub/root-only.md"), scanPaths(scanner));
        // the watcher's view agrees with the scan
        assertTrue(scanner.isIgnored("drafts/keep/b.md"), "nothing below an ignored folder comes back, as in git");
        assertTrue(scanner.isIgnored("Templates/new.md"));
        assertFalse(scanner.isIgnored("sub/Templates/new.md"));
        assertTrue(scanner.isIgnored("journal/2025-02-02.md"));
        assertTrue(scanner.isIgnored("drafts", true));
        assertFalse(scanner.accepts("journal/2025-02-02.md"));
        assertTrue(scanner.accepts("journal/index.md"));
        assertTrue(scanner.accepts("new folder/new.md"));
        assertFalse(scanner.accepts("new folder/image.png"));
        assertTrue(scanner.accepts("win\\style\\path.md"));
    }

    @Test
    void extraPatternsApplyAfterTheFile() throws IOException {
        touch("a.md", "x");
        touch("b.md", "x");
        touch("archive/c.md", "x");
        touch(".alexandriaignore", "b.md\n");
        VaultScanner scanner = new VaultScanner(vault, List.of("archive/", "", "# comment", "!b.md"));
        assertEquals(List.of("a.md", "b.md"), scanPaths(scanner));
    }

    @Test
    void editedIgnoreFileTakesEffectAtTheNextScan() throws IOException {
        touch("a.md", "x");
        touch("b.md", "x");
        VaultScanner scanner = new VaultScanner(vault);
        assertEquals(List.of("a.md", "b.md"), scanPaths(scanner));
        assertFalse(scanner.isIgnored("a.md"));
        touch(".alexandriaignore", "a.md\n");
        assertEquals(List.of("b.md"), scanPaths(scanner));
        assertTrue(scanner.isIgnored("a.md"));
    }

    @Test
    void symlinkedFoldersAreNotFollowedButLinkedNotesAreListed() throws IOException {
        touch("real/note.md", "x");
        touch("outside-target.md", "y");
        Files.createSymbolicLink(vault.resolve("real/loop"), vault); // a cycle back to the root
        Files.createSymbolicLink(vault.resolve("alias-dir"), vault.resolve("real"));
        Files.createSymbolicLink(vault.resolve("linked.md"), vault.resolve("outside-target.md"));
        ScanResult result = new VaultScanner(vault).scan();
        assertEquals(List.of("linked.md", "outside-target.md", "real/note.md"),
                result.files().stream().map(VaultFile::relativePath).toList());
        assertEquals(1, result.files().getFirst().sizeBytes());
        assertTrue(result.isComplete());
    }

    @Test
    void danglingNoteLinkIsAProblemAndTheScanGoesOn() throws IOException {
        touch("ok.md", "x");
        Files.createSymbolicLink(vault.resolve("gone.md"), vault.resolve("never-existed.md"));
        ScanResult result = new VaultScanner(vault).scan();
        assertEquals(List.of("ok.md"), result.files().stream().map(VaultFile::relativePath).toList());
        assertEquals(1, result.problems().size());
        assertEquals("gone.md", result.problems().getFirst().relativePath());
        assertFalse(result.isComplete());
        assertTrue(result.mayContain("gone.md"));
        assertFalse(result.mayContain("ok.md"));
    }

    @Test
    void unreadableFolderIsAProblemAndTheScanGoesOn() throws IOException {
        assumeFalse("root".equals(System.getProperty("user.name")), "root reads any folder: permission test skipped");
        touch("open/a.md", "x");
        touch("locked/b.md", "x");
        Path locked = vault.resolve("locked");
        Files.setPosixFilePermissions(locked, PosixFilePermissions.fromString("---------"));
        try {
            ScanResult result = new VaultScanner(vault).scan();
            assertEquals(List.of("open/a.md"), result.files().stream().map(VaultFile::relativePath).toList());
            assertEquals("locked", result.problems().getFirst().relativePath());
            assertTrue(result.mayContain("locked/b.md"));
        } finally {
            Files.setPosixFilePermissions(locked, PosixFilePermissions.fromString("rwx------"));
        }
    }

    @Test
    void unreadableFolderAndVanishedNoteMetMidWalkAreProblemsNotFailures() throws IOException {
        // Drives the walk's failure callbacks directly, since root (CI) can read any folder.
        touch("locked/b.md", "x");
        touch(".hidden/locked/c.md", "x");
        VaultScanner scanner = new VaultScanner(vault);
        List<ScanProblem> problems = new java.util.ArrayList<>();
        VaultScanner.Walker walker = scanner.new Walker(new java.util.ArrayList<>(), problems);
        assertEquals(FileVisitResult.CONTINUE,
                walker.visitFileFailed(vault.resolve("locked"), new AccessDeniedException(vault.resolve("locked").toString())));
        assertEquals(FileVisitResult.CONTINUE,
                walker.visitFileFailed(vault.resolve("gone.md"), new NoSuchFileException("gone.md")));
        assertEquals(FileVisitResult.CONTINUE,
                walker.visitFileFailed(vault.resolve("gone.png"), new NoSuchFileException("gone.png")));
        assertEquals(FileVisitResult.CONTINUE,
                walker.visitFileFailed(vault.resolve(".hidden/locked"), new AccessDeniedException("x")));
        assertEquals(FileVisitResult.CONTINUE,
                walker.postVisitDirectory(vault.resolve("locked"), new IOException("listing broke")));
        assertEquals(List.of("locked", "gone.md", "locked"), problems.stream().map(ScanProblem::relativePath).toList());
        assertTrue(problems.get(0).reason().contains("permission denied"), problems.get(0).reason());
        assertTrue(problems.get(1).reason().contains("vanished"), problems.get(1).reason());
        assertEquals(FileVisitResult.TERMINATE, walker.visitFileFailed(vault, new AccessDeniedException("root")));
    }

    @Test
    void missingOrFileRootFailsLoudly() throws IOException {
        assertThrows(NoSuchFileException.class, () -> new VaultScanner(vault.resolve("absent")).scan());
        Path file = touch("file.md", "x");
        assertThrows(NotDirectoryException.class, () -> new VaultScanner(file).scan());
    }

    @Test
    void emptyVaultScansToNothing() throws IOException {
        ScanResult result = new VaultScanner(vault).scan();
        assertTrue(result.files().isEmpty());
        assertTrue(result.isComplete());
    }

    @Test
    void scanResultMayContainMatchesFolderPrefixesOnly() {
        ScanResult r = new ScanResult(List.of(), List.of(new ScanProblem("Folder", "x")));
        assertTrue(r.mayContain("Folder/a.md"));
        assertTrue(r.mayContain("Folder"));
        assertFalse(r.mayContain("Folder2/a.md"));
        assertTrue(new ScanResult(List.of(), List.of(new ScanProblem("", "x"))).mayContain("any.md"));
    }

    @Test
    void checkVaultSaysWhy() throws IOException {
        assertEquals(VaultCheck.Verdict.NOT_FOUND, VaultScanner.checkVault(vault.resolve("nope")).verdict());
        assertEquals(VaultCheck.Verdict.NOT_FOUND, VaultScanner.checkVault(null).verdict());
        Path file = touch("x.txt", "x");
        assertEquals(VaultCheck.Verdict.NOT_A_FOLDER, VaultScanner.checkVault(file).verdict());

        Path empty = Files.createDirectory(vault.resolve("empty"));
        Files.createDirectories(empty.resolve(".hidden"));
        Files.writeString(empty.resolve(".hidden/secret.md"), "hidden notes do not count");
        Files.writeString(empty.resolve("readme.txt"), "x");
        VaultCheck none = VaultScanner.checkVault(empty);
        assertEquals(VaultCheck.Verdict.NO_NOTES, none.verdict());
        assertFalse(none.isVault());
        assertTrue(none.message().contains(empty.toString()), none.message());
        assertFalse(VaultScanner.looksLikeVault(empty));

        Path obsidian = Files.createDirectories(vault.resolve("v1/.obsidian"));
        assertTrue(VaultScanner.looksLikeVault(obsidian.getParent()));

        Path nested = vault.resolve("v2/a/b/c/note.MD");
        Files.createDirectories(nested.getParent());
        Files.writeString(nested, "x");
        assertTrue(VaultScanner.checkVault(vault.resolve("v2")).isVault());
    }
}
