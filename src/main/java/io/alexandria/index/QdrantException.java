package io.alexandria.index;

import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import java.util.Optional;

/**
 * A Qdrant call failed. {@link #isTransient()} tells a retryable outage (unreachable, timeout,
 * overloaded) from a request Qdrant rejected. When the connection failed at the TLS level, the
 * message names the cause ({@link TlsFailure}: an untrusted, expired or wrong-host certificate, or
 * a plaintext/TLS mismatch) instead of gRPC's "io exception".
 */
public class QdrantException extends RuntimeException {
    private final transient Status status;

    public QdrantException(Status status, Throwable cause) {
        super(describe(status, cause), cause);
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

    /** The TLS failure behind this one, when the connection failed at the TLS level. */
    public Optional<TlsFailure> tlsFailure() {
        Optional<TlsFailure> fromCause = TlsFailure.of(getCause());
        return fromCause.isPresent() ? fromCause : TlsFailure.of(status.getCause());
    }

    /** True when Qdrant refused the API key. */
    public boolean isAuthFailure() {
        return status.getCode() == Status.Code.UNAUTHENTICATED || status.getCode() == Status.Code.PERMISSION_DENIED;
    }

    private static String describe(Status status, Throwable cause) {
        Optional<TlsFailure> tls = TlsFailure.of(cause);
        if (tls.isEmpty()) {
            tls = TlsFailure.of(status.getCause());
        }
        if (tls.isPresent()) {
            return "Qdrant " + status.getCode() + ": " + tls.get().message(null);
        }
        return "Qdrant " + status.getCode() + (status.getDescription() == null ? "" : ": " + status.getDescription());
    }
}
