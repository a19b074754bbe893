package io.alexandria.embedding;

import ai.djl.util.cuda.CudaUtils;
import io.alexandria.chunking.Chunk;
import io.alexandria.chunking.Chunker;
import io.alexandria.chunking.ChunkingOptions;
import io.alexandria.extraction.ExtractedDocument;
import io.alexandria.extraction.Section;
import io.alexandria.testsupport.Corpus;
import io.alexandria.testsupport.TestModels;
import io.alexandria.testsupport.TorchScriptModels;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryUsage;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Element;

/**
 * Throughput of each engine and model on real book text, by batch size: chunks per second,
 * milliseconds per chunk, and peak memory (process resident set, Java heap; GPU memory when on a
 * GPU). Not a test: run it by hand, e.g.
 *
 * <pre>
 * mvn -q test-compile exec:java -Dexec.classpathScope=test \
 *     -Dexec.mainClass=io.alexandria.embedding.EmbeddingBenchmark \
 *     -Dexec.args="--chunks 96 --batches 1,8,32 --device auto"
 * </pre>
 *
 * Options: {@code --chunks N} (chunks per run, default 96), {@code --batches 1,8,32},
 * {@code --device auto|cpu|cuda:N} (default auto: the GPU when there is one),
 * {@code --models bundled,torchscript,torchscript-float,onnx-float,torchscript-ort,<id or folder>…}
 * (default {@code bundled,torchscript,torchscript-float}: the bundled int8 ONNX; its TorchScript
 * rebuild with plain torch numerics; the dequantised float32 TorchScript, which costs what a zoo
 * model of this size costs; {@code onnx-float} is that float32 network on ONNX Runtime and
 * {@code torchscript-ort} the slow ONNX-Runtime-faithful int8 rebuild), {@code --threads N}
 * (PyTorch intra-op threads), {@code --online true} (allow downloads: zoo models, the CUDA build
 * of libtorch). Chunks are 256-token chunks (the app's default) of the corpus
 * books ({@code src/test/corpus/books}: plain text and EPUB), made by the app's {@link Chunker}
 * with the bundled model's tokenizer, keeping those of 192 tokens or more.
 *
 * <p>On a GPU: the test classpath holds DJL's CPU-only libtorch jar, which DJL always prefers, so
 * run with a classpath without it to get the CUDA build (downloaded on first use):
 *
 * <pre>
 * mvn -q test-compile dependency:build-classpath -Dmdep.outputFile=cp.txt -Dmdep.includeScope=test \
 *     -Dmdep.excludeArtifactIds=pytorch-native-cpu
 * java --enable-native-access=ALL-UNNAMED -cp target/test-classes:target/classes:$(cat cp.txt) \
 *     io.alexandria.embedding.EmbeddingBenchmark --device cuda:0 --online true
 * </pre>
 */
public final class EmbeddingBenchmark {
    private EmbeddingBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        System.setProperty("OPT_OUT_TRACKING", "true");
        Map<String, String> opts = options(args);
        boolean online = Boolean.parseBoolean(opts.getOrDefault("online", "false"));
        System.setProperty("ai.djl.offline", Boolean.toString(!online));
        System.setProperty("offline", Boolean.toString(!online));
        int n = Integer.parseInt(opts.getOrDefault("chunks", "96"));
        int[] batches = Arrays.stream(opts.getOrDefault("batches", "1,8,32").split(",")).mapToInt(Integer::parseInt).toArray();
        String device = opts.getOrDefault("device", "auto");
        if (opts.containsKey("threads")) {
            System.setProperty("ai.djl.pytorch.num_threads", opts.get("threads"));
        }
        List<String> texts = chunks(n);
        System.out.printf(Locale.ROOT, "%d chunks of %d–%d tokens (mean %.0f) from %s; device %s; %d CPU cores; load %.1f%n",
                texts.size(), stats(texts)[0], stats(texts)[1], (double) stats(texts)[2] / texts.size(),
                Corpus.root().resolve("books"), device, Runtime.getRuntime().availableProcessors(),
                ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
        System.out.println("engine       model                                  device  batch  chunks/s  ms/chunk  rss MB  heap MB  gpu MB (device used/total)");
        for (String m : opts.getOrDefault("models", "bundled,torchscript,torchscript-float").split(",")) {
            String model = switch (m) {
                case "bundled" -> BundledModel.SPEC.id();
                case "torchscript" -> folder(TorchScriptModels::bgeSmallFast);
                case "torchscript-ort" -> folder(TorchScriptModels::bgeSmall);
                case "torchscript-float" -> folder(() -> TorchScriptModels.floatPair().torchScript());
                case "onnx-float" -> folder(() -> TorchScriptModels.floatPair().onnx());
                default -> m;
            };
            if (model == null) {
                System.out.println(m + ": skipped (no Python with torch and onnx to make the TorchScript model)");
                continue;
            }
            run(model, device, texts, batches);
        }
    }

    private interface FolderMaker {
        Path make();
    }

    private static String folder(FolderMaker maker) {
        try {
            return maker.make().toString();
        } catch (RuntimeException e) {
            if (e.getClass().getName().contains("TestAborted")) {
                return null;
            }
            throw e;
        }
    }

    private static void run(String model, String device, List<String> texts, int[] batches) throws EmbeddingException {
        try (Embedder e = Embedders.load(model, device, TestModels.modelsDir(),
                DownloadListener.logging(org.slf4j.LoggerFactory.getLogger(EmbeddingBenchmark.class)))) {
            String engine = e instanceof PyTorchEmbedder ? "PyTorch" : "OnnxRuntime";
            e.embed(texts.subList(0, Math.min(8, texts.size())));
            for (int batch : batches) {
                long start = System.nanoTime();
                for (int i = 0; i < texts.size(); i += batch) {
                    e.embed(texts.subList(i, Math.min(texts.size(), i + batch)));
                }
                double seconds = (System.nanoTime() - start) / 1e9;
                MemoryUsage heap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage();
                System.out.printf(Locale.ROOT, "%-12s %-38s %-7s %5d  %8.1f  %8.1f  %6s  %7d  %6s%n", engine,
                        e.model().id(), e.device(), batch, texts.size() / seconds, seconds * 1000 / texts.size(),
                        peakRssMb(), heap.getUsed() >> 20, gpuMb(e));
            }
            if (e.deviceChoice().fellBack()) {
                System.out.println("  (" + e.deviceChoice().describe() + ")");
            }
        }
    }

    private static String gpuMb(Embedder e) {
        if (!e.deviceChoice().onGpu()) {
            return "-";
        }
        MemoryUsage m = CudaUtils.getGpuMemory(PyTorchEmbedder.toDevice(e.device()));
        return Long.toString(m.getUsed() >> 20) + "/" + (m.getMax() >> 20);
    }

    /** Peak resident set size of this process in MB (Linux {@code VmHWM}), or "?" elsewhere. */
    private static String peakRssMb() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("VmHWM:")) {
                    return Long.toString(Long.parseLong(line.replaceAll("\\D", "")) >> 10);
                }
            }
        } catch (IOException | RuntimeException e) {
            // not Linux
        }
        return "?";
    }

    private static List<String> chunks(int n) throws IOException {
        Path books = Corpus.root().resolve("books");
        Chunker chunker = new Chunker(TestModels.tokenCounter(), new ChunkingOptions(256, 32));
        List<String> out = new ArrayList<>();
        List<Path> files;
        try (Stream<Path> s = Files.list(books)) {
            files = s.sorted().toList();
        }
        for (Path book : files) {
            List<String> paragraphs = paragraphs(book);
            if (paragraphs.isEmpty()) {
                continue;
            }
            ExtractedDocument doc = new ExtractedDocument(book.getFileName().toString(),
                    List.of(Section.ofChapter(book.getFileName().toString(), paragraphs)), Map.of(), List.of());
            for (Chunk c : chunker.chunk(doc)) {
                if (c.tokens() >= 192) {
                    out.add(c.embeddingInput());
                }
            }
        }
        if (out.size() < n) {
            throw new IllegalStateException("only " + out.size() + " chunks in the corpus");
        }
        // Spread the sample over all books.
        List<String> sample = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            sample.add(out.get((int) ((long) i * out.size() / n)));
        }
        return sample;
    }

    private static List<String> paragraphs(Path book) throws IOException {
        String name = book.getFileName().toString().toLowerCase(Locale.ROOT);
        List<String> out = new ArrayList<>();
        if (name.endsWith(".txt")) {
            for (String p : Files.readString(book, StandardCharsets.UTF_8).split("\\R\\s*\\R")) {
                String t = p.strip().replaceAll("\\s+", " ");
                if (!t.isEmpty()) {
                    out.add(t);
                }
            }
        } else if (name.endsWith(".epub")) {
            try (ZipFile zip = new ZipFile(book.toFile())) {
                for (ZipEntry entry : zip.stream().sorted((a, b) -> a.getName().compareTo(b.getName())).toList()) {
                    if (entry.getName().matches("(?i).*\\.x?html?$")) {
                        for (Element p : Jsoup.parse(zip.getInputStream(entry), "UTF-8", "").select("p")) {
                            String t = p.text().strip();
                            if (!t.isEmpty()) {
                                out.add(t);
                            }
                        }
                    }
                }
            }
        }
        return out;
    }

    private static long[] stats(List<String> texts) {
        long min = Long.MAX_VALUE;
        long max = 0;
        long sum = 0;
        for (String t : texts) {
            int c = TestModels.tokenCounter().count(t);
            min = Math.min(min, c);
            max = Math.max(max, c);
            sum += c;
        }
        return new long[] {min, max, sum};
    }

    private static Map<String, String> options(String[] args) {
        Map<String, String> out = new LinkedHashMap<>();
        for (int i = 0; i + 1 < args.length; i += 2) {
            if (!args[i].startsWith("--")) {
                throw new IllegalArgumentException("expected --option value, got " + args[i]);
            }
            out.put(args[i].substring(2), args[i + 1]);
        }
        return out;
    }
}
