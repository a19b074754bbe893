package io.alexandria.embedding;

/**
 * A download the embedding engine needed could not be made. The message is written for people
 * (no stack trace needed) and says what to do; {@link #reason()} lets callers tell "no network"
 * apart from the rest.
 */
public class DownloadException extends EmbeddingException {
    /** Why a download failed. */
    public enum Reason {
        /** The app (or DJL) is in offline mode: nothing was attempted. */
        OFFLINE,
        /** The host could not be resolved or reached (no network, DNS failure, refused). */
        UNREACHABLE,
        /** The server did not answer or stopped sending within the timeout. */
        TIMEOUT,
        /** The server answered with an HTTP error (404: not in the repository). */
        HTTP_ERROR,
        /** What arrived is not what was announced (checksum, size, archive content). */
        CORRUPT,
        /** A local file could not be written. */
        LOCAL_IO,
        /** The downloading thread was interrupted. */
        CANCELLED
    }

    private final Reason reason;

    /**
     * @param reason  why it failed
     * @param message for people: what could not be downloaded, why, and what to do
     * @param cause   the underlying exception, or null
     */
    public DownloadException(Reason reason, String message, Throwable cause) {
        super(message, cause);
        this.reason = reason;
    }

    /** Why it failed. */
    public Reason reason() {
        return reason;
    }

    /** True when the cause is having no network (offline mode, unreachable host, timeout). */
    public boolean isNoNetwork() {
        return reason == Reason.OFFLINE || reason == Reason.UNREACHABLE || reason == Reason.TIMEOUT;
    }
}
