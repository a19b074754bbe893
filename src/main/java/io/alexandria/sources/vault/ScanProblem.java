package io.alexandria.sources.vault;

import java.util.Objects;

/**
 * A file or folder that {@link VaultScanner#scan()} could not read. The scan went on without it.
 *
 * @param relativePath vault-relative, {@code '/'}-separated path of the file or folder ({@code ""}
 *                     for the vault root itself, e.g. an unreadable {@code .alexandriaignore} problem
 *                     uses its own name)
 * @param reason       a short human-readable reason, e.g. {@code "folder not readable: Permission denied"}
 */
public record ScanProblem(String relativePath, String reason) {
    public ScanProblem {
        Objects.requireNonNull(relativePath, "relativePath");
        Objects.requireNonNull(reason, "reason");
    }
}
