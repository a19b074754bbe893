package io.alexandria.testserver;

import io.grpc.Server;
import io.grpc.Status;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.grpc.netty.shaded.io.netty.channel.ChannelOption;
import io.qdrant.client.QdrantClient;
import io.qdrant.client.QdrantGrpcClient;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * An in-process, Qdrant-compatible gRPC server for tests: it speaks the {@code qdrant.Qdrant},
 * {@code qdrant.Collections}, {@code qdrant.Points} and {@code qdrant.Snapshots} services of the
 * client jar ({@code io.qdrant:client:1.18.3}) on 127.0.0.1 over plaintext HTTP/2, reports itself
 * as Qdrant 1.18.0, and keeps everything in memory ({@link QdrantStore}).
 *
 * <p>Behaviour follows Qdrant 1.18 for what Alexandria uses (see the package README); what it does
 * not implement answers UNIMPLEMENTED with a message naming the feature. For tests it adds call
 * counters ({@link #calls}), fault injection ({@link #failNext}), artificial latency
 * ({@link #setLatency}) and {@link #restart()}, which keeps the data. Thread-safe.
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
    public static final String TITLE = "qdrant - vector search engine";
    /** The Qdrant version the health check reports (within one minor of the 1.18.x client). */
    public static final String VERSION = "1.18.0";
    /** The address the server binds. */
    public static final String HOST = "127.0.0.1";
    /** Largest accepted request, as Qdrant's default {@code max_request_size_mb} (32 MiB). */
    private static final int MAX_MESSAGE_BYTES = 32 * 1024 * 1024;

    private final ServerStats stats = new ServerStats();
    private final QdrantStore store = new QdrantStore(stats);
    private final ServerControl control = new ServerControl(stats);
    private final String apiKey;
    private int port;
    private Server server;

    private QdrantTestServer(int port, String apiKey) {
        this.port = port;
        this.apiKey = apiKey;
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
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port out of range: " + port);
        }
        QdrantTestServer s = new QdrantTestServer(port, apiKey == null || apiKey.isBlank() ? null : apiKey);
        s.bind();
        return s;
    }

    private synchronized void bind() {
        NettyServerBuilder builder = NettyServerBuilder.forAddress(new InetSocketAddress(HOST, port))
                .withOption(ChannelOption.SO_REUSEADDR, true)
                .maxInboundMessageSize(MAX_MESSAGE_BYTES)
                .addService(new HealthService())
                .addService(new CollectionsService(store))
                .addService(new PointsService(store))
                .addService(new SnapshotsService())
                .intercept(control);
        if (apiKey != null) {
            builder.intercept(new ApiKeyInterceptor(apiKey));
        }
        Server started = builder.build();
        try {
            started.start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot bind the Qdrant test server to " + HOST + ":" + port, e);
        }
        server = started;
        port = started.getPort();
    }

    /** The bound port (stays the same across {@link #restart()}). */
    public synchronized int port() {
        return port;
    }

    /** The gRPC endpoint as a URL, e.g. {@code http://127.0.0.1:6334}. */
    public synchronized String url() {
        return "http://" + HOST + ":" + port;
    }

    /** The api key the server requires, or null. */
    public String apiKey() {
        return apiKey;
    }

    /** Whether the server is currently accepting calls. */
    public synchronized boolean isRunning() {
        return server != null && !server.isShutdown();
    }

    /**
     * Stops serving: in-flight calls are cancelled and new ones fail with UNAVAILABLE on the client.
     * Data is kept for {@link #restart()}. Idempotent.
     */
    public synchronized void stop() {
        if (server == null) {
            return;
        }
        server.shutdownNow();
        try {
            server.awaitTermination(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        server = null;
    }

    /**
     * Stops (if running) and serves again on the same port with the same stored data, counters,
     * faults and latency, as a Qdrant restarted mid-sync would come back with its storage.
     *
     * @throws UncheckedIOException when the port was taken in the meantime
     */
    public synchronized void restart() {
        stop();
        bind();
    }

    /** Same as {@link #stop()}. */
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
        if (apiKey != null) {
            builder.withApiKey(apiKey);
        }
        return new QdrantClient(builder.build());
    }

    /** The stored data (shared across restarts). */
    public QdrantStore store() {
        return store;
    }

    /** Call and point counters (shared across restarts). */
    public ServerStats stats() {
        return stats;
    }

    /**
     * Calls received for an RPC: {@code "Upsert"}, {@code "Points/Upsert"} or
     * {@code "qdrant.Points/Upsert"} (see {@link ServerStats#calls}). Calls rejected for a missing
     * or wrong api key are not counted; injected failures are.
     */
    public long calls(String rpc) {
        return stats.calls(rpc);
    }

    /** Points written by upserts since start or the last {@link #resetCounters()}. */
    public long pointsUpserted() {
        return stats.pointsUpserted();
    }

    /** Points removed by deletes since start or the last {@link #resetCounters()}. */
    public long pointsDeleted() {
        return stats.pointsDeleted();
    }

    /** Sets call and point counters back to zero. */
    public void resetCounters() {
        stats.reset();
    }

    /**
     * Makes the next {@code times} calls of {@code rpc} (named as for {@link #calls}) fail with
     * {@code status} before they reach the service (nothing is stored). Faults queue up in order.
     *
     * @throws IllegalArgumentException for {@code times < 1} or an OK status
     */
    public void failNext(String rpc, Status status, int times) {
        control.failNext(rpc, status, times);
    }

    /** Drops every queued fault. */
    public void clearFailures() {
        control.clearFaults();
    }

    /**
     * Delays every RPC (health check included) by {@code latency} before it is handled, e.g. to
     * exercise client deadlines; {@link Duration#ZERO} turns it off.
     */
    public void setLatency(Duration latency) {
        control.setLatency(latency);
    }

    @Override
    public String toString() {
        return "QdrantTestServer[" + url() + (apiKey != null ? ", api key" : "") + "]";
    }
}
