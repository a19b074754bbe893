package io.alexandria.testsupport;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.List;

/**
 * The shared real-world test corpus ({@code ../shared/corpus}: an Obsidian vault, e-books and a
 * Calibre library). Tests never touch it in place: they copy what they need into a temp dir.
 * Where the corpus is absent (a user's clone), tests that need it are skipped, never failed.
 */
public final class Corpus {
    private Corpus() {
    }

    /** The corpus root, or {@code null} when it is not present on this machine. */
    public static Path root() {
        String prop = System.getProperty("alexandria.shared.dir");
        String env = System.getenv("ALEXANDRIA_SHARED_DIR");
        for (String candidate : new String[] {prop, env, "../shared"}) {
            if (candidate != null && !candidate.isBlank()) {
                Path p = Path.of(candidate).toAbsolutePath().normalize().resolve("corpus");
                if (Files.isDirectory(p)) {
                    return p;
                }
            }
        }
        return null;
    }

    /** Skips the calling test (JUnit assumption) with a clear message when the corpus is absent. */
    public static Path require() {
        Path root = root();
        assumeTrue(root != null, "shared corpus not found (../shared/corpus, or -Dalexandria.shared.dir): "
                + "skipping a test that needs the real vault/books/Calibre library");
        return root;
    }

    /** Copies the corpus vault {@code obsidian-tasks-docs} to {@code target} and returns the copy. */
    public static Path copyVault(Path target) {
        return copy(require().resolve("obsidian-tasks-docs"), target);
    }

    /**
     * Copies the first {@code n} notes (by vault-relative path, skipping {@code _meta/} templates)
     * of the corpus vault into a new vault folder {@code target}, keeping their folders.
     */
    public static Path copyNotes(Path target, int n) {
        Path vault = require().resolve("obsidian-tasks-docs");
        try (var walk = Files.walk(vault)) {
            List<Path> notes = walk.filter(p -> p.toString().endsWith(".md"))
                    .filter(p -> !vault.relativize(p).toString().startsWith(".")
                            && !vault.relativize(p).toString().startsWith("_meta"))
                    .sorted().limit(n).toList();
            for (Path note : notes) {
                Path copy = target.resolve(vault.relativize(note).toString());
                Files.createDirectories(copy.getParent());
                Files.copy(note, copy, StandardCopyOption.REPLACE_EXISTING);
            }
            return target;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Copies the corpus Calibre library to {@code target} and returns the copy. */
    public static Path copyCalibreLibrary(Path target) {
        return copy(require().resolve("calibre-library"), target);
    }

    /** Copies one file of {@code corpus/books} into {@code targetDir} and returns the copy. */
    public static Path copyBook(String fileName, Path targetDir) {
        Path src = require().resolve("books").resolve(fileName);
        try {
            Files.createDirectories(targetDir);
            Path copy = Files.copy(src, targetDir.resolve(fileName), StandardCopyOption.REPLACE_EXISTING);
            Files.setLastModifiedTime(copy, Files.getLastModifiedTime(src));
            return copy;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Recursively copies {@code source} to {@code target} (keeping modification times, writable). */
    public static Path copy(Path source, Path target) {
        try {
            Files.walkFileTree(source, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) throws IOException {
                    Files.createDirectories(target.resolve(source.relativize(dir).toString()));
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                    Path copy = target.resolve(source.relativize(file).toString());
                    // not COPY_ATTRIBUTES: the corpus is read-only, copies must be writable by tests
                    Files.copy(file, copy, StandardCopyOption.REPLACE_EXISTING);
                    Files.setLastModifiedTime(copy, attrs.lastModifiedTime());
                    return FileVisitResult.CONTINUE;
                }
            });
            return target;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
