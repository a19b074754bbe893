package io.alexandria.sources.vault;

import java.util.Objects;

/**
 * A file, folder or link that {@link VaultScanner#scan()} did not list, with why. The scan went on
 * without it. The engine shows these per path (sync summary, health, the Ingest pane): they are the
 * vault's own problems, not failures of the scan.
 *
 * @param relativePath vault-relative, {@code '/'}-separated path of the file, folder or link
 *                     ({@code ""} for the vault root itself; an ignore-rule problem uses the ignore
 *                     file's name or {@code ""})
 * @param kind         the class of problem; {@link Kind#hidesNotes()} tells whether notes may exist
 *                     at that path although they were not listed
 * @param reason       a short human-readable reason, e.g. {@code "folder not readable: permission denied"}
 */
public record ScanProblem(String relativePath, Kind kind, String reason) {
    /** The classes of scan problems. */
    public enum Kind {
        /** A folder or note that cannot be read (permissions, I/O error); its notes are not listed. */
        UNREADABLE(true),
        /** A note that vanished between listing its folder and reading its attributes. */
        VANISHED(true),
        /**
         * A name that is not valid in the file system's encoding (UTF-8): the file cannot be opened by
         * its name, so it (or the folder's notes) is not listed. Renaming it fixes this.
         */
        BAD_NAME(true),
        /** A symbolic link whose target does not exist (perhaps on a drive not mounted now). */
        DANGLING_LINK(true),
        /** A symbolic link that leads back to itself or to a folder that contains it; never followed. */
        LINK_LOOP(false),
        /**
         * A symbolic link whose target lies outside the vault, skipped because following external
         * links is off (see {@link VaultScanner#VaultScanner(java.nio.file.Path, java.util.List, boolean)}).
         */
        EXTERNAL_LINK(false),
        /** The ignore file cannot be read or a pattern is not valid; the other rules still apply. */
        IGNORE_RULES(false);

        private final boolean hidesNotes;

        Kind(boolean hidesNotes) {
            this.hidesNotes = hidesNotes;
        }

        /**
         * {@code true} when a note may exist at (or under) the problem's path although the scan did not
         * list it, so a note the ledger knows there must not be deleted; {@code false} when the path is
         * deliberately not indexed (loops, external links) or the problem does not hide notes.
         */
        public boolean hidesNotes() {
            return hidesNotes;
        }
    }

    public ScanProblem {
        Objects.requireNonNull(relativePath, "relativePath");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(reason, "reason");
    }

    /** A problem of kind {@link Kind#UNREADABLE}. */
    public ScanProblem(String relativePath, String reason) {
        this(relativePath, Kind.UNREADABLE, reason);
    }

    /** One line for logs and listings: {@code path: reason}, or the reason alone for the root. */
    public String describe() {
        return relativePath.isEmpty() ? reason : relativePath + ": " + reason;
    }
}
