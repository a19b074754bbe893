package io.alexandria.testsupport;

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
 * The real-world test corpus kept in this repository ({@code src/test/corpus}: an Obsidian vault,
 * e-books, a Calibre library and Japanese notes, each with its licence; see its README). It is
 * read from the source tree, never copied into the build output or a jar. Tests never touch it in
 * place: they copy what they need into a temp dir before they change or watch anything.
 */
public final class Corpus {
    /** System property naming the corpus folder (the build sets it to the source tree's copy). */
    public static final String PROPERTY = "alexandria.corpus.dir";

    private Corpus() {
    }

    /**
     * The corpus root: {@value #PROPERTY} when set, else {@code src/test/corpus} below the working
     * directory (the project root under Maven and IDEs).
     *
     * @throws IllegalStateException when the folder is not there (a broken checkout)
     */
    public static Path root() {
        String prop = System.getProperty(PROPERTY);
        Path p = (prop != null && !prop.isBlank() ? Path.of(prop) : Path.of("src", "test", "corpus"))
                .toAbsolutePath().normalize();
        if (!Files.isRegularFile(p.resolve("README.md"))) {
            throw new IllegalStateException("the test corpus is missing at " + p + " (it is part of the repository: "
                    + "src/test/corpus)");
        }
        return p;
    }

    /** The corpus root; kept for tests written when the corpus lived outside the repository. */
    public static Path require() {
        return root();
    }

    /** Copies the corpus vault {@code obsidian-tasks-docs} to {@code target} and returns the copy. */
    public static Path copyVault(Path target) {
        return copy(root().resolve("obsidian-tasks-docs"), target);
    }

    /**
     * Copies the first {@code n} notes (by vault-relative path, skipping {@code _meta/} templates)
     * of the corpus vault into a new vault folder {@code target}, keeping their folders.
     */
    public static Path copyNotes(Path target, int n) {
        Path vault = root().resolve("obsidian-tasks-docs");
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
        return copy(root().resolve("calibre-library"), target);
    }

    /** Copies one file of {@code corpus/books} into {@code targetDir} and returns the copy. */
    public static Path copyBook(String fileName, Path targetDir) {
        Path src = root().resolve("books").resolve(fileName);
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
