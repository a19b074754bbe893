package io.alexandria.ipc;

/** The running instance could not be reached, or this one could not start listening. */
public final class IpcException extends Exception {
    /** With a message for people and the cause (may be null). */
    public IpcException(String message, Throwable cause) {
        super(message, cause);
    }
}
