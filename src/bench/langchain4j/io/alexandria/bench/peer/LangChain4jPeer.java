package io.alexandria.bench.peer;

import dev.langchain4j.data.document.Document;
import dev.langchain4j.data.document.loader.FileSystemDocumentLoader;
import dev.langchain4j.data.document.parser.TextDocumentParser;
import dev.langchain4j.data.document.splitter.DocumentSplitters;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.model.embedding.EmbeddingModel;
import dev.langchain4j.model.embedding.onnx.HuggingFaceTokenCountEstimator;
import dev.langchain4j.model.embedding.onnx.bgesmallenv15q.BgeSmallEnV15QuantizedEmbeddingModel;
import dev.langchain4j.store.embedding.EmbeddingStore;
import dev.langchain4j.store.embedding.EmbeddingStoreIngestor;
import dev.langchain4j.store.embedding.qdrant.QdrantEmbeddingStore;
import io.qdrant.client.QdrantClient;
import io.qdrant.client.QdrantGrpcClient;
import io.qdrant.client.grpc.Collections.Distance;
import io.qdrant.client.grpc.Collections.VectorParams;
import java.lang.management.ManagementFactory;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * The peer of the LangChain4j comparison ({@code io.alexandria.bench.LangChain4jComparison}): a
 * stock LangChain4j ingestion of a vault's notes, written as its documentation shows it. The
 * notes ({@code **.md}) are read as plain text, split by the recursive splitter (256 tokens, 32
 * overlap, counted by the BERT tokenizer that bge-small uses), embedded by the in-process
 * bge-small-en-v1.5 int8 model (its default executor: one embedding task per text on a pool of
 * one thread per core) and stored by {@code QdrantEmbeddingStore} in a new collection (384
 * dimensions, cosine) over gRPC.
 *
 * <p>Not compiled by the project's build: the comparison compiles it against LangChain4j's own
 * class path and runs it in a child JVM. Arguments: vault folder, Qdrant host, gRPC port,
 * collection name. Prints one line starting with {@code RESULT } and a JSON object: notes, chunks
 * (points in the collection afterwards), work_s (wall seconds of main), cpu_s (process CPU
 * seconds), peak_rss_mib ({@code VmHWM}).
 */
public final class LangChain4jPeer {
    private LangChain4jPeer() {
    }

    public static void main(String[] args) throws Exception {
        long t0 = System.nanoTime();
        Path vault = Path.of(args[0]);
        String collection = args[3];
        QdrantClient client = new QdrantClient(QdrantGrpcClient.newBuilder(args[1], Integer.parseInt(args[2]), false).build());
        client.createCollectionAsync(collection,
                VectorParams.newBuilder().setSize(384).setDistance(Distance.Cosine).build()).get();
        EmbeddingModel model = new BgeSmallEnV15QuantizedEmbeddingModel();
        EmbeddingStore<TextSegment> store = QdrantEmbeddingStore.builder().client(client).collectionName(collection).build();
        List<Document> notes = FileSystemDocumentLoader.loadDocumentsRecursively(vault,
                FileSystems.getDefault().getPathMatcher("glob:**.md"), new TextDocumentParser());
        EmbeddingStoreIngestor ingestor = EmbeddingStoreIngestor.builder()
                .documentSplitter(DocumentSplitters.recursive(256, 32, new HuggingFaceTokenCountEstimator()))
                .embeddingModel(model)
                .embeddingStore(store)
                .build();
        ingestor.ingest(notes);
        long points = client.countAsync(collection).get();
        double work = (System.nanoTime() - t0) / 1e9;
        double cpu = ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime() / 1e9;
        System.out.println(String.format(Locale.ROOT,
                "RESULT {\"notes\": %d, \"chunks\": %d, \"work_s\": %.3f, \"cpu_s\": %.3f, \"peak_rss_mib\": %.1f%s}",
                notes.size(), points, work, cpu, peakRssMib(),
                Boolean.getBoolean("bench.threads") ? ", \"threads_cpu_s\": " + threadCpu() : ""));
        client.close();
        System.exit(0);
    }

    /** CPU seconds of the live threads by name, as a JSON object (Linux {@code /proc/self/task}). */
    private static String threadCpu() throws java.io.IOException {
        java.util.Map<String, Double> out = new java.util.TreeMap<>();
        try (java.util.stream.Stream<Path> tasks = Files.list(Path.of("/proc/self/task"))) {
            for (Path t : tasks.toList()) {
                String stat;
                try {
                    stat = Files.readString(t.resolve("stat"));
                } catch (java.io.IOException e) {
                    continue;
                }
                String name = stat.substring(stat.indexOf('(') + 1, stat.lastIndexOf(')')).replaceAll("[0-9]+", "")
                        .replaceAll("[-#_ ]+$", "");
                String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                out.merge(name, (Long.parseLong(f[11]) + Long.parseLong(f[12])) / 100.0, Double::sum);
            }
        }
        StringBuilder json = new StringBuilder("{");
        out.entrySet().stream().sorted(java.util.Map.Entry.<String, Double>comparingByValue().reversed()).forEach(e ->
                json.append(json.length() > 1 ? ", " : "").append('"').append(e.getKey().replace("\"", "'"))
                        .append("\": ").append(String.format(Locale.ROOT, "%.2f", e.getValue())));
        return json.append('}').toString();
    }

    private static double peakRssMib() throws java.io.IOException {
        for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
            if (line.startsWith("VmHWM:")) {
                return Long.parseLong(line.replaceAll("[^0-9]", "")) / 1024.0;
            }
        }
        return -1;
    }
}
