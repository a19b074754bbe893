package io.alexandria.index;

import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;

/** Waits on the client's futures and turns failures into {@link QdrantException}s. */
public final class QdrantCalls {
    private QdrantCalls() {
    }

    /**
     * Blocks for {@code future}'s result.
     *
     * @throws QdrantException carrying the gRPC status when the call failed
     */
    public static <T> T await(Future<T> future) {
        try {
            return future.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new QdrantException(Status.CANCELLED.withDescription("interrupted"), e);
        } catch (ExecutionException e) {
            throw QdrantException.from(e.getCause());
        }
    }

    /** The gRPC status code of a failure, walking causes; {@code UNKNOWN} when none is found. */
    public static Status.Code code(Throwable t) {
        for (Throwable x = t; x != null; x = x.getCause()) {
            if (x instanceof QdrantException q) {
                return q.status().getCode();
            }
            if (x instanceof StatusRuntimeException s) {
                return s.getStatus().getCode();
            }
            if (x == x.getCause()) {
                break;
            }
        }
        return Status.Code.UNKNOWN;
    }
}
