package io.alexandria.bench;

import io.alexandria.embedding.BundledModel;
import io.alexandria.index.QdrantConnector;
import io.alexandria.index.QdrantEndpoint;
import io.alexandria.store.Database;
import io.alexandria.sync.EngineConfig;
import io.alexandria.sync.SyncEngine;
import io.alexandria.testserver.QdrantTestServer;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/** Shared plumbing: a Qdrant (test server or real), engines, memory figures. */
final class BenchSupport {
    private BenchSupport() {
    }

    /** The Qdrant to use: {@code -Dbench.qdrant} or a fresh in-process test server. */
    static final class Target implements AutoCloseable {
        final String url;
        private final QdrantTestServer server;

        Target() {
            String real = System.getProperty("bench.qdrant", "");
            if (real.isBlank()) {
                server = QdrantTestServer.start();
                url = server.url();
            } else {
                server = null;
                url = real;
            }
        }

        /** The in-process test server, or null when a real Qdrant is used. */
        QdrantTestServer server() {
            return server;
        }

        @Override
        public void close() {
            if (server != null) {
                server.stop();
            }
        }
    }

    static SyncEngine engine(Path dataDir, Target target, String hostname) throws Exception {
        return parts(dataDir, target, hostname).engine();
    }

    /**
     * An engine with the parts it owns (and closes), for benchmarks that also search: the engine no
     * longer hands out its database, model or client.
     */
    record EngineParts(SyncEngine engine, Database db, io.alexandria.embedding.Embedder embedder,
                       io.qdrant.client.QdrantClient client) {
    }

    static EngineParts parts(Path dataDir, Target target, String hostname) throws Exception {
        Database db = Database.open(dataDir);
        io.alexandria.embedding.Embedder embedder = BundledModel.load(dataDir.resolve("models"));
        io.qdrant.client.QdrantClient client = QdrantConnector.connect(QdrantEndpoint.parse(target.url, null),
                Duration.ofSeconds(60));
        SyncEngine engine = new SyncEngine(db, embedder, client,
                EngineConfig.defaults(hostname).withEmbedBatch(Integer.getInteger("bench.batch", 32), 8192));
        return new EngineParts(engine, db, embedder, client);
    }

    /** Peak heap used so far (sum of the heap pools' peaks), MiB. */
    static double peakHeapMib() {
        long peak = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) {
                peak += pool.getPeakUsage().getUsed();
            }
        }
        return peak / 1048576.0;
    }

    /** Peak resident set size of this process (Linux VmHWM), MiB, or -1 elsewhere. */
    static double peakRssMib() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("VmHWM:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", "")) / 1024.0;
                }
            }
        } catch (IOException | RuntimeException e) {
            return -1;
        }
        return -1;
    }

    /** The 1, 5 and 15 minute load averages ({@code /proc/loadavg}), or "?" elsewhere. */
    static String uptime() {
        try {
            String[] f = Files.readString(Path.of("/proc/loadavg")).split("\\s+");
            return f[0] + " " + f[1] + " " + f[2];
        } catch (IOException | RuntimeException e) {
            return "?";
        }
    }

    static String memory() {
        return String.format("peak heap %.0f MiB, peak RSS %.0f MiB (model, natives and heap)", peakHeapMib(),
                peakRssMib());
    }
}
