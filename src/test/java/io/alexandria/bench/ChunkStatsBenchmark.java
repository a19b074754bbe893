package io.alexandria.bench;

import io.alexandria.chunking.Chunk;
import io.alexandria.chunking.Chunker;
import io.alexandria.chunking.ChunkingOptions;
import io.alexandria.chunking.TokenCounter;
import io.alexandria.extraction.ExtractionLimits;
import io.alexandria.extraction.markdown.MarkdownExtractor;
import io.alexandria.sources.vault.VaultFile;
import io.alexandria.sources.vault.VaultScanner;
import io.alexandria.testsupport.Corpus;
import io.alexandria.testsupport.TestModels;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * The chunk count and size distribution of the corpus vaults (part {@code chunk-stats} of
 * {@link Benchmark}): for {@code obsidian-tasks-docs} and {@code japanese-docs}, every note
 * extracted and chunked with the default {@link ChunkingOptions} and the bundled model's tokenizer;
 * prints the number of chunks, how many have fewer than 20 tokens, the 10th / 50th / 90th
 * percentile and the largest token count (tokens of the embedded text: context line and chunk text),
 * and the largest chunk text in characters. {@code -Dchunk.min=N} tries another
 * {@link ChunkingOptions#minTokens()}. A quality figure, not a test.
 */
public final class ChunkStatsBenchmark {
    private ChunkStatsBenchmark() {
    }

    /** Prints the figures; nothing when the shared corpus is absent. */
    public static void run() throws Exception {
        Path corpus = Corpus.root();
        if (corpus == null) {
            System.out.println("shared corpus not found: nothing to measure");
            return;
        }
        TokenCounter counter = TestModels.tokenCounter();
        ChunkingOptions options = ChunkingOptions.defaults();
        String min = System.getProperty("chunk.min", "");
        if (!min.isBlank()) {
            options = options.withMinTokens(Integer.parseInt(min));
        }
        Chunker chunker = new Chunker(counter, options);
        System.out.println("options: " + options);
        MarkdownExtractor extractor = new MarkdownExtractor();
        System.out.printf(Locale.ROOT, "%-22s %6s %7s %8s %5s %5s %5s %5s %9s%n", "vault", "notes", "chunks",
                "<20 tok", "p10", "p50", "p90", "max", "max chars");
        for (String vault : List.of("obsidian-tasks-docs", "japanese-docs")) {
            List<VaultFile> files = new VaultScanner(corpus.resolve(vault)).scan().files();
            List<Integer> tokens = new ArrayList<>();
            int maxChars = 0;
            for (VaultFile f : files) {
                for (Chunk c : chunker.chunk(extractor.extract(f.path(), ExtractionLimits.defaults()))) {
                    tokens.add(c.tokens());
                    maxChars = Math.max(maxChars, c.text().length());
                }
            }
            int[] sorted = tokens.stream().mapToInt(Integer::intValue).sorted().toArray();
            long small = Arrays.stream(sorted).filter(t -> t < 20).count();
            System.out.printf(Locale.ROOT, "%-22s %6d %7d %8s %5d %5d %5d %5d %9d%n", vault, files.size(), sorted.length,
                    small + String.format(Locale.ROOT, " (%.0f%%)", 100.0 * small / Math.max(1, sorted.length)),
                    pct(sorted, 10), pct(sorted, 50), pct(sorted, 90), sorted.length == 0 ? 0 : sorted[sorted.length - 1],
                    maxChars);
        }
    }

    private static int pct(int[] sorted, int p) {
        return sorted.length == 0 ? 0 : sorted[Math.min(sorted.length - 1, sorted.length * p / 100)];
    }

    public static void main(String[] args) throws Exception {
        run();
    }
}
