package io.alexandria.bench;

import io.alexandria.chunking.Chunk;
import io.alexandria.chunking.Chunker;
import io.alexandria.chunking.ChunkingOptions;
import io.alexandria.chunking.TokenCounter;
import io.alexandria.extraction.ExtractedDocument;
import io.alexandria.extraction.markdown.NoteParser;
import io.alexandria.testsupport.HostileShapes;
import io.alexandria.testsupport.TestModels;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.function.IntFunction;

/**
 * Extraction + chunking time of pathological note shapes of growing size (part {@code scaling} of
 * {@link Benchmark}; or directly with {@code -Dscaling.shapes=a,b -Dscaling.max=N}). For each shape
 * of {@link HostileShapes#NOTES} the note is generated at 12.5 K, 25 K, 50 K … characters (doubling
 * up to {@code scaling.max}, default 1.6 M), parsed with {@link NoteParser} and chunked with the
 * default {@link ChunkingOptions} and the bundled model's tokenizer. It prints, per size, the
 * milliseconds of parsing and of chunking and the ratio to the previous size: about 2 for linear
 * work, about 4 for quadratic. A shape stops growing once one size took more than
 * {@code scaling.stopMs} (default 20,000 ms), so a quadratic shape cannot hold the command for hours.
 * Each size is run twice and the faster run is printed (the first run warms the JIT).
 */
public final class ChunkingScalingBenchmark {
    private ChunkingScalingBenchmark() {
    }

    /** Runs the benchmark with the system properties described in the class comment. */
    public static void run() {
        int max = Integer.getInteger("scaling.max", 1_600_000);
        long stopMs = Long.getLong("scaling.stopMs", 20_000);
        String only = System.getProperty("scaling.shapes", "");
        List<String> wanted = only.isBlank() ? List.of() : Arrays.asList(only.split(","));
        TokenCounter counter = TestModels.tokenCounter();
        Chunker chunker = new Chunker(counter, ChunkingOptions.defaults());
        System.out.printf(Locale.ROOT, "%-22s %10s %10s %10s %7s %8s %8s%n", "shape", "chars", "parse ms", "chunk ms",
                "ratio", "chunks", "max tok");
        for (var shape : HostileShapes.NOTES.entrySet()) {
            if (!wanted.isEmpty() && !wanted.contains(shape.getKey())) {
                continue;
            }
            IntFunction<String> gen = shape.getValue();
            double previous = -1;
            for (int n = 12_500; n <= max; n *= 2) {
                String note = gen.apply(n);
                long[] best = {Long.MAX_VALUE, Long.MAX_VALUE};
                List<Chunk> chunks = List.of();
                for (int run = 0; run < 2; run++) {
                    long t0 = System.nanoTime();
                    ExtractedDocument doc = NoteParser.parse(note);
                    long t1 = System.nanoTime();
                    chunks = chunker.chunk(doc);
                    long t2 = System.nanoTime();
                    best[0] = Math.min(best[0], t1 - t0);
                    best[1] = Math.min(best[1], t2 - t1);
                    if ((t2 - t0) / 1_000_000 > stopMs) {
                        break; // too slow to repeat
                    }
                }
                double total = (best[0] + best[1]) / 1e6;
                int maxTokens = chunks.stream().mapToInt(Chunk::tokens).max().orElse(0);
                System.out.printf(Locale.ROOT, "%-22s %10d %10.1f %10.1f %7s %8d %8d%n", shape.getKey(), note.length(),
                        best[0] / 1e6, best[1] / 1e6, previous <= 0.5 ? "" : String.format(Locale.ROOT, "%.1f",
                                total / previous), chunks.size(), maxTokens);
                previous = total;
                if (total > stopMs) {
                    System.out.printf(Locale.ROOT, "%-22s stopped: over %d ms%n", shape.getKey(), stopMs);
                    break;
                }
            }
        }
    }

    public static void main(String[] args) {
        run();
    }
}
