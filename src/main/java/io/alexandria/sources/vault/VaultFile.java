package io.alexandria.sources.vault;

import java.nio.file.Path;
import java.util.Objects;

/**
 * One note found by {@link VaultScanner#scan()}.
 *
 * @param relativePath   path inside the vault, {@code '/'}-separated, no leading slash, e.g.
 *                       {@code "Getting Started/Dates.md"}; the note's identity in the vault
 * @param path           the absolute file path (a symlinked note keeps its link path)
 * @param sizeBytes      file size in bytes when scanned
 * @param modifiedMillis last modification time in milliseconds since the Unix epoch, when scanned
 */
public record VaultFile(String relativePath, Path path, long sizeBytes, long modifiedMillis) {
    public VaultFile {
        Objects.requireNonNull(relativePath, "relativePath");
        Objects.requireNonNull(path, "path");
    }
}
