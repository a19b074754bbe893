package io.alexandria.bench;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The benchmark command (not a test): {@code mvn -q test-compile exec:exec@bench -Dbench=NAME}
 * where NAME is {@code all} or a comma-separated list of the parts below: {@code vault} (issue
 * #2), {@code library} (#3), {@code scale} (#4: a 10,000-note vault), {@code embedding} (#7: each
 * engine and model by batch size), {@code events} (#5: queries over 100,000 events),
 * {@code calibre-read} (reading a 50,000-book metadata.db), {@code localqdrant} (#12: the local
 * index with 300,000 points, {@code -Dbench.points=N} for another size). {@code all} runs vault, library,
 * embedding and events; scale, calibre-read and localqdrant take long and run only by name. Each part prints its
 * figures; speed and memory goals are read from these figures, never asserted in tests.
 * {@code -Dbench.qdrant=http://host:6334} uses a real Qdrant instead of the in-process test server.
 */
public final class Benchmark {
    private Benchmark() {
    }

    /** A named benchmark part. */
    interface Part {
        void run() throws Exception;
    }

    public static void main(String[] args) throws Exception {
        org.slf4j.bridge.SLF4JBridgeHandler.removeHandlersForRootLogger();
        org.slf4j.bridge.SLF4JBridgeHandler.install();
        Map<String, Part> parts = new LinkedHashMap<>();
        parts.put("vault", VaultBenchmark::run);
        parts.put("library", LibraryBenchmark::run);
        parts.put("scale", ScaleBenchmark::run);
        parts.put("embedding", () -> io.alexandria.embedding.EmbeddingBenchmark.main(new String[0]));
        parts.put("events", () -> io.alexandria.events.EventServiceBenchmark.main(new String[0]));
        parts.put("localqdrant", LocalQdrantBenchmark::run);
        parts.put("calibre-read", () -> io.alexandria.sources.calibre.SyntheticLibraryBenchmark.main(new String[0]));
        String what = System.getProperty("bench", "all");
        List<String> chosen = what.equals("all") ? List.of("vault", "library", "embedding", "events")
                : Arrays.asList(what.split(","));
        for (String name : chosen) {
            Part p = parts.get(name.strip());
            if (p == null) {
                System.err.println("unknown benchmark '" + name + "'; known: " + parts.keySet());
                System.exit(2);
            }
            System.out.println("== " + name);
            p.run();
        }
        System.exit(0);
    }
}
