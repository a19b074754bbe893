package io.alexandria.sources.vault;

import java.util.List;

/**
 * What one {@link VaultScanner#scan()} found.
 *
 * <p>When {@link #problems()} is not empty the listing is incomplete: a note under a problem path
 * may still exist even though it is not listed, so callers must not treat such notes as deleted
 * (see {@link #mayContain(String)}).
 *
 * @param files    the notes, sorted by {@link VaultFile#relativePath()} ({@link String#compareTo} order)
 * @param problems folders or files that could not be read, in the order met
 */
public record ScanResult(List<VaultFile> files, List<ScanProblem> problems) {
    public ScanResult {
        files = List.copyOf(files);
        problems = List.copyOf(problems);
    }

    /** {@code true} when every folder and file could be read. */
    public boolean isComplete() {
        return problems.isEmpty();
    }

    /**
     * {@code true} when a note at {@code relativePath} may exist although it is not listed, because
     * that path or one of its folders is a {@link #problems() problem} path. A deletion-detecting
     * caller keeps such notes rather than dropping them.
     */
    public boolean mayContain(String relativePath) {
        for (ScanProblem p : problems) {
            String prefix = p.relativePath();
            if (prefix.isEmpty() || relativePath.equals(prefix) || relativePath.startsWith(prefix + "/")) {
                return true;
            }
        }
        return false;
    }
}
