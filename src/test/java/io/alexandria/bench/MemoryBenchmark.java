package io.alexandria.bench;

import io.alexandria.testserver.QdrantTestServer;
import io.alexandria.testsupport.Corpus;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Issue #14's memory part ({@code -Dbench=memory}): three first syncs of the corpus vault in one
 * JVM ({@link MemoryChild}), printing the resident set after each, for each JVM option set of
 * {@code -Dbench.variants} (default {@code default,c1}: the JVM's defaults, and
 * {@code -XX:TieredStopAtLevel=1}), each in a fresh child JVM with the packaged app's options and
 * Native Memory Tracking on. The later syncs also show the steady-state cost of a JIT setting: the
 * first sync pays for compiling, the third runs compiled code.
 */
final class MemoryBenchmark {
    private MemoryBenchmark() {
    }

    static void run() throws Exception {
        System.out.println("load before: " + BenchSupport.uptime());
        for (String variant : System.getProperty("bench.variants", "default,c1").split(",")) {
            List<String> jvm = new ArrayList<>(LangChain4jComparison.JVM_OPTIONS);
            jvm.add("-XX:NativeMemoryTracking=summary");
            if (variant.equals("c1")) {
                jvm.add("-XX:TieredStopAtLevel=1");
            }
            System.out.println("-- " + variant + ": " + String.join(" ", jvm));
            Path tmp = Files.createTempDirectory("alexandria-bench-memory");
            List<QdrantTestServer> servers = new ArrayList<>();
            try {
                List<String> command = new ArrayList<>();
                command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
                command.addAll(jvm);
                command.addAll(List.of("-cp", System.getProperty("java.class.path"), MemoryChild.class.getName(),
                        Corpus.root().resolve("obsidian-tasks-docs").toString(), tmp.toString()));
                for (int i = 0; i < 3; i++) {
                    QdrantTestServer server = QdrantTestServer.start();
                    servers.add(server);
                    command.add(server.url());
                }
                Path log = tmp.resolve("child.log");
                Process p = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
                if (!p.waitFor(60, TimeUnit.MINUTES)) {
                    p.destroyForcibly();
                }
                Files.readString(log, StandardCharsets.UTF_8).lines()
                        .filter(l -> l.startsWith("sync ") || l.startsWith("after ") || l.startsWith("start"))
                        .forEach(l -> System.out.println("  " + l));
            } finally {
                servers.forEach(QdrantTestServer::stop);
                LangChain4jComparison.deleteTree(tmp);
            }
        }
        System.out.println("load after: " + BenchSupport.uptime());
    }
}
