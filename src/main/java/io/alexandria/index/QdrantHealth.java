package io.alexandria.index;

import io.qdrant.client.QdrantClient;

/** Tells whether Qdrant is reachable and accepts the API key, in words a user understands. */
public final class QdrantHealth {
    private QdrantHealth() {
    }

    /**
     * The result of one probe.
     *
     * @param reachable  Qdrant answered and accepted the key
     * @param latencyMs  round-trip of the probe, ms (-1 when unreachable)
     * @param version    Qdrant's version, when reachable
     * @param message    one line for the user: what is wrong, or "ok"
     */
    public record Result(boolean reachable, boolean authFailed, long latencyMs, String version, String message) {
    }

    /**
     * Probes {@code client}: a health check, then listing collections (which needs the API key).
     * Never throws.
     */
    public static Result check(QdrantClient client, QdrantEndpoint endpoint) {
        long t0 = System.nanoTime();
        try {
            var reply = QdrantCalls.await(client.healthCheckAsync());
            QdrantCalls.await(client.listCollectionsAsync());
            long ms = (System.nanoTime() - t0) / 1_000_000;
            return new Result(true, false, ms, reply.getVersion(), "ok");
        } catch (QdrantException e) {
            if (e.isAuthFailure()) {
                return new Result(false, true, -1, null,
                        "Qdrant at " + endpoint.url() + " refused the API key (" + e.status().getCode() + ")");
            }
            String why = e.status().getDescription() == null ? e.status().getCode().toString()
                    : e.status().getCode() + ": " + e.status().getDescription();
            return new Result(false, false, -1, null, "Qdrant unreachable at " + endpoint.url() + " (" + why + ")");
        }
    }
}
