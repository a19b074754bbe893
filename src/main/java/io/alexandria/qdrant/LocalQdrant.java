package io.alexandria.qdrant;

import io.grpc.Server;
import io.grpc.Status;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.grpc.netty.shaded.io.netty.channel.ChannelOption;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * Alexandria's local Qdrant: an in-process, Qdrant-compatible gRPC server on {@code 127.0.0.1}
 * that the app's local mode talks to through the real {@code io.qdrant:client}, exactly as to a
 * Qdrant server. It speaks the {@code qdrant.Qdrant}, {@code qdrant.Collections},
 * {@code qdrant.Points} and {@code qdrant.Snapshots} services of {@code io.qdrant:client:1.18.3}
 * over plaintext HTTP/2 and reports itself as Qdrant {@value #VERSION}; what it does not support
 * answers UNIMPLEMENTED naming the feature (see this package's README.md).
 *
 * <p>Data lives in a folder ({@link #open(Path)}: Apache Lucene indexes plus a checksummed
 * write-ahead log per collection, see {@link StoredCollection}) or in memory
 * ({@link #inMemory()}). A write acknowledged to the client is on disk (fsynced) before the
 * response. One process at a time may open a folder: a second one gets
 * {@link LocalIndexInUseException}; a damaged folder gives {@link CorruptLocalIndexException}.
 *
 * <pre>{@code
 * try (LocalQdrant qdrant = LocalQdrant.open(dataDir.resolve("qdrant"))) {
 *     QdrantClient client = new QdrantClient(
 *             QdrantGrpcClient.newBuilder(LocalQdrant.HOST, qdrant.port(), false).build());
 *     ...
 * }
 * }</pre>
 *
 * <p>For tests it also counts calls ({@link #stats()}), injects faults ({@link #failNext}) and adds
 * latency ({@link #setLatency}); all are off unless asked for. Thread-safe.
 */
public final class LocalQdrant implements AutoCloseable {
    /** The title the health check reports, as Qdrant's. */
    public static final String TITLE = "qdrant - vector search engine";
    /** The Qdrant version the health check reports (within one minor of the 1.18.x client). */
    public static final String VERSION = "1.18.0";
    /** The address the server binds (loopback only). */
    public static final String HOST = "127.0.0.1";
    /**
     * System property that forces strict mode on every collection created ({@code true}/{@code
     * false}); see {@link StrictMode}.
     */
    public static final String STRICT_PROPERTY = "alexandria.qdrant.strict";
    /** Largest accepted request, as Qdrant's default {@code max_request_size_mb} (32 MiB). */
    private static final int MAX_MESSAGE_BYTES = 32 * 1024 * 1024;

    private final ServerStats stats;
    private final QdrantStore store;
    private final ServerControl control;
    private final String apiKey;
    private int port;
    private Server server;

    private LocalQdrant(QdrantStore store, int port, String apiKey) {
        this.store = store;
        this.stats = store.stats();
        this.control = new ServerControl(stats);
        this.port = port;
        this.apiKey = apiKey;
    }

    /**
     * Opens (or creates) the index folder {@code dir} and serves it on an ephemeral port.
     *
     * @throws LocalIndexInUseException    when another process (or another server in this JVM) has
     *                                     the folder open
     * @throws CorruptLocalIndexException  when the folder holds a damaged index
     * @throws IOException                 when the folder cannot be read or created
     * @throws UncheckedIOException        when no port can be bound
     */
    public static LocalQdrant open(Path dir) throws IOException {
        return open(dir, 0, null);
    }

    /**
     * Opens (or creates) the index folder {@code dir} and serves it on {@code port} (0:
     * ephemeral), requiring {@code apiKey} (null or blank: none) on every RPC but the health check.
     *
     * @throws LocalIndexInUseException   when another process has the folder open
     * @throws CorruptLocalIndexException when the folder holds a damaged index
     * @throws IOException                when the folder cannot be read or created
     * @throws UncheckedIOException       when the port cannot be bound (the folder is released)
     */
    public static LocalQdrant open(Path dir, int port, String apiKey) throws IOException {
        checkPort(port);
        QdrantStore store = QdrantStore.open(dir, new ServerStats());
        try {
            return start(store, port, apiKey);
        } catch (RuntimeException e) {
            store.close();
            throw e;
        }
    }

    /** A server whose data lives in memory only, on an ephemeral port, without an api key. */
    public static LocalQdrant inMemory() {
        return inMemory(0, null);
    }

    /**
     * A server whose data lives in memory only, on {@code port} (0: ephemeral), requiring {@code
     * apiKey} (null or blank: none).
     *
     * @throws UncheckedIOException when the port cannot be bound
     */
    public static LocalQdrant inMemory(int port, String apiKey) {
        checkPort(port);
        return start(QdrantStore.inMemory(new ServerStats()), port, apiKey);
    }

    /** Serves an opened store (tests: a store with simulated storage faults). */
    static LocalQdrant serve(QdrantStore store, int port, String apiKey) {
        checkPort(port);
        return start(store, port, apiKey);
    }

    private static void checkPort(int port) {
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port out of range: " + port);
        }
    }

    private static LocalQdrant start(QdrantStore store, int port, String apiKey) {
        LocalQdrant q = new LocalQdrant(store, port, apiKey == null || apiKey.isBlank() ? null : apiKey);
        q.bind();
        return q;
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
            throw new UncheckedIOException("cannot bind the local Qdrant server to " + HOST + ":" + port, e);
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

    /** The index folder, or null for an in-memory server. */
    public Path dataDir() {
        return store.dataDir();
    }

    /** Whether the server is currently accepting calls. */
    public synchronized boolean isRunning() {
        return server != null && !server.isShutdown();
    }

    /**
     * Stops serving (in-flight calls are cancelled, new ones fail with UNAVAILABLE on the client)
     * but keeps the data open for {@link #restart()}. Idempotent.
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
     * Stops (if running) and serves again on the same port with the same data, counters, faults
     * and latency, as a Qdrant restarted mid-sync would come back with its storage.
     *
     * @throws UncheckedIOException  when the port was taken in the meantime
     * @throws IllegalStateException after {@link #close()}
     */
    public synchronized void restart() {
        if (store.isClosed()) {
            throw new IllegalStateException("the local Qdrant server is closed");
        }
        stop();
        bind();
    }

    /**
     * Stops serving and closes the storage: everything acknowledged is committed to the folder and
     * the folder lock is released. Idempotent.
     */
    @Override
    public synchronized void close() {
        stop();
        store.close();
    }

    /** The stored data. */
    public QdrantStore store() {
        return store;
    }

    /** Call and point counters (shared across restarts). */
    public ServerStats stats() {
        return stats;
    }

    /**
     * Makes the next {@code times} calls of {@code rpc} ({@code "Upsert"}, {@code "Points/Upsert"}
     * or {@code "qdrant.Points/Upsert"}) fail with {@code status} before they reach the service.
     * For tests; faults queue up in order.
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
     * Delays every RPC (health check included) by {@code latency} before it is handled; {@link
     * Duration#ZERO} (the default) turns it off. For tests.
     */
    public void setLatency(Duration latency) {
        control.setLatency(latency);
    }

    @Override
    public String toString() {
        Path dir = dataDir();
        return "LocalQdrant[" + url() + (dir != null ? ", " + dir : ", in memory") + (apiKey != null ? ", api key" : "")
                + "]";
    }
}
