package io.alexandria.bench;

import io.alexandria.testserver.QdrantTestServer;
import io.alexandria.testsupport.Corpus;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Issue #14's command-line part ({@code -Dbench=cli}): {@code health}, {@code search} and an
 * unchanged {@code sync} of the packaged jar ({@code target/alexandria.jar}; build it first with
 * {@code mvn -o -q package -DskipTests}), each timed from process start to exit in a fresh child
 * JVM, for each JVM option set: without the JDK's class-data archive ({@code no CDS},
 * {@code -Xshare:off}: what a runtime image made by jlink without {@code --generate-cds-archive}
 * gets), the packaged app's options alone ({@code default}), with
 * {@code -XX:TieredStopAtLevel=1} ({@code c1}), and with an ahead-of-time cache of the jar's
 * classes ({@code aot}: {@code -XX:AOTCache}, JDK 25, trained once on a {@code health} run, plus
 * {@code c1}). With {@code -Dbench.baselineJar=PATH} (another build's jar, its {@code lib/} beside
 * it) that jar runs too, with the default options, as the baseline. Each command runs
 * {@code -Dbench.runs} times (default 3), the variants alternating; printed: median wall seconds
 * and, where {@code /usr/bin/time} exists, median CPU seconds (user + system).
 *
 * <p>Set-up: a copy of twenty notes of the corpus vault synced once (by the jar under test) into
 * a fresh data folder and an in-process Qdrant test server.
 */
final class CliStartupBenchmark {
    private static final Path TIME = Path.of("/usr/bin/time");

    private CliStartupBenchmark() {
    }

    /** One way of running a jar. */
    private record Variant(String name, Path jar, List<String> jvm) {
    }

    static void run() throws Exception {
        Path jar = Path.of("target", "alexandria.jar").toAbsolutePath();
        if (!Files.isRegularFile(jar)) {
            System.out.println("skipped: " + jar + " is missing (run mvn -o -q package -DskipTests first)");
            return;
        }
        int rounds = Integer.getInteger("bench.runs", 3);
        Path tmp = Files.createTempDirectory("alexandria-bench-cli");
        try (QdrantTestServer server = QdrantTestServer.start()) {
            Path vault = Corpus.copyNotes(tmp.resolve("vault"), 20);
            Path data = tmp.resolve("data");
            List<String> where = List.of("--data-dir", data.toString(), "--qdrant", server.url());
            Result setup = exec(new Variant("setup", jar, base()), concat(List.of("sync", "--vault", vault.toString()), where));
            System.out.printf(Locale.ROOT, "set-up sync of 20 notes: %.1f s (exit %d)%n", setup.wall, setup.exit);

            List<Variant> variants = new ArrayList<>();
            String baseline = System.getProperty("bench.baselineJar", "");
            if (!baseline.isBlank()) {
                variants.add(new Variant("baseline jar", Path.of(baseline).toAbsolutePath(), base()));
            }
            variants.add(new Variant("no CDS", jar, concat(base(), List.of("-Xshare:off"))));
            variants.add(new Variant("default", jar, base()));
            variants.add(new Variant("c1", jar, concat(base(), List.of("-XX:TieredStopAtLevel=1"))));
            Path aot = tmp.resolve("alexandria.aot");
            Result training = exec(new Variant("training", jar, concat(base(), List.of("-XX:AOTCacheOutput=" + aot))),
                    concat(List.of("health", "--json"), where));
            if (Files.isRegularFile(aot)) {
                System.out.printf(Locale.ROOT, "AOT cache trained on health: %.1f s, %.0f MiB%n", training.wall,
                        Files.size(aot) / 1048576.0);
                variants.add(new Variant("aot+c1", jar, concat(base(), List.of("-XX:AOTCache=" + aot,
                        "-Xlog:aot=off,cds=off", "-XX:TieredStopAtLevel=1"))));
            } else {
                System.out.println("no AOT cache could be trained (exit " + training.exit + "): " + training.tail);
            }
            Map<String, List<String>> commands = new LinkedHashMap<>();
            commands.put("health", concat(List.of("health", "--json"), where));
            commands.put("search", concat(List.of("search", "how do I filter tasks by due date"), where));
            commands.put("sync (unchanged)", concat(List.of("sync", "--vault", vault.toString()), where));
            System.out.println("load before: " + BenchSupport.uptime() + "; " + rounds + " runs each, variants alternating");
            for (Map.Entry<String, List<String>> c : commands.entrySet()) {
                Map<String, List<Result>> results = new LinkedHashMap<>();
                for (int r = 0; r < rounds; r++) {
                    List<Variant> order = new ArrayList<>(variants);
                    if (r % 2 == 1) {
                        java.util.Collections.reverse(order);
                    }
                    for (Variant v : order) {
                        results.computeIfAbsent(v.name, k -> new ArrayList<>()).add(exec(v, c.getValue()));
                    }
                }
                for (Variant v : variants) {
                    List<Result> rs = results.get(v.name);
                    double wall = median(rs.stream().mapToDouble(x -> x.wall).toArray());
                    double cpu = median(rs.stream().mapToDouble(x -> x.cpu).toArray());
                    System.out.printf(Locale.ROOT, "%-17s %-13s wall %5.2f s%s  (exit %d)%n", c.getKey(), v.name, wall,
                            cpu >= 0 ? String.format(Locale.ROOT, ", CPU %5.2f s", cpu) : "", rs.getLast().exit);
                }
            }
            System.out.println("load after: " + BenchSupport.uptime());
        } finally {
            LangChain4jComparison.deleteTree(tmp);
        }
    }

    /** The packaged app's JVM options. */
    private static List<String> base() {
        return List.of("--enable-native-access=ALL-UNNAMED", "--sun-misc-unsafe-memory-access=allow", "-Xmx2g");
    }

    private record Result(double wall, double cpu, int exit, String tail) {
    }

    /** Runs {@code java <jvm> -jar <jar> <args>}; wall from process start to exit, CPU from /usr/bin/time. */
    private static Result exec(Variant v, List<String> args) throws IOException, InterruptedException {
        Path out = Files.createTempFile("alexandria-cli", ".out");
        Path times = Files.createTempFile("alexandria-cli", ".time");
        try {
            List<String> command = new ArrayList<>();
            boolean timed = Files.isExecutable(TIME);
            if (timed) {
                command.addAll(List.of(TIME.toString(), "-f", "%U %S", "-o", times.toString()));
            }
            command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
            command.addAll(v.jvm);
            command.addAll(List.of("-jar", v.jar.toString()));
            command.addAll(args);
            long t0 = System.nanoTime();
            Process p = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(out.toFile()).start();
            if (!p.waitFor(10, TimeUnit.MINUTES)) {
                p.destroyForcibly();
            }
            double wall = (System.nanoTime() - t0) / 1e9;
            double cpu = -1;
            if (timed) {
                String[] f = Files.readString(times).strip().split("\\s+");
                if (f.length >= 2) {
                    cpu = Double.parseDouble(f[f.length - 2]) + Double.parseDouble(f[f.length - 1]);
                }
            }
            String text = Files.readString(out, StandardCharsets.UTF_8);
            return new Result(wall, cpu, p.exitValue(), text.length() > 400 ? text.substring(text.length() - 400) : text);
        } finally {
            Files.deleteIfExists(out);
            Files.deleteIfExists(times);
        }
    }

    private static double median(double[] v) {
        double[] s = v.clone();
        java.util.Arrays.sort(s);
        return s.length % 2 == 1 ? s[s.length / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
    }

    private static List<String> concat(List<String> a, List<String> b) {
        List<String> out = new ArrayList<>(a);
        out.addAll(b);
        return out;
    }
}
