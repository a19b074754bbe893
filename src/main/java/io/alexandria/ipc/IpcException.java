package io.alexandria.ipc;

/** The running instance could not be reached, or this one could not start listening. */
public final class IpcException extends Exception {
    private final boolean otherInstance;

    /**
     * With a message for people and the cause (may be null).
     *
     * @param otherInstance true when another instance holds the data folder (but did not answer),
     *                      false when this launch merely could not listen
     */
    public IpcException(String message, Throwable cause, boolean otherInstance) {
        super(message, cause);
        this.otherInstance = otherInstance;
    }

    /** Whether another instance holds the data folder (starting a second one would fail on its lock). */
    public boolean otherInstance() {
        return otherInstance;
    }
}
