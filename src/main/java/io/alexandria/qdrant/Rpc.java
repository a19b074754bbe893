package io.alexandria.qdrant;

import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.stub.StreamObserver;
import java.util.function.Supplier;

/** Runs a unary RPC body and turns its exceptions into gRPC errors. */
final class Rpc {
    private Rpc() {
    }

    /** Completes {@code observer} with the body's result, or fails it with the thrown status. */
    static <T> void unary(StreamObserver<T> observer, Supplier<T> body) {
        T result;
        try {
            result = body.get();
        } catch (StatusRuntimeException e) {
            observer.onError(e);
            return;
        } catch (RuntimeException e) {
            Status status = StorageFaults.isDiskFull(e)
                    ? Status.RESOURCE_EXHAUSTED.withDescription("Service internal error: " + e.getMessage())
                    : Status.INTERNAL.withDescription("Service internal error: " + e);
            observer.onError(status.withCause(e).asRuntimeException());
            return;
        }
        observer.onNext(result);
        observer.onCompleted();
    }

    /** Seconds since {@code startNanos} (the {@code time} field of Qdrant responses). */
    static double seconds(long startNanos) {
        return (System.nanoTime() - startNanos) / 1e9;
    }

    /** Fails {@code observer} with UNIMPLEMENTED naming {@code feature}. */
    static void unimplemented(StreamObserver<?> observer, String feature) {
        observer.onError(QdrantErrors.unimplemented(feature));
    }
}
