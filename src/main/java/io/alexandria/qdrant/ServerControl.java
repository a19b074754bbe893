package io.alexandria.qdrant;

import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.Status;
import java.time.Duration;
import java.util.Iterator;
import java.util.Objects;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Test controls applied to every RPC that passed the api-key check: counts the call, waits the
 * configured latency, then fails it when a queued fault matches. Thread-safe.
 */
final class ServerControl implements ServerInterceptor {

    private record Fault(String rpc, Status status, AtomicInteger remaining) {
    }

    private final ServerStats stats;
    private final ConcurrentLinkedQueue<Fault> faults = new ConcurrentLinkedQueue<>();
    private volatile Duration latency = Duration.ZERO;

    ServerControl(ServerStats stats) {
        this.stats = stats;
    }

    void failNext(String rpc, Status status, int times) {
        Objects.requireNonNull(rpc, "rpc");
        Objects.requireNonNull(status, "status");
        if (times < 1) {
            throw new IllegalArgumentException("times must be at least 1: " + times);
        }
        if (status.isOk()) {
            throw new IllegalArgumentException("a fault needs a non-OK status");
        }
        faults.add(new Fault(rpc, status, new AtomicInteger(times)));
    }

    void clearFaults() {
        faults.clear();
    }

    void setLatency(Duration latency) {
        if (latency.isNegative()) {
            throw new IllegalArgumentException("latency must not be negative: " + latency);
        }
        this.latency = latency;
    }

    private Status takeFault(String method) {
        for (Iterator<Fault> it = faults.iterator(); it.hasNext(); ) {
            Fault f = it.next();
            if (RpcNames.matches(method, f.rpc())) {
                int left = f.remaining().getAndDecrement();
                if (left <= 1) {
                    it.remove();
                }
                if (left >= 1) {
                    return f.status();
                }
            }
        }
        return null;
    }

    @Override
    public <Q, R> ServerCall.Listener<Q> interceptCall(ServerCall<Q, R> call, Metadata headers,
                                                      ServerCallHandler<Q, R> next) {
        String method = call.getMethodDescriptor().getFullMethodName();
        stats.recordCall(method);
        Duration wait = latency;
        if (!wait.isZero()) {
            try {
                Thread.sleep(wait);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        Status fault = takeFault(method);
        if (fault != null) {
            call.close(fault, new Metadata());
            return new ServerCall.Listener<>() {
            };
        }
        return next.startCall(call, headers);
    }
}
