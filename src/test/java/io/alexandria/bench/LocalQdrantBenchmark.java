package io.alexandria.bench;

import static io.qdrant.client.ConditionFactory.matchKeyword;
import static io.qdrant.client.PointIdFactory.id;
import static io.qdrant.client.ValueFactory.list;
import static io.qdrant.client.ValueFactory.value;
import static io.qdrant.client.VectorsFactory.namedVectors;
import static io.qdrant.client.VectorsFactory.vectors;

import io.alexandria.qdrant.LocalQdrant;
import io.qdrant.client.QdrantClient;
import io.qdrant.client.QdrantGrpcClient;
import io.qdrant.client.QueryFactory;
import io.qdrant.client.VectorFactory;
import io.qdrant.client.grpc.Collections.CreateCollection;
import io.qdrant.client.grpc.Collections.Distance;
import io.qdrant.client.grpc.Collections.Modifier;
import io.qdrant.client.grpc.Collections.SparseVectorConfig;
import io.qdrant.client.grpc.Collections.SparseVectorParams;
import io.qdrant.client.grpc.Collections.VectorsConfig;
import io.qdrant.client.grpc.Collections.PayloadSchemaType;
import io.qdrant.client.grpc.Collections.VectorParams;
import io.qdrant.client.grpc.Common.Filter;
import io.qdrant.client.grpc.Points.Fusion;
import io.qdrant.client.grpc.Points.PointStruct;
import io.qdrant.client.grpc.Points.PrefetchQuery;
import io.qdrant.client.grpc.Points.QueryPointGroups;
import io.qdrant.client.grpc.Points.Vectors;
import io.qdrant.client.grpc.Points.QueryPoints;
import io.qdrant.client.grpc.Points.UpsertPoints;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/**
 * The local index's figures (issue 12): {@code mvn -q test-compile exec:exec@bench -Dbench=localqdrant}
 * [{@code -Dbench.points=300000}] [{@code -Dbench.sparse=50}]. Each phase runs in a child JVM (so
 * resident memory is its own): upsert of N points of 384 dims with chunk-like payloads (about 1 KB
 * of text, doc_id, source, file_path, title, heading, tags) and, unless {@code bench.sparse} is 0, a
 * sparse vector "text" ({@code modifier: idf}) of that many distinct indices drawn Zipf-like from a
 * 30,000-term vocabulary without its 50 most frequent terms (stop words), in {@code wait=true}
 * batches of 256; open after a clean close; filtered top-10 search latency (p50/p99): dense,
 * sparse (10 query terms), hybrid (dense and sparse prefetches of 50 fused by RRF) and grouped by
 * doc_id, and resident memory; open after {@code kill -9} during an upsert. The same upsert/search
 * phases against the in-memory server give the baseline.
 */
public final class LocalQdrantBenchmark {
    private static final int DIM = 384;
    private static final int BATCH = 256;
    private static final String[] SOURCES = {"vault", "calibre", "vault", "vault"};
    private static final String[] TAGS = {"project", "reading", "idea", "todo", "journal", "work", "book"};
    private static final int VOCABULARY = 30_000;
    private static final int STOP_WORDS = 50;

    private LocalQdrantBenchmark() {
    }

    /** Runs every phase and prints the figures. */
    public static void run() throws Exception {
        int n = Integer.getInteger("bench.points", 300_000);
        Path folder = Files.createTempDirectory("localqdrant-bench");
        System.out.printf("local index benchmark: %,d points x %d dims, %d sparse terms each, folder %s, load %s%n",
                n, DIM, sparseTerms(), folder, load());
        System.out.printf("raw vector bytes: %,d MB%n", (long) n * DIM * 4 >> 20);
        child("write", folder, n);
        child("search", folder, n);
        child("crash", folder, n);
        child("memory", folder, Math.min(n, 50_000));
        System.out.println("load after: " + load());
    }

    /** Terms per point's sparse vector ({@code bench.sparse}, default 50; 0: no sparse vectors). */
    static int sparseTerms() {
        String v = System.getProperty("bench.sparse", "");
        return v.isBlank() ? 50 : Integer.parseInt(v.trim());
    }

    private static String load() throws Exception {
        return Files.readString(Path.of("/proc/loadavg")).trim();
    }

    private static void child(String phase, Path folder, int n) throws Exception {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "--enable-native-access=ALL-UNNAMED", "--sun-misc-unsafe-memory-access=allow",
                "--add-modules", "jdk.incubator.vector", "-Xmx2g", "-Dbench.sparse=" + sparseTerms(),
                "-cp", System.getProperty("java.class.path"),
                Child.class.getName(), phase, folder.toString(), Integer.toString(n)));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        try (BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = out.readLine()) != null) {
                if (line.startsWith("KILLME")) {
                    p.destroyForcibly();
                    p.waitFor(30, TimeUnit.SECONDS);
                    System.out.println("  killed the writer (kill -9) mid-upsert");
                    child("reopen-after-crash", folder, n);
                    return;
                }
                if (!line.contains("WARNING") && !line.contains("PanamaVectorization") && !line.contains("INFO:")) {
                    System.out.println("  " + line);
                }
            }
        }
        p.waitFor();
    }

    /** The child JVM of one phase. */
    public static final class Child {
        private Child() {
        }

        public static void main(String[] args) throws Exception {
            String phase = args[0];
            Path folder = Path.of(args[1]);
            int n = Integer.parseInt(args[2]);
            switch (phase) {
                case "write" -> {
                    try (LocalQdrant q = LocalQdrant.open(folder.resolve("disk")); QdrantClient c = client(q)) {
                        upsertAll(c, n, "local (disk)");
                    }
                    long t0 = System.nanoTime();
                    LocalQdrant.open(folder.resolve("disk")).close();
                    System.out.printf("open after clean close: %.0f ms (then closed)%n", (System.nanoTime() - t0) / 1e6);
                }
                case "search" -> {
                    long rss0 = rssKb();
                    long warmUp = appWarmUp();
                    long t0 = System.nanoTime();
                    try (LocalQdrant q = LocalQdrant.open(folder.resolve("disk")); QdrantClient c = client(q)) {
                        long t1 = System.nanoTime();
                        long count = c.countAsync("chunks").get(60, TimeUnit.SECONDS);
                        System.out.printf("open after clean close, fresh JVM: %.0f ms = LocalQdrant.open %.0f ms"
                                        + " + client and first count %.0f ms (%,d points; logging and JSON set up"
                                        + " before, as in the app: %d ms)%n", (System.nanoTime() - t0) / 1e6,
                                (t1 - t0) / 1e6, (System.nanoTime() - t1) / 1e6, count, warmUp);
                        search(c, "local (disk)");
                        memory("after the dense searches", rss0, folder, n);
                        sparseSearch(c, "local (disk)");
                        memory("after all searches", rss0, folder, n);
                    }
                }
                case "crash" -> {
                    try (LocalQdrant q = LocalQdrant.open(folder.resolve("disk")); QdrantClient c = client(q)) {
                        Random r = new Random(99);
                        for (int b = 0; b < 20; b++) {
                            c.upsertAsync(batch(r, n + b * BATCH, BATCH)).get(60, TimeUnit.SECONDS);
                        }
                        System.out.println("KILLME");
                        System.out.flush();
                        for (int b = 20; ; b++) {
                            c.upsertAsync(batch(r, n + b * BATCH, BATCH)).get(60, TimeUnit.SECONDS);
                        }
                    }
                }
                case "reopen-after-crash" -> {
                    long warmUp = appWarmUp();
                    long t0 = System.nanoTime();
                    try (LocalQdrant q = LocalQdrant.open(folder.resolve("disk")); QdrantClient c = client(q)) {
                        long t1 = System.nanoTime();
                        long count = c.countAsync("chunks").get(60, TimeUnit.SECONDS);
                        System.out.printf("open after kill -9, fresh JVM: %.0f ms = LocalQdrant.open (with the"
                                        + " replay) %.0f ms + client and first count %.0f ms (%,d points; logging"
                                        + " and JSON set up before: %d ms)%n", (System.nanoTime() - t0) / 1e6,
                                (t1 - t0) / 1e6, (System.nanoTime() - t1) / 1e6, count, warmUp);
                    }
                }
                case "memory" -> {
                    try (LocalQdrant q = LocalQdrant.inMemory(); QdrantClient c = client(q)) {
                        upsertAll(c, n, "baseline in-memory server (" + n + " points)");
                        search(c, "baseline in-memory server");
                        sparseSearch(c, "baseline in-memory server");
                    }
                    try (LocalQdrant q = LocalQdrant.open(folder.resolve("small")); QdrantClient c = client(q)) {
                        upsertAll(c, n, "local (disk), same " + n + " points");
                        search(c, "local (disk), same " + n + " points");
                        sparseSearch(c, "local (disk), same " + n + " points");
                    }
                }
                default -> throw new IllegalArgumentException(phase);
            }
            System.exit(0);
        }

        /**
         * Sets up logging and Jackson as the app does before it opens the index (the server logs
         * and reads its alias file with them), so that the open figures are the index's own.
         *
         * @return the time it took (ms)
         */
        private static long appWarmUp() throws Exception {
            long t0 = System.nanoTime();
            org.slf4j.LoggerFactory.getLogger(LocalQdrantBenchmark.class).info("benchmark child starting");
            new com.fasterxml.jackson.databind.ObjectMapper().readTree("{\"warm\": true}");
            return (System.nanoTime() - t0) / 1_000_000;
        }

        private static QdrantClient client(LocalQdrant q) {
            return new QdrantClient(QdrantGrpcClient.newBuilder(LocalQdrant.HOST, q.port(), false).build());
        }

        private static void upsertAll(QdrantClient c, int n, String label) throws Exception {
            CreateCollection.Builder create = CreateCollection.newBuilder().setCollectionName("chunks")
                    .setVectorsConfig(VectorsConfig.newBuilder().setParams(VectorParams.newBuilder().setSize(DIM)
                            .setDistance(Distance.Cosine)));
            if (sparseTerms() > 0) {
                create.setSparseVectorsConfig(SparseVectorConfig.newBuilder().putMap("text",
                        SparseVectorParams.newBuilder().setModifier(Modifier.Idf).build()));
            }
            c.createCollectionAsync(create.build()).get(60, TimeUnit.SECONDS);
            for (String k : List.of("doc_id", "source", "file_path", "tags")) {
                c.createPayloadIndexAsync("chunks", k, PayloadSchemaType.Keyword, null, true, null, null)
                        .get(60, TimeUnit.SECONDS);
            }
            Random r = new Random(1);
            long t0 = System.nanoTime();
            long prepare = 0;
            for (int i = 0; i < n; i += BATCH) {
                long p0 = System.nanoTime();
                UpsertPoints batch = batch(r, i, Math.min(BATCH, n - i));
                prepare += System.nanoTime() - p0;
                c.upsertAsync(batch).get(60, TimeUnit.SECONDS);
            }
            double s = (System.nanoTime() - t0 - prepare) / 1e9;
            System.out.printf("%s: upsert %,d points in wait=true batches of %d: %.1f s, %,.0f points/s%n",
                    label, n, BATCH, s, n / s);
        }

        private static UpsertPoints batch(Random r, int from, int size) {
            UpsertPoints.Builder b = UpsertPoints.newBuilder().setCollectionName("chunks").setWait(true);
            StringBuilder text = new StringBuilder();
            for (int i = from; i < from + size; i++) {
                float[] v = new float[DIM];
                for (int d = 0; d < DIM; d++) {
                    v[d] = (float) r.nextGaussian();
                }
                text.setLength(0);
                while (text.length() < 1000) {
                    text.append("word").append(r.nextInt(5000)).append(' ');
                }
                int doc = i / 12;
                Vectors vs = sparseTerms() == 0 ? vectors(v) : namedVectors(Map.of("", VectorFactory.vector(v),
                        "text", sparse(r, sparseTerms())));
                b.addPoints(PointStruct.newBuilder().setId(id(UUID.nameUUIDFromBytes(("p" + i).getBytes())))
                        .setVectors(vs)
                        .putPayload("text", value(text.toString()))
                        .putPayload("doc_id", value(UUID.nameUUIDFromBytes(("d" + doc).getBytes()).toString()))
                        .putPayload("source", value(SOURCES[doc % SOURCES.length]))
                        .putPayload("file_path", value("notes/folder" + doc % 50 + "/note" + doc + ".md"))
                        .putPayload("title", value("Note " + doc))
                        .putPayload("heading", value("Part " + i % 12))
                        .putPayload("chunk_ordinal", value(i % 12))
                        .putPayload("tags", list(List.of(value(TAGS[doc % TAGS.length]), value(TAGS[(doc / 7) % TAGS.length]))))
                        .build());
            }
            return b.build();
        }

        /** A sparse vector of {@code terms} distinct indices, Zipf-like, stop words left out, weights 1 to 2. */
        private static io.qdrant.client.grpc.Points.Vector sparse(Random r, int terms) {
            List<Integer> indices = sparseIndices(r, terms);
            List<Float> values = new ArrayList<>();
            for (int i = 0; i < indices.size(); i++) {
                values.add(1 + r.nextFloat());
            }
            return VectorFactory.vector(values, indices);
        }

        private static List<Integer> sparseIndices(Random r, int terms) {
            java.util.LinkedHashSet<Integer> out = new java.util.LinkedHashSet<>();
            while (out.size() < terms) {
                int k = (int) Math.pow(VOCABULARY, r.nextDouble());
                if (k >= STOP_WORDS) {
                    out.add(k);
                }
            }
            return new ArrayList<>(out);
        }

        /** CPU time of this process so far (ns): client and server together, as they share the JVM. */
        private static long cpuNanos() {
            return ((com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory
                    .getOperatingSystemMXBean()).getProcessCpuTime();
        }

        /** p50 and p99 of 60 timed calls (after 5 warm-up calls) of {@code call}. */
        private static void time(String what, java.util.function.IntFunction<QueryPoints> query, QdrantClient c)
                throws Exception {
            long[] lat = new long[60];
            int hits = 0;
            long cpu0 = 0;
            for (int q = -5; q < lat.length; q++) {
                QueryPoints request = query.apply(q + 5);
                if (q == 0) {
                    cpu0 = cpuNanos();
                }
                long t0 = System.nanoTime();
                hits += c.queryAsync(request).get(60, TimeUnit.SECONDS).size();
                if (q >= 0) {
                    lat[q] = System.nanoTime() - t0;
                }
            }
            long cpu = cpuNanos() - cpu0;
            Arrays.sort(lat);
            System.out.printf("%s: p50 %.1f ms, p99 %.1f ms, CPU %.1f ms per query (%.1f hits per query)%n", what,
                    lat[lat.length / 2] / 1e6, lat[lat.length - 1] / 1e6, cpu / 1e6 / lat.length, hits / 65.0);
        }

        private static void sparseSearch(QdrantClient c, String label) throws Exception {
            if (sparseTerms() == 0) {
                return;
            }
            Random r = new Random(11);
            Filter vault = Filter.newBuilder().addMust(matchKeyword("source", "vault")).build();
            List<List<Integer>> terms = new ArrayList<>();
            List<List<Float>> dense = new ArrayList<>();
            for (int q = 0; q < 65; q++) {
                terms.add(sparseIndices(r, 10));
                List<Float> v = new ArrayList<>();
                for (int d = 0; d < DIM; d++) {
                    v.add((float) r.nextGaussian());
                }
                dense.add(v);
            }
            List<Float> ones = java.util.Collections.nCopies(10, 1f);
            time(label + ": sparse top-10 (10 terms, idf), filter source=vault",
                    q -> QueryPoints.newBuilder().setCollectionName("chunks").setUsing("text")
                            .setQuery(QueryFactory.nearest(ones, terms.get(q))).setFilter(vault).setLimit(10).build(), c);
            time(label + ": hybrid top-10 (dense 50 + sparse 50, RRF), filter source=vault",
                    q -> QueryPoints.newBuilder().setCollectionName("chunks")
                            .addPrefetch(PrefetchQuery.newBuilder().setQuery(QueryFactory.nearest(dense.get(q)))
                                    .setLimit(50))
                            .addPrefetch(PrefetchQuery.newBuilder().setQuery(QueryFactory.nearest(ones, terms.get(q)))
                                    .setUsing("text").setLimit(50))
                            .setQuery(QueryFactory.fusion(Fusion.RRF)).setFilter(vault).setLimit(10).build(), c);
            long[] lat = new long[30];
            long cpu0 = 0;
            for (int q = -3; q < lat.length; q++) {
                if (q == 0) {
                    cpu0 = cpuNanos();
                }
                long t0 = System.nanoTime();
                c.queryGroupsAsync(QueryPointGroups.newBuilder().setCollectionName("chunks")
                        .setQuery(QueryFactory.nearest(dense.get(q + 3))).setFilter(vault).setGroupBy("doc_id")
                        .setLimit(10).setGroupSize(3).build()).get(60, TimeUnit.SECONDS);
                if (q >= 0) {
                    lat[q] = System.nanoTime() - t0;
                }
            }
            long cpu = cpuNanos() - cpu0;
            Arrays.sort(lat);
            System.out.printf("%s: dense top-10 groups by doc_id (3 each), filter source=vault: p50 %.1f ms, "
                    + "p99 %.1f ms, CPU %.1f ms per query%n", label, lat[lat.length / 2] / 1e6,
                    lat[lat.length - 1] / 1e6, cpu / 1e6 / lat.length);
        }

        private static void search(QdrantClient c, String label) throws Exception {
            Random r = new Random(7);
            String[][] filters = {{"source", "vault"}, {"tags", "idea"}, {"source", "calibre"}};
            for (String[] f : filters) {
                long[] lat = new long[60];
                long cpu = 0;
                for (int q = -5; q < lat.length; q++) {
                    List<Float> v = new ArrayList<>();
                    for (int d = 0; d < DIM; d++) {
                        v.add((float) r.nextGaussian());
                    }
                    long c0 = cpuNanos();
                    long t0 = System.nanoTime();
                    c.queryAsync(QueryPoints.newBuilder().setCollectionName("chunks").setQuery(QueryFactory.nearest(v))
                            .setFilter(Filter.newBuilder().addMust(matchKeyword(f[0], f[1]))).setLimit(10).build())
                            .get(60, TimeUnit.SECONDS);
                    if (q >= 0) {
                        lat[q] = System.nanoTime() - t0;
                        cpu += cpuNanos() - c0;
                    }
                }
                Arrays.sort(lat);
                System.out.printf("%s: top-10 search, filter %s=%s: p50 %.1f ms, p99 %.1f ms, CPU %.1f ms per query%n",
                        label, f[0], f[1], lat[lat.length / 2] / 1e6, lat[lat.length - 1] / 1e6,
                        cpu / 1e6 / lat.length);
            }
        }

        /**
         * Resident memory added since before the open, split into the index files mapped into
         * memory (resident pages of mappings under the benchmark folder, from /proc/self/smaps) and
         * the rest (heap, code, native buffers).
         */
        private static void memory(String when, long rss0Kb, Path folder, int n) throws Exception {
            long rss = rssKb();
            long mapped = mappedKb(folder);
            long raw = (long) n * DIM * 4 >> 10;
            long added = rss - rss0Kb;
            System.out.printf("resident memory %s: +%,d MB = %.2f x raw vectors (index files mapped: %,d MB ="
                            + " %.2f x raw vectors; heap, code and the rest: +%,d MB)%n", when, added >> 10,
                    added / (double) raw, mapped >> 10, mapped / (double) raw, (added - mapped) >> 10);
        }

        /** The first line of a mapping in /proc/self/smaps: its address range. */
        private static final java.util.regex.Pattern MAPPING = java.util.regex.Pattern.compile("[0-9a-f]+-[0-9a-f]+ ");

        /** Resident kB of the mappings of files under {@code folder}. */
        private static long mappedKb(Path folder) throws Exception {
            String prefix = folder.toRealPath().toString();
            long kb = 0;
            boolean inside = false;
            for (String line : Files.readAllLines(Path.of("/proc/self/smaps"))) {
                if (MAPPING.matcher(line).lookingAt()) {
                    inside = line.contains(prefix);
                } else if (inside && line.startsWith("Rss:")) {
                    kb += Long.parseLong(line.replaceAll("\\D", ""));
                }
            }
            return kb;
        }

        private static long rssKb() throws Exception {
            for (String l : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (l.startsWith("VmRSS:")) {
                    return Long.parseLong(l.replaceAll("\\D", ""));
                }
            }
            return -1;
        }
    }
}
