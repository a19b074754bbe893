package io.alexandria.bench;

import com.sun.management.OperatingSystemMXBean;
import io.alexandria.extraction.Section;
import io.alexandria.extraction.markdown.NoteParser;
import io.alexandria.sources.vault.VaultSource;
import io.alexandria.sync.ScanReport;
import io.alexandria.sync.SyncEngine;
import io.alexandria.sync.SyncSummary;
import io.alexandria.sync.SyncWatcher;
import io.alexandria.testsupport.Corpus;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Issue #4's scale benchmark: a generated 10,000-note vault (paragraphs of the corpus vault, in
 * nested folders), synced once, then the time of a reconcile with no changes and the CPU used
 * while idle-watching for a minute. Paragraphs repeat across notes, so the embedding cache keeps
 * the first sync affordable on a CPU.
 */
final class ScaleBenchmark {
    private static final int NOTES = Integer.getInteger("bench.notes", 10_000);

    private ScaleBenchmark() {
    }

    /**
     * The baseline of "bound by embedding": the raw embedder alone (every core, as the sync uses
     * it) on the vault's distinct chunk inputs, in this JVM, after the sync.
     */
    private static void rawEmbedding(Path models, List<String> inputs, double syncSeconds) throws Exception {
        try (io.alexandria.embedding.OnnxEmbedder e = io.alexandria.embedding.BundledModel.load(models)) {
            int[] tokens = inputs.stream().mapToInt(t -> e.tokenCounter().count(t) + 2).toArray();
            long t0 = System.nanoTime();
            int[] n = new int[1];
            e.embedAll(inputs, tokens, b -> n[0] += b.indexes().length);
            double raw = (System.nanoTime() - t0) / 1e9;
            System.out.printf("raw embedder on the %,d distinct chunk inputs: %.1f s = %.1f texts/s; the whole first "
                    + "sync took %.2fx that%n", n[0], raw, n[0] / raw, syncSeconds / raw);
        }
    }

    static void run() throws Exception {
        Path corpus = Corpus.root();
        List<String> paragraphs = new ArrayList<>();
        try (Stream<Path> s = Files.walk(corpus.resolve("obsidian-tasks-docs"))) {
            for (Path note : s.filter(p -> p.toString().endsWith(".md")).sorted().toList()) {
                for (Section sec : NoteParser.parse(Files.readString(note)).sections()) {
                    sec.paragraphs().stream().filter(p -> p.length() > 80 && p.length() < 600).forEach(paragraphs::add);
                }
            }
        }
        Path tmp = Files.createTempDirectory("alexandria-bench-scale");
        Path vault = tmp.resolve("Generated Vault");
        Random random = new Random(42);
        java.util.Set<String> inputs = new java.util.LinkedHashSet<>();
        for (int i = 0; i < NOTES; i++) {
            Path note = vault.resolve("area-" + (i % 20)).resolve("topic-" + (i % 200)).resolve("note-" + i + ".md");
            Files.createDirectories(note.getParent());
            String paragraph = paragraphs.get(random.nextInt(paragraphs.size()));
            Files.writeString(note, "# Note " + (i % 50) + "\n\n" + paragraph + "\n");
            inputs.add("Note " + (i % 50) + "\n" + paragraph); // the chunk's model input: heading line, then text
        }
        System.out.printf("generated %,d notes from %,d corpus paragraphs%n", NOTES, paragraphs.size());
        try (BenchSupport.Target target = new BenchSupport.Target();
             SyncEngine engine = BenchSupport.engine(tmp.resolve("data"), target, "bench-host")) {
            VaultSource source = new VaultSource(vault, List.of());
            engine.addSource(source);
            engine.start("watch");
            long t0 = System.nanoTime();
            SyncSummary first = engine.syncNow(false, Duration.ofHours(3));
            double firstSeconds = (System.nanoTime() - t0) / 1e9;
            System.out.printf("first sync: %,d notes, %,d chunks (%,d embedded) in %.1f s = %.1f texts embedded/s; "
                            + "stages %s%n", first.documents(), first.chunks(), first.chunksEmbedded(), firstSeconds,
                    first.chunksEmbedded() / firstSeconds, first.stageSeconds());
            rawEmbedding(tmp.resolve("raw-models"), List.copyOf(inputs), firstSeconds);
            for (int i = 0; i < 3; i++) {
                long t1 = System.nanoTime();
                ScanReport r = engine.scan(source, false);
                System.out.printf("reconcile with no changes: %.3f s (%,d notes listed, %,d unchanged)%n",
                        (System.nanoTime() - t1) / 1e9, r.listed(), r.unchanged());
            }
            OperatingSystemMXBean os = (OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
            try (SyncWatcher watcher = new SyncWatcher(engine, SyncWatcher.Options.defaults(10, false))) {
                watcher.start();
                new CountDownLatch(1).await(5, TimeUnit.SECONDS); // let the watcher register its folders
                long cpu0 = os.getProcessCpuTime();
                long wall0 = System.nanoTime();
                new CountDownLatch(1).await(60, TimeUnit.SECONDS);
                double cpu = (os.getProcessCpuTime() - cpu0) / 1e9;
                double wall = (System.nanoTime() - wall0) / 1e9;
                System.out.printf("idle watching %,d folders for %.0f s: %.2f CPU-seconds = %.2f %% of one core%n",
                        NOTES / 50 + 20, wall, cpu, 100 * cpu / wall);
            }
            System.out.println(BenchSupport.memory());
        }
    }
}
