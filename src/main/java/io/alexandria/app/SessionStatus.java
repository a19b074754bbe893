package io.alexandria.app;

/**
 * Where the app session stands, for the status bar and the panes.
 *
 * @param phase   starting, ready, failed or closed
 * @param message a line for the user (what is being done, or what went wrong and what to do)
 */
public record SessionStatus(Phase phase, String message) {
    /** The session's phases. */
    public enum Phase {
        /** Assembling the engine (loading settings, the model, the ledger) or applying new settings. */
        STARTING,
        /** The engine and services are up (Qdrant may still be unreachable: work then queues). */
        READY,
        /** The engine could not be assembled; the message says why (fix it in Settings). */
        FAILED,
        /** Closed for good. */
        CLOSED
    }

    /** A starting status. */
    public static SessionStatus starting(String message) {
        return new SessionStatus(Phase.STARTING, message);
    }

    /** Whether the services can be used. */
    public boolean ready() {
        return phase == Phase.READY;
    }
}
