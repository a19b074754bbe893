package io.alexandria.sources.vault;

import java.nio.file.Path;

/** TEMPORARY STUB. */
public record VaultFile(String relativePath, Path path, long sizeBytes, long modifiedMillis) {
}
