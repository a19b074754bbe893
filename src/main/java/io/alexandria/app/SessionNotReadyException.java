package io.alexandria.app;

/** A call reached the session while it had no services (starting, applying settings, failed or closed). */
public final class SessionNotReadyException extends IllegalStateException {
    /** With the session's current status line. */
    public SessionNotReadyException(String message) {
        super(message);
    }
}
