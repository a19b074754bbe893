package io.alexandria.qdrant;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Counters a test can assert on; they survive {@link LocalQdrant#restart()}. Thread-safe.
 */
public final class ServerStats {
    private final Map<String, AtomicLong> calls = new ConcurrentHashMap<>();
    private final AtomicLong pointsUpserted = new AtomicLong();
    private final AtomicLong pointsDeleted = new AtomicLong();
    private final Map<String, AtomicLong> upsertedBy = new ConcurrentHashMap<>();
    private final Map<String, AtomicLong> deletedBy = new ConcurrentHashMap<>();
    private final Map<String, AtomicLong> payloadsBy = new ConcurrentHashMap<>();

    void recordCall(String fullMethodName) {
        calls.computeIfAbsent(fullMethodName, k -> new AtomicLong()).incrementAndGet();
    }

    void addUpserted(String collection, long n) {
        pointsUpserted.addAndGet(n);
        upsertedBy.computeIfAbsent(collection, k -> new AtomicLong()).addAndGet(n);
    }

    void addDeleted(String collection, long n) {
        pointsDeleted.addAndGet(n);
        deletedBy.computeIfAbsent(collection, k -> new AtomicLong()).addAndGet(n);
    }

    void addPayloadsWritten(String collection, long n) {
        payloadsBy.computeIfAbsent(collection, k -> new AtomicLong()).addAndGet(n);
    }

    /** Points written by upserts into one collection. */
    public long pointsUpserted(String collection) {
        AtomicLong n = upsertedBy.get(collection);
        return n == null ? 0 : n.get();
    }

    /** Points removed from one collection by deletes. */
    public long pointsDeleted(String collection) {
        AtomicLong n = deletedBy.get(collection);
        return n == null ? 0 : n.get();
    }

    /** Points of one collection whose payload was set, overwritten, cleared or had keys deleted. */
    public long payloadsWritten(String collection) {
        AtomicLong n = payloadsBy.get(collection);
        return n == null ? 0 : n.get();
    }

    /**
     * Calls received for an RPC (after the api-key check). {@code rpc} may be the full gRPC name
     * ({@code "qdrant.Points/Upsert"}), service and method ({@code "Points/Upsert"}), or the bare
     * method ({@code "Upsert"}, summed over every service that has such a method, e.g. {@code
     * "Delete"} counts collection and point deletes).
     */
    public long calls(String rpc) {
        long total = 0;
        for (Map.Entry<String, AtomicLong> e : calls.entrySet()) {
            if (RpcNames.matches(e.getKey(), rpc)) {
                total += e.getValue().get();
            }
        }
        return total;
    }

    /** Total calls of any RPC. */
    public long totalCalls() {
        return calls.values().stream().mapToLong(AtomicLong::get).sum();
    }

    /** Points written by upserts (inserted or overwritten; conditional upserts count only what they wrote). */
    public long pointsUpserted() {
        return pointsUpserted.get();
    }

    /** Points removed by deletes (by ids or by filter; ids that did not exist are not counted). */
    public long pointsDeleted() {
        return pointsDeleted.get();
    }

    /** Sets every counter back to zero. */
    public void reset() {
        calls.clear();
        pointsUpserted.set(0);
        pointsDeleted.set(0);
        upsertedBy.clear();
        deletedBy.clear();
        payloadsBy.clear();
    }
}
