package io.alexandria.bench;

import io.alexandria.embedding.BundledModel;
import io.alexandria.embedding.DeviceChoice;
import io.alexandria.embedding.EmbeddingOptions;
import io.alexandria.embedding.OnnxEmbedder;
import io.alexandria.testsupport.TestModels;
import java.nio.file.Path;
import java.util.List;

/**
 * One side of {@link LangChain4jComparison}, in a child JVM: the raw embedder (bundled model) on
 * every distinct chunk of a vault, through {@code embedAll} as the sync would call it. Arguments:
 * vault folder, models folder, {@code all} (the CPU defaults: every core) or {@code single} (one
 * thread, one text per call). Prints {@link ChildFigures}: chunks, work_s (loading included),
 * embed_s, workers.
 */
final class RawEmbedderChild {
    private RawEmbedderChild() {
    }

    public static void main(String[] args) throws Exception {
        long t0 = System.nanoTime();
        List<String> texts = EmbedderThroughputBenchmark.vaultChunks(Path.of(args[0]));
        int[] tokens = texts.stream().mapToInt(t -> TestModels.tokenCounter().count(t) + 2).toArray();
        EmbeddingOptions options = args[2].equals("single") ? new EmbeddingOptions(1, 1, 1, 1, 512, true)
                : EmbeddingOptions.cpu().withSystemOverrides();
        try (OnnxEmbedder e = BundledModel.load(Path.of(args[1]), DeviceChoice.asRequested("cpu", "cpu"), options)) {
            long e0 = System.nanoTime();
            int[] n = new int[1];
            e.embedAll(texts, tokens, b -> {
                if (!b.ok()) {
                    throw new IllegalStateException(b.error());
                }
                n[0] += b.indexes().length;
            });
            double embed = (System.nanoTime() - e0) / 1e9;
            new ChildFigures().put("chunks", n[0]).put("work_s", (System.nanoTime() - t0) / 1e9).put("embed_s", embed)
                    .put("workers", options.workers()).print();
        }
        System.exit(0);
    }
}
