package io.alexandria.sources.vault;

import java.util.List;

/**
 * What one {@link VaultScanner#scan()} found.
 *
 * <p>{@link #problems()} lists, per path and with a {@link ScanProblem.Kind kind} and a reason,
 * everything the scan met but did not list: unreadable folders and notes, names that cannot be
 * read, dangling links, link loops, links out of the vault that were skipped, broken ignore rules.
 * Problems whose kind {@link ScanProblem.Kind#hidesNotes() hides notes} make the listing incomplete:
 * a note under such a path may still exist even though it is not listed, so callers must not treat
 * it as deleted (see {@link #mayContain(String)}).
 *
 * @param files    the notes, sorted by {@link VaultFile#relativePath()} ({@link String#compareTo} order)
 * @param problems everything skipped or unreadable, in the order met
 */
public record ScanResult(List<VaultFile> files, List<ScanProblem> problems) {
    public ScanResult {
        files = List.copyOf(files);
        problems = List.copyOf(problems);
    }

    /**
     * {@code true} when no problem hides notes: every note of the vault is listed (links skipped on
     * purpose, loops and ignore-rule problems do not make a listing incomplete).
     */
    public boolean isComplete() {
        return problems.stream().noneMatch(p -> p.kind().hidesNotes());
    }

    /**
     * {@code true} when a note at {@code relativePath} may exist although it is not listed, because
     * that path or one of its folders is the path of a problem that
     * {@link ScanProblem.Kind#hidesNotes() hides notes}. A deletion-detecting caller keeps such notes
     * rather than dropping them.
     */
    public boolean mayContain(String relativePath) {
        for (ScanProblem p : problems) {
            if (!p.kind().hidesNotes()) {
                continue;
            }
            String prefix = p.relativePath();
            if (prefix.isEmpty() || relativePath.equals(prefix) || relativePath.startsWith(prefix + "/")) {
                return true;
            }
        }
        return false;
    }
}
