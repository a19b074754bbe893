package io.alexandria.index;

import io.grpc.Status;
import io.qdrant.client.QdrantClient;
import java.time.Duration;
import java.util.Optional;

/**
 * Tells whether Qdrant is reachable and accepts the API key, in words a user understands; a TLS
 * failure is named with its cause and the way out (see {@link TlsFailure}).
 */
public final class QdrantHealth {
    /** How long the "does it speak TLS?" probe of a failed plaintext connection may take per step. */
    private static final Duration TLS_PROBE_TIMEOUT = Duration.ofSeconds(3);
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
     * When a plaintext connection fails, a {@link TlsProbe} tells whether the server wanted TLS.
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
            Optional<TlsFailure> tls = e.tlsFailure();
            if (tls.isEmpty() && !endpoint.tls() && e.status().getCode() == Status.Code.UNAVAILABLE
                    && TlsProbe.speaksTls(endpoint.host(), endpoint.port(), TLS_PROBE_TIMEOUT)) {
                tls = Optional.of(new TlsFailure(TlsFailure.Kind.SERVER_EXPECTS_TLS, ""));
            }
            String why = tls.map(f -> f.message(endpoint.host()))
                    .orElse(e.status().getDescription() == null ? e.status().getCode().toString()
                            : e.status().getCode() + ": " + e.status().getDescription());
            return new Result(false, false, -1, null, "Qdrant unreachable at " + endpoint.url() + " (" + why + ")");
        }
    }
}
