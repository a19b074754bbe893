package io.alexandria.sources.vault;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.alexandria.extraction.ExtractionException;
import io.alexandria.extraction.ExtractionLimits;
import io.alexandria.sources.DocumentFile;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Issue 11: inside the vault means inside; what the scan skips is reported per path. */
class VaultScannerLinksTest {
    @TempDir
    Path tmp;
    Path vault;
    Path outside;

    @BeforeEach
    void setUp() throws IOException {
        vault = Files.createDirectories(tmp.resolve("vault"));
        outside = Files.createDirectories(tmp.resolve("elsewhere"));
        Files.writeString(vault.resolve("own.md"), "x");
        Files.writeString(outside.resolve("secret.md"), "not part of the vault");
        Files.createDirectories(outside.resolve("folder/sub"));
        Files.writeString(outside.resolve("folder/linked-in.md"), "a");
        Files.writeString(outside.resolve("folder/sub/deeper.md"), "b");
    }

    private static List<String> paths(ScanResult r) {
        return r.files().stream().map(VaultFile::relativePath).toList();
    }

    private static Map<String, ScanProblem.Kind> kinds(ScanResult r) {
        return r.problems().stream().collect(Collectors.toMap(ScanProblem::relativePath, ScanProblem::kind));
    }

    @Test
    void linksOutOfTheVaultAreSkippedAndReportedByDefault() throws IOException {
        Files.createSymbolicLink(vault.resolve("stolen.md"), outside.resolve("secret.md"));
        Files.createSymbolicLink(vault.resolve("linked-folder"), outside.resolve("folder"));
        Files.createDirectories(vault.resolve("real"));
        Files.writeString(vault.resolve("real/inside.md"), "y");
        Files.createSymbolicLink(vault.resolve("alias.md"), vault.resolve("real/inside.md"));
        ScanResult r = new VaultScanner(vault).scan();
        assertEquals(List.of("alias.md", "own.md", "real/inside.md"), paths(r), "a link inside the vault is followed");
        assertEquals(Map.of("stolen.md", ScanProblem.Kind.EXTERNAL_LINK, "linked-folder", ScanProblem.Kind.EXTERNAL_LINK),
                kinds(r));
        ScanProblem stolen = r.problems().stream().filter(p -> p.relativePath().equals("stolen.md")).findFirst()
                .orElseThrow();
        assertTrue(stolen.reason().contains(outside.toRealPath().resolve("secret.md").toString()), stolen.reason());
        assertTrue(r.isComplete(), "links skipped on purpose hide no note");
        assertFalse(r.mayContain("stolen.md"), "a note indexed through the link before is deleted now");
    }

    @Test
    void aLinkWhoseRealTargetLeavesTheVaultThroughAnotherLinkIsOutside() throws IOException {
        // vault/door -> elsewhere (outside); vault/sneaky.md -> vault/door/secret.md: lexically inside, really outside
        Files.createSymbolicLink(vault.resolve("door"), outside);
        Files.createSymbolicLink(vault.resolve("sneaky.md"), vault.resolve("door/secret.md"));
        ScanResult r = new VaultScanner(vault).scan();
        assertEquals(List.of("own.md"), paths(r));
        assertEquals(ScanProblem.Kind.EXTERNAL_LINK, kinds(r).get("sneaky.md"));
    }

    @Test
    void withTheOptionExternalNotesAndFoldersAreFollowedUnderTheLinkPath() throws IOException {
        Files.createSymbolicLink(vault.resolve("stolen.md"), outside.resolve("secret.md"));
        Files.createSymbolicLink(vault.resolve("linked-folder"), outside.resolve("folder"));
        Files.createSymbolicLink(outside.resolve("folder/sub/back-up"), outside.resolve("folder")); // a loop outside
        ScanResult r = new VaultScanner(vault, List.of(), true).scan();
        assertEquals(List.of("linked-folder/linked-in.md", "linked-folder/sub/deeper.md", "own.md", "stolen.md"),
                paths(r));
        for (VaultFile f : r.files()) {
            assertTrue(Files.isRegularFile(vault.resolve(f.relativePath())), "readable through the vault: " + f);
            assertEquals(vault.resolve(f.relativePath()), f.path());
        }
        assertEquals(Map.of("linked-folder/sub/back-up", ScanProblem.Kind.LINK_LOOP), kinds(r));
        assertTrue(r.isComplete());
    }

    @Test
    void linkLoopsAreReportedNotFollowed() throws IOException {
        Files.createSymbolicLink(vault.resolve("a.md"), vault.resolve("b.md"));
        Files.createSymbolicLink(vault.resolve("b.md"), vault.resolve("a.md"));
        Files.createSymbolicLink(vault.resolve("self.md"), vault.resolve("self.md"));
        Files.createDirectories(vault.resolve("dir"));
        Files.createSymbolicLink(vault.resolve("dir/up"), vault);
        ScanResult r = new VaultScanner(vault).scan();
        assertEquals(List.of("own.md"), paths(r));
        assertEquals(Map.of("a.md", ScanProblem.Kind.LINK_LOOP, "b.md", ScanProblem.Kind.LINK_LOOP,
                "self.md", ScanProblem.Kind.LINK_LOOP, "dir/up", ScanProblem.Kind.LINK_LOOP), kinds(r));
        assertTrue(r.problems().stream().allMatch(p -> p.reason().contains("loop")), r.problems().toString());
    }

    @Test
    void danglingLinksAreReportedAndMayStillHoldTheirNote() throws IOException {
        Files.createSymbolicLink(vault.resolve("on-usb.md"), tmp.resolve("unmounted/note.md"));
        ScanResult r = new VaultScanner(vault).scan();
        assertEquals(Map.of("on-usb.md", ScanProblem.Kind.DANGLING_LINK), kinds(r));
        assertFalse(r.isComplete());
        assertTrue(r.mayContain("on-usb.md"), "the drive may come back: its note is kept");
    }

    @Test
    void namesThatAreNotValidUtf8AreReportedNotListed() throws Exception {
        assumeTrue(System.getProperty("os.name").toLowerCase().contains("linux"), "raw-byte file names: Linux only");
        assumeTrue("UTF-8".equalsIgnoreCase(System.getProperty("sun.jnu.encoding")), "needs a UTF-8 file system encoding");
        // Java cannot name such a file; the shell can (\377 is a byte that never occurs in UTF-8)
        Process p = new ProcessBuilder("sh", "-c", "printf x > \"$(printf 'bad\\377name.md')\" && mkdir \"$(printf "
                + "'dir\\377')\" && printf y > \"$(printf 'dir\\377/inner.md')\"").directory(vault.toFile())
                .inheritIO().start();
        assertEquals(0, p.waitFor());
        ScanResult r = new VaultScanner(vault).scan();
        assertEquals(List.of("own.md"), paths(r));
        assertEquals(2, r.problems().size(), r.problems().toString());
        assertTrue(r.problems().stream().allMatch(pr -> pr.kind() == ScanProblem.Kind.BAD_NAME), r.problems().toString());
        assertTrue(r.problems().stream().anyMatch(pr -> pr.relativePath().equals("bad\uFFFDname.md")));
        assertTrue(r.mayContain("dir\uFFFD/inner.md"), "notes in a folder with a bad name are kept, not deleted");
    }

    @Test
    void theVaultSourceKeepsTheStructuredProblemsOfItsLastListing() throws Exception {
        Files.createSymbolicLink(vault.resolve("stolen.md"), outside.resolve("secret.md"));
        VaultSource source = new VaultSource(vault, List.of());
        assertTrue(source.lastScanProblems().isEmpty());
        var listing = source.list();
        assertEquals(List.of("own.md"), listing.items().stream().map(i -> i.key().sourceId()).toList());
        assertEquals(List.of(ScanProblem.Kind.EXTERNAL_LINK),
                source.lastScanProblems().stream().map(ScanProblem::kind).toList());
        assertEquals(1, listing.problems().size());
        assertTrue(listing.problems().getFirst().startsWith("stolen.md: symbolic link to a note outside the vault"));
        assertFalse(listing.maybePresent().test("stolen.md"));
        assertEquals("x", new String(Files.readAllBytes(vault.resolve("own.md")), StandardCharsets.UTF_8));
    }
    @Test
    void aNoteSwappedForALinkOutOfTheVaultAfterTheScanIsNotRead() throws Exception {
        VaultSource source = new VaultSource(vault, List.of());
        source.list();
        DocumentFile row = rowFor("own.md");
        assertEquals("x", source.extract(row, ExtractionLimits.defaults()).sections().getFirst().paragraphs().getFirst());
        Files.delete(vault.resolve("own.md"));
        Files.createSymbolicLink(vault.resolve("own.md"), outside.resolve("secret.md"));
        ExtractionException e = assertThrows(ExtractionException.class,
                () -> source.extract(row, ExtractionLimits.defaults()));
        assertEquals(ExtractionException.OUTSIDE_VAULT, e.errorType());
        assertTrue(e.getMessage().contains("outside the vault"), e.getMessage());
        VaultSource following = new VaultSource(vault, List.of(), true);
        assertEquals("not part of the vault", following.extract(row, ExtractionLimits.defaults()).sections().getFirst()
                .paragraphs().getFirst(), "with the option on, it is read");
    }

    private static DocumentFile rowFor(String relativePath) {
        return new DocumentFile(relativePath, "MD");
    }
}
