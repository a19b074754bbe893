package io.alexandria.index;

import io.grpc.Status;
import io.grpc.StatusRuntimeException;

/**
 * A Qdrant call failed. {@link #isTransient()} tells a retryable outage (unreachable, timeout,
 * overloaded) from a request Qdrant rejected.
 */
public class QdrantException extends RuntimeException {
    private final transient Status status;

    public QdrantException(Status status, Throwable cause) {
        super(describe(status), cause);
        this.status = status;
    }

    /** Wraps any failure of a client future. */
    public static QdrantException from(Throwable t) {
        if (t instanceof QdrantException q) {
            return q;
        }
        for (Throwable x = t; x != null; x = x.getCause()) {
            if (x instanceof StatusRuntimeException s) {
                return new QdrantException(s.getStatus(), t);
            }
            if (x == x.getCause()) {
                break;
            }
        }
        return new QdrantException(Status.UNKNOWN.withDescription(String.valueOf(t)), t);
    }

    /** The gRPC status. */
    public Status status() {
        return status;
    }

    /** True for outages worth retrying: UNAVAILABLE, DEADLINE_EXCEEDED, RESOURCE_EXHAUSTED, ABORTED. */
    public boolean isTransient() {
        return switch (status.getCode()) {
            case UNAVAILABLE, DEADLINE_EXCEEDED, RESOURCE_EXHAUSTED, ABORTED, CANCELLED -> true;
            default -> false;
        };
    }

    /** True when Qdrant refused the API key. */
    public boolean isAuthFailure() {
        return status.getCode() == Status.Code.UNAUTHENTICATED || status.getCode() == Status.Code.PERMISSION_DENIED;
    }

    private static String describe(Status status) {
        return "Qdrant " + status.getCode() + (status.getDescription() == null ? "" : ": " + status.getDescription());
    }
}
