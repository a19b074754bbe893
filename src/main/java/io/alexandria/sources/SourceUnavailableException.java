package io.alexandria.sources;

/**
 * The source's root is gone or unreadable (an unmounted NAS, a renamed folder, a Calibre database
 * that cannot be opened). A sync that meets this deletes nothing.
 */
public class SourceUnavailableException extends Exception {
    public SourceUnavailableException(String message) {
        super(message);
    }

    public SourceUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
