package io.alexandria.sources.vault;

/** TEMPORARY STUB. */
public record ScanProblem(String relativePath, String reason) {
}
