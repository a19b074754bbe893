package io.alexandria.sources.vault;

import java.util.List;

/** TEMPORARY STUB. */
public record ScanResult(List<VaultFile> files, List<ScanProblem> problems) {
}
