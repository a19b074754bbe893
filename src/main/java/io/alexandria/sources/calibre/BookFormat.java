package io.alexandria.sources.calibre;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Objects;

/**
 * One format file of a book: one row of calibre's {@code data} table.
 *
 * @param format           the format in upper case ({@code data.format}, e.g. {@code EPUB},
 *                         {@code PDF}, {@code ORIGINAL_EPUB})
 * @param name             the file's base name without extension ({@code data.name}); calibre
 *                         shortens titles in it, so it is never rebuilt from the title
 * @param uncompressedSize the size calibre recorded, in bytes ({@code data.uncompressed_size})
 * @param file             the absolute file {@code <library>/<books.path>/<data.name>.<lowercase
 *                         format>} ({@code src/test/corpus/README.md} section C); it may be
 *                         missing on disk, see {@link #exists()}
 */
public record BookFormat(String format, String name, long uncompressedSize, Path file) {

    /**
     * Normalises {@code format} to upper case.
     *
     * @throws NullPointerException     when an argument is null
     * @throws IllegalArgumentException when {@code format} is blank
     */
    public BookFormat {
        Objects.requireNonNull(format, "format");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(file, "file");
        format = format.strip().toUpperCase(Locale.ROOT);
        if (format.isEmpty()) {
            throw new IllegalArgumentException("format is blank");
        }
    }

    /** True when {@link #file()} exists now and is a regular file (checks the disk on every call). */
    public boolean exists() {
        return Files.isRegularFile(file);
    }

    /** The file extension calibre uses: the format in lower case, without a dot (e.g. {@code epub}). */
    public String extension() {
        return format.toLowerCase(Locale.ROOT);
    }
}
