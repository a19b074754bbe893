package io.alexandria.bench;

import com.sun.management.OperatingSystemMXBean;
import io.alexandria.chunking.Chunk;
import io.alexandria.chunking.Chunker;
import io.alexandria.chunking.ChunkingOptions;
import io.alexandria.embedding.BundledModel;
import io.alexandria.embedding.DeviceChoice;
import io.alexandria.embedding.EmbeddingOptions;
import io.alexandria.embedding.OnnxEmbedder;
import io.alexandria.extraction.ExtractionLimits;
import io.alexandria.extraction.markdown.MarkdownExtractor;
import io.alexandria.testsupport.Corpus;
import io.alexandria.testsupport.TestModels;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

/**
 * The raw embedder's throughput on the corpus vault's own chunks (the texts a vault sync embeds),
 * per layout of the machine: inferences at once x threads each, shared or separate ONNX Runtime
 * sessions, batch size, CPU arena. Each layout embeds the same texts through
 * {@link OnnxEmbedder#embedAll(List, int[], io.alexandria.embedding.Embedder.BatchSink)} (as the
 * sync's embed stage does) with a freshly loaded model; printed: chunks/s, the ratio to the
 * single-thread batch-1 baseline of the same sitting, CPU used (% of one core) and CPU ms per
 * chunk (the figure least disturbed by other load on the machine), the most model
 * runs seen in flight at once, and this JVM's peak RSS so far (it only grows across layouts).
 *
 * <p>{@code -Dbench.chunks=N} (default 0: all distinct chunks of the vault),
 * {@code -Dbench.layouts=default|all|W:T:S:B[:noarena],...} (W workers, T intra-op threads,
 * S sessions, B texts per call; default: the single-thread baseline and the chosen defaults).
 */
final class EmbedderThroughputBenchmark {
    private EmbedderThroughputBenchmark() {
    }

    static void run() throws Exception {
        Path corpus = Corpus.root();
        if (corpus == null) {
            System.out.println("skipped: ../shared/corpus not found");
            return;
        }
        List<String> all = vaultChunks(corpus.resolve("obsidian-tasks-docs"));
        int n = Integer.getInteger("bench.chunks", 0);
        n = n <= 0 ? all.size() : n;
        List<String> texts = spread(all, Math.min(n, all.size()));
        int[] tokens = texts.stream().mapToInt(t -> TestModels.tokenCounter().count(t) + 2).toArray();
        int cores = Runtime.getRuntime().availableProcessors();
        System.out.printf(Locale.ROOT, "%d distinct vault chunks, %d used (mean %.0f tokens); %d cores; load %s%n",
                all.size(), texts.size(), java.util.Arrays.stream(tokens).average().orElse(0), cores, BenchSupport.uptime());
        Map<String, EmbeddingOptions> layouts = layouts(System.getProperty("bench.layouts", "default"), cores);
        System.out.println("layout                                                        chunks/s  x base   CPU %  CPU ms/chunk  peak runs  RSS MiB");
        Double base = null;
        for (Map.Entry<String, EmbeddingOptions> e : layouts.entrySet()) {
            double rate = measure(e.getValue(), texts, tokens, base, e.getKey());
            if (base == null) {
                base = rate;
            }
        }
    }

    private static double measure(EmbeddingOptions options, List<String> texts, int[] tokens, Double base, String name)
            throws Exception {
        Path models = TestModels.modelsDir();
        BundledModel.tokenizerFile(models);
        Path dir = models.resolve(BundledModel.SPEC.id());
        try (OnnxEmbedder e = OnnxEmbedder.load(BundledModel.SPEC, dir.resolve("model.onnx"), dir.resolve("tokenizer.json"),
                DeviceChoice.asRequested("cpu", "cpu"), options)) {
            e.embedAll(texts.subList(0, Math.min(8, texts.size())));
            OperatingSystemMXBean os = (OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
            long cpu0 = os.getProcessCpuTime();
            long t0 = System.nanoTime();
            int[] count = new int[1];
            e.embedAll(texts, tokens, b -> {
                if (!b.ok()) {
                    throw new IllegalStateException(b.error());
                }
                count[0] += b.indexes().length;
            });
            double sec = (System.nanoTime() - t0) / 1e9;
            double cpu = (os.getProcessCpuTime() - cpu0) / 1e9;
            double rate = count[0] / sec;
            System.out.printf(Locale.ROOT, "%-60s  %8.1f  %6s  %6.0f  %12.1f  %9d  %7.0f%n", name + " (" + options.describe() + ")",
                    rate, base == null ? "1.00" : String.format(Locale.ROOT, "%.2f", rate / base), 100 * cpu / sec,
                    1000 * cpu / count[0], e.peakConcurrentRuns(), BenchSupport.peakRssMib());
            return rate;
        }
    }

    /** Named layouts: the single-thread baseline first. */
    static Map<String, EmbeddingOptions> layouts(String spec, int cores) {
        Map<String, EmbeddingOptions> out = new LinkedHashMap<>();
        out.put("single thread, batch 1", new EmbeddingOptions(1, 1, 1, 1, 512, true));
        if (spec.equals("default")) {
            out.put("chosen CPU default", EmbeddingOptions.cpu(cores));
            return out;
        }
        if (spec.equals("all")) {
            out.put("one run, " + cores + " threads, batch 1", new EmbeddingOptions(1, cores, 1, 1, 512, true));
            out.put("one run, " + cores + " threads, batch 8 sorted", new EmbeddingOptions(1, cores, 1, 8, 4096, true));
            out.put("one run, " + cores + " threads, batch 32 sorted", new EmbeddingOptions(1, cores, 1, 32, 8192, true));
            out.put(cores + " runs, shared session, batch 1", new EmbeddingOptions(cores, 1, 1, 1, 512, true));
            out.put(cores + " runs, shared session, batch 4 sorted", new EmbeddingOptions(cores, 1, 1, 4, 2048, true));
            out.put(cores + " runs, shared session, batch 8 sorted", new EmbeddingOptions(cores, 1, 1, 8, 4096, true));
            out.put(cores + " runs, one session each, batch 1", new EmbeddingOptions(cores, 1, cores, 1, 512, true));
            out.put(cores + " runs, shared session, batch 1, arena off", new EmbeddingOptions(cores, 1, 1, 1, 512, false));
            out.put(2 * cores + " runs, shared session, batch 1", new EmbeddingOptions(2 * cores, 1, 1, 1, 512, true));
            return out;
        }
        for (String l : spec.split(",")) {
            String[] p = l.strip().split(":");
            int w = Integer.parseInt(p[0]);
            int b = Integer.parseInt(p[3]);
            out.put(l.strip(), new EmbeddingOptions(w, Integer.parseInt(p[1]), Integer.parseInt(p[2]), b, 512 * b,
                    !(p.length > 4 && p[4].equals("noarena"))));
        }
        return out;
    }

    /** The distinct embedding inputs of the vault's notes, chunked as the app does (256/32 tokens). */
    static List<String> vaultChunks(Path vault) throws Exception {
        Chunker chunker = new Chunker(TestModels.tokenCounter(), ChunkingOptions.defaults());
        MarkdownExtractor extractor = new MarkdownExtractor();
        Set<String> out = new LinkedHashSet<>();
        List<Path> notes;
        try (Stream<Path> s = Files.walk(vault)) {
            notes = s.filter(p -> p.toString().endsWith(".md") && !p.toString().contains("/.")).sorted().toList();
        }
        for (Path note : notes) {
            for (Chunk c : chunker.chunk(extractor.extract(note, ExtractionLimits.defaults()))) {
                out.add(c.embeddingInput());
            }
        }
        return new ArrayList<>(out);
    }

    private static List<String> spread(List<String> all, int n) {
        List<String> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            out.add(all.get((int) ((long) i * all.size() / n)));
        }
        return out;
    }
}
