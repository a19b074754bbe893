package io.alexandria.testserver;

import io.alexandria.qdrant.LocalQdrant;
import io.alexandria.qdrant.QdrantStore;
import io.alexandria.qdrant.ServerStats;
import io.grpc.Status;
import io.qdrant.client.QdrantClient;
import io.qdrant.client.QdrantGrpcClient;
import java.io.UncheckedIOException;
import java.time.Duration;

/**
 * The in-process, Qdrant-compatible gRPC server for tests: a thin wrapper over the app's
 * {@link LocalQdrant} with in-memory data, adding a client factory ({@link #newClient()}). It speaks
 * the {@code qdrant.Qdrant}, {@code qdrant.Collections}, {@code qdrant.Points} and
 * {@code qdrant.Snapshots} services of {@code io.qdrant:client:1.18.3} on 127.0.0.1 and reports
 * itself as Qdrant 1.18.0 (see {@code src/main/java/io/alexandria/qdrant/README.md}).
 *
 * <p>For tests it offers call counters ({@link #calls}), fault injection ({@link #failNext}),
 * artificial latency ({@link #setLatency}) and {@link #restart()}, which keeps the data.
 * Thread-safe.
 *
 * <pre>{@code
 * try (QdrantTestServer qdrant = QdrantTestServer.start();
 *      QdrantClient client = qdrant.newClient()) {
 *     ...
 * }
 * }</pre>
 */
public final class QdrantTestServer implements AutoCloseable {
    /** The title the health check reports, as Qdrant's. */
    public static final String TITLE = LocalQdrant.TITLE;
    /** The Qdrant version the health check reports (within one minor of the 1.18.x client). */
    public static final String VERSION = LocalQdrant.VERSION;
    /** The address the server binds. */
    public static final String HOST = LocalQdrant.HOST;

    private final LocalQdrant server;

    private QdrantTestServer(LocalQdrant server) {
        this.server = server;
    }

    /** Starts a server on an ephemeral port, without an api key. */
    public static QdrantTestServer start() {
        return start(0);
    }

    /**
     * Starts a server on {@code port} (0: ephemeral), without an api key.
     *
     * @throws UncheckedIOException when the port cannot be bound
     */
    public static QdrantTestServer start(int port) {
        return start(port, null);
    }

    /**
     * Starts a server on {@code port} (0: ephemeral) that requires {@code apiKey} (null or blank:
     * none) in the {@code api-key} header of every RPC but the health check.
     *
     * @throws UncheckedIOException when the port cannot be bound
     */
    public static QdrantTestServer start(int port, String apiKey) {
        return new QdrantTestServer(LocalQdrant.inMemory(port, apiKey));
    }

    /** The wrapped server. */
    public LocalQdrant server() {
        return server;
    }

    /** The bound port (stays the same across {@link #restart()}). */
    public int port() {
        return server.port();
    }

    /** The gRPC endpoint as a URL, e.g. {@code http://127.0.0.1:6334}. */
    public String url() {
        return server.url();
    }

    /** The api key the server requires, or null. */
    public String apiKey() {
        return server.apiKey();
    }

    /** Whether the server is currently accepting calls. */
    public boolean isRunning() {
        return server.isRunning();
    }

    /**
     * Stops serving: in-flight calls are cancelled and new ones fail with UNAVAILABLE on the client.
     * Data is kept for {@link #restart()}. Idempotent.
     */
    public void stop() {
        server.stop();
    }

    /**
     * Stops (if running) and serves again on the same port with the same stored data, counters,
     * faults and latency, as a Qdrant restarted mid-sync would come back with its storage.
     *
     * @throws UncheckedIOException when the port was taken in the meantime
     */
    public void restart() {
        server.restart();
    }

    /** Same as {@link #stop()}: the data stays for {@link #restart()}. */
    @Override
    public void close() {
        stop();
    }

    /**
     * A client as the app builds one: plaintext to {@link #HOST}:{@link #port()}, with the api key
     * when the server has one, and with the client's version compatibility check (a blocking health
     * check in {@code build()}). Close it after use.
     */
    public QdrantClient newClient() {
        QdrantGrpcClient.Builder builder = QdrantGrpcClient.newBuilder(HOST, port(), false);
        if (apiKey() != null) {
            builder.withApiKey(apiKey());
        }
        return new QdrantClient(builder.build());
    }

    /** The stored data (shared across restarts). */
    public QdrantStore store() {
        return server.store();
    }

    /** Call and point counters (shared across restarts). */
    public ServerStats stats() {
        return server.stats();
    }

    /**
     * Calls received for an RPC: {@code "Upsert"}, {@code "Points/Upsert"} or
     * {@code "qdrant.Points/Upsert"} (see {@link ServerStats#calls}). Calls rejected for a missing
     * or wrong api key are not counted; injected failures are.
     */
    public long calls(String rpc) {
        return stats().calls(rpc);
    }

    /** Points written by upserts since start or the last {@link #resetCounters()}. */
    public long pointsUpserted() {
        return stats().pointsUpserted();
    }

    /** Points removed by deletes since start or the last {@link #resetCounters()}. */
    public long pointsDeleted() {
        return stats().pointsDeleted();
    }

    /** Sets call and point counters back to zero. */
    public void resetCounters() {
        stats().reset();
    }

    /**
     * Makes the next {@code times} calls of {@code rpc} (named as for {@link #calls}) fail with
     * {@code status} before they reach the service (nothing is stored). Faults queue up in order.
     *
     * @throws IllegalArgumentException for {@code times < 1} or an OK status
     */
    public void failNext(String rpc, Status status, int times) {
        server.failNext(rpc, status, times);
    }

    /** Drops every queued fault. */
    public void clearFailures() {
        server.clearFailures();
    }

    /**
     * Delays every RPC (health check included) by {@code latency} before it is handled, e.g. to
     * exercise client deadlines; {@link Duration#ZERO} turns it off.
     */
    public void setLatency(Duration latency) {
        server.setLatency(latency);
    }

    @Override
    public String toString() {
        return "QdrantTestServer[" + url() + (apiKey() != null ? ", api key" : "") + "]";
    }
}
