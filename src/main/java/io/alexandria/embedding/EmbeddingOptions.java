package io.alexandria.embedding;

import java.util.Locale;

/**
 * How an embedder uses the machine: how many inferences run at once, how many threads each one
 * uses, how texts are grouped into model calls, and how ONNX Runtime allocates memory.
 *
 * <p>The defaults come from measurements on the bundled int8 bge-small model (see
 * {@code EmbeddingBenchmark}'s {@code --configs} and {@code README.md}'s figures): on a CPU, one
 * inference per core, each on one thread, sharing one ONNX Runtime session (one copy of the
 * weights), one text per call (no padding, and per-call activation quantisation identical to
 * embedding the text alone); on a GPU, one stream of large length-sorted batches.
 *
 * @param workers        inferences running at once (threads of the embedder's pool), ≥ 1
 * @param intraOpThreads threads ONNX Runtime (or PyTorch) uses inside one inference, ≥ 1
 * @param sessions       ONNX Runtime sessions: 1 = one shared by all workers (one copy of the
 *                       weights; ONNX Runtime's {@code Run} is thread-safe), or one per worker;
 *                       between 1 and {@code workers}
 * @param batchTexts     most texts per model call, ≥ 1
 * @param batchTokens    most padded tokens per model call (texts x longest member, special tokens
 *                       included); a single text over it still makes a call of its own
 * @param cpuArena       whether ONNX Runtime keeps its CPU memory arena: its buffers are reused
 *                       from call to call, and each session's arena keeps its peak size (the
 *                       largest concurrent calls' activations) until the session closes. Off,
 *                       every large tensor is a fresh {@code mmap} whose pages the kernel zeroes
 *                       on first touch: on the development machine that cost 1.5x the CPU per
 *                       text at batch 1 and 4–8x at batch 4–32, so the defaults keep it on
 */
public record EmbeddingOptions(int workers, int intraOpThreads, int sessions, int batchTexts, int batchTokens,
                               boolean cpuArena) {
    /** System property prefix for overriding the defaults ({@code alexandria.embed.workers=...}), for benchmarks. */
    public static final String PROPERTY_PREFIX = "alexandria.embed.";

    public EmbeddingOptions {
        if (workers < 1 || intraOpThreads < 1 || batchTexts < 1 || batchTokens < 1) {
            throw new IllegalArgumentException("workers, intraOpThreads, batchTexts and batchTokens must be ≥ 1: "
                    + workers + ", " + intraOpThreads + ", " + batchTexts + ", " + batchTokens);
        }
        if (sessions < 1 || sessions > workers) {
            throw new IllegalArgumentException("sessions must be between 1 and workers (" + workers + "): " + sessions);
        }
    }

    /** The CPU defaults for {@code cores} cores: one single-threaded inference per core, one text per call. */
    public static EmbeddingOptions cpu(int cores) {
        return new EmbeddingOptions(Math.max(1, cores), 1, 1, 1, 512, true);
    }

    /** The CPU defaults for this machine ({@link Runtime#availableProcessors()}). */
    public static EmbeddingOptions cpu() {
        return cpu(Runtime.getRuntime().availableProcessors());
    }

    /**
     * The GPU defaults: one inference stream (the device serialises kernels anyway) of up to 64
     * length-sorted texts or 32,768 padded tokens, with tokenising overlapped on the CPU.
     */
    public static EmbeddingOptions gpu() {
        return new EmbeddingOptions(1, 1, 1, 64, 32_768, true);
    }

    /** One inference at a time on {@code threads} threads, batches as {@code this}: the old single-stream layout. */
    public EmbeddingOptions singleStream(int threads) {
        return new EmbeddingOptions(1, threads, 1, batchTexts, batchTokens, cpuArena);
    }

    /** A copy with other batch bounds. */
    public EmbeddingOptions withBatch(int texts, int tokens) {
        return new EmbeddingOptions(workers, intraOpThreads, sessions, texts, tokens, cpuArena);
    }

    /**
     * {@code this}, with any of the system properties {@code alexandria.embed.workers},
     * {@code .intraOpThreads}, {@code .sessions}, {@code .batchTexts}, {@code .batchTokens} and
     * {@code .cpuArena} applied (for benchmarks comparing layouts; unset ones keep their value).
     *
     * @throws IllegalArgumentException when a property is not a number (or boolean) in range
     */
    public EmbeddingOptions withSystemOverrides() {
        int w = intProperty("workers", workers);
        int s = intProperty("sessions", Math.min(sessions, w));
        return new EmbeddingOptions(w, intProperty("intraOpThreads", intraOpThreads), Math.min(s, w),
                intProperty("batchTexts", batchTexts), intProperty("batchTokens", batchTokens),
                Boolean.parseBoolean(System.getProperty(PROPERTY_PREFIX + "cpuArena", Boolean.toString(cpuArena))));
    }

    private static int intProperty(String name, int fallback) {
        String v = System.getProperty(PROPERTY_PREFIX + name);
        if (v == null || v.isBlank()) {
            return fallback;
        }
        try {
            return Integer.parseInt(v.strip());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(PROPERTY_PREFIX + name + " must be a whole number, got " + v, e);
        }
    }

    /** One line for logs and benchmarks, e.g. {@code 2 workers x 1 thread, 1 session, batch 1 / 512 tokens, arena off}. */
    public String describe() {
        return String.format(Locale.ROOT, "%d worker%s x %d thread%s, %d session%s, batch %d / %d tokens, arena %s",
                workers, workers == 1 ? "" : "s", intraOpThreads, intraOpThreads == 1 ? "" : "s", sessions,
                sessions == 1 ? "" : "s", batchTexts, batchTokens, cpuArena ? "on" : "off");
    }
}
