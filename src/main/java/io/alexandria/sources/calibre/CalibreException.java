package io.alexandria.sources.calibre;

import java.io.IOException;
import java.util.Objects;

/**
 * A Calibre library could not be opened or read. {@link #getMessage()} is written for a person
 * (the settings pane shows it as is); {@link #reason()} is the machine-readable class of failure.
 */
public class CalibreException extends IOException {

    /** Why a library could not be opened or read. */
    public enum Reason {
        /** The chosen folder does not exist (or the drive holding it is not mounted). */
        FOLDER_MISSING(true),
        /** The chosen path is a file, not a folder. */
        NOT_A_FOLDER(true),
        /** The folder has no {@code metadata.db}: not a Calibre library folder. */
        NO_METADATA_DB(true),
        /** {@code metadata.db} is not an SQLite database (wrong header, empty or damaged). */
        NOT_SQLITE(true),
        /** {@code metadata.db} is SQLite but lacks the tables of a Calibre library. */
        NOT_CALIBRE_SCHEMA(true),
        /** The database stayed locked (Calibre writing) for longer than the read policy allows. */
        LOCKED(false),
        /** Any other failure to read (I/O error, permissions, corruption, hot journal). */
        UNREADABLE(false);

        private final boolean notALibrary;

        Reason(boolean notALibrary) {
            this.notALibrary = notALibrary;
        }

        /** True when the folder is not (or no longer) a Calibre library, as opposed to a transient failure. */
        public boolean notALibrary() {
            return notALibrary;
        }
    }

    private final Reason reason;

    /**
     * @param reason  the class of failure, never null
     * @param message a message for a person, naming the path involved
     */
    public CalibreException(Reason reason, String message) {
        super(message);
        this.reason = Objects.requireNonNull(reason, "reason");
    }

    /**
     * @param reason  the class of failure, never null
     * @param message a message for a person, naming the path involved
     * @param cause   the underlying failure (an {@code SQLException} or {@code IOException})
     */
    public CalibreException(Reason reason, String message, Throwable cause) {
        super(message, cause);
        this.reason = Objects.requireNonNull(reason, "reason");
    }

    /** The class of failure. */
    public Reason reason() {
        return reason;
    }
}
