package io.alexandria.pipeline;

import io.alexandria.embedding.EmbeddedBatch;
import io.alexandria.embedding.Embedder;
import io.alexandria.embedding.EmbeddingException;
import io.alexandria.store.PendingChunk;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Stage 2 → 3: embeds the pending chunks whose model input the cache lacks, across documents.
 * Each round claims up to {@value #CLAIM} distinct texts and hands them all to
 * {@link Embedder#embedAll(List, int[], Embedder.BatchSink)}, which groups them into model calls
 * ({@link Embedder#batchPlan()}) and keeps every worker of the embedder busy; finished calls come
 * back on this stage's thread while the workers go on. Vectors are stored
 * ({@link PipelineStore#embedded}: the cache, the lifetime counter, each document's share of the
 * model time) in one transaction per {@value #FLUSH} vectors, after which the documents whose every
 * chunk has a vector move to the embedded stage and the other stages are woken, so uploading runs
 * beside embedding and the extract stage refills the backlog.
 *
 * <p>The cache is keyed by {@link io.alexandria.embedding.ModelSpec#key()}: the model id, plus the
 * passage prefix when the model has one (a prefix change is a model change).
 *
 * <p>When a model call fails, a known-good canary text tells a broken model (missing, out of
 * memory: the stage is held — the exception propagates and the worker retries with backoff — and
 * nothing fails) from texts the model cannot take: those are retried one by one, and the ones that
 * still fail fail their documents with an {@code EmbeddingError}. Vectors stored before a failure
 * stay stored.
 *
 * @param progressed told after each stored group of vectors (wakes the other stages, reports progress)
 * @param stopping   true once the engine closes: the round ends after the calls in flight (the rest
 *                   stays queued)
 */
record EmbedStage(PipelineStore store, Embedder embedder, DocumentFailures failures, PipelineObserver observer,
                  Supplier<RunStats> stats, Throughput throughput, BooleanSupplier stopping,
                  Runnable progressed) implements PipelineStage {
    private static final Logger LOG = LoggerFactory.getLogger(EmbedStage.class);
    /** Most distinct texts per round. */
    static final int CLAIM = 1024;
    /** Vectors per cache transaction. */
    static final int FLUSH = 64;
    private static final String CANARY = "The quick brown fox jumps over the lazy dog.";

    @Override
    public String name() {
        return "embed";
    }

    @Override
    public boolean runOnce() throws EmbeddingException {
        String key = key();
        List<PendingChunk> missing = store.claimChunksToEmbed(key, CLAIM);
        if (missing.isEmpty()) {
            return store.promoteEmbedded(key) > 0;
        }
        observer.activity(name(), null);
        long t0 = System.nanoTime();
        Round round = new Round(missing);
        try {
            embedder.embedAll(round.texts, round.tokens, round::accept);
        } catch (Stopping e) {
            // closing: what is stored stays, the rest stays queued
        }
        round.flush();
        if (!round.failed.isEmpty() && !stopping.getAsBoolean()) {
            retryOneByOne(round.failed, round.firstError);
        }
        store.promoteEmbedded(key);
        stats.get().embedNanos.addAndGet(System.nanoTime() - t0);
        return true;
    }

    /** The cache key of the model in use. */
    private String key() {
        return embedder.model().key();
    }

    /** Thrown by the sink to abandon a round when the engine closes. */
    private static final class Stopping extends RuntimeException {
        Stopping() {
            super("closing", null, false, false);
        }
    }

    /** One claim's texts and what came back for them. */
    private final class Round {
        final List<PendingChunk> chunks;
        final List<String> texts;
        final int[] tokens;
        final List<PendingChunk> buffer = new ArrayList<>(FLUSH);
        final List<float[]> vectors = new ArrayList<>(FLUSH);
        final Map<Long, Long> nanosByDoc = new HashMap<>();
        final List<PendingChunk> failed = new ArrayList<>();
        EmbeddingException firstError;

        Round(List<PendingChunk> chunks) {
            this.chunks = chunks;
            this.texts = new ArrayList<>(chunks.size());
            this.tokens = new int[chunks.size()];
            for (int i = 0; i < chunks.size(); i++) {
                texts.add(chunks.get(i).input());
                tokens[i] = chunks.get(i).tokens() + 2; // [CLS] and [SEP]
            }
        }

        void accept(EmbeddedBatch batch) {
            int[] idx = batch.indexes();
            if (!batch.ok()) {
                for (int i : idx) {
                    failed.add(chunks.get(i));
                }
                if (firstError == null) {
                    firstError = batch.error();
                }
            } else {
                long batchTokens = 0;
                for (int i : idx) {
                    batchTokens += chunks.get(i).tokens();
                }
                // the workers run side by side: a document is credited with wall time, not worker time,
                // so its embedding_sec stays within its duration_sec
                long wall = batch.nanos() / Math.max(1, embedder.parallelism());
                for (int j = 0; j < idx.length; j++) {
                    PendingChunk p = chunks.get(idx[j]);
                    buffer.add(p);
                    vectors.add(batch.vectors()[j]);
                    long share = batchTokens == 0 ? wall / idx.length : wall * p.tokens() / batchTokens;
                    nanosByDoc.merge(p.documentId(), share, Long::sum);
                }
                if (buffer.size() >= FLUSH) {
                    flush();
                }
            }
            if (stopping.getAsBoolean()) {
                throw new Stopping();
            }
        }

        void flush() {
            if (buffer.isEmpty()) {
                return;
            }
            save(buffer, vectors, nanosByDoc);
            buffer.clear();
            vectors.clear();
            nanosByDoc.clear();
            store.promoteEmbedded(key());
            progressed.run();
        }
    }

    /** Whether the model embeds a known-good text: tells a broken model from a text it cannot take. */
    private boolean modelWorks() {
        try {
            return embedder.embed(List.of(CANARY)).length == 1;
        } catch (EmbeddingException | RuntimeException e) {
            return false;
        }
    }

    /**
     * Texts whose model call failed: a broken model holds the stage (the first error propagates);
     * otherwise each is tried alone and the ones that still fail fail their documents.
     */
    private void retryOneByOne(List<PendingChunk> failedChunks, EmbeddingException first) throws EmbeddingException {
        if (!modelWorks()) {
            throw first; // the model itself is broken (missing, out of memory): hold the stage
        }
        LOG.warn("{} texts failed to embed, retrying one by one: {}", failedChunks.size(), first.getMessage());
        List<PendingChunk> failed = new ArrayList<>();
        Map<PendingChunk, EmbeddingException> causes = new HashMap<>();
        for (PendingChunk p : failedChunks) {
            long t0 = System.nanoTime();
            try {
                float[][] v = embedder.embed(List.of(p.input()));
                long nanos = System.nanoTime() - t0;
                save(List.of(p), List.of(v[0]), Map.of(p.documentId(), nanos));
            } catch (EmbeddingException e) {
                failed.add(p);
                causes.put(p, e);
            }
        }
        if (!failed.isEmpty() && !modelWorks()) {
            throw causes.get(failed.getFirst());
        }
        for (PendingChunk p : failed) {
            failures.fail(p.documentId(), "EmbeddingError", "chunk " + p.ordinal() + " cannot be embedded: "
                    + causes.get(p).getMessage(), causes.get(p));
        }
    }

    /** One cache transaction: the vectors, the counter, each document's embedding time. */
    private void save(List<PendingChunk> chunks, List<float[]> vectors, Map<Long, Long> nanosByDoc) {
        Map<String, float[]> byHash = new LinkedHashMap<>();
        long tokens = 0;
        for (int i = 0; i < chunks.size(); i++) {
            byHash.put(chunks.get(i).textHash(), vectors.get(i));
            tokens += chunks.get(i).tokens();
        }
        Map<Long, Long> msByDoc = new HashMap<>();
        nanosByDoc.forEach((doc, n) -> msByDoc.put(doc, n / 1_000_000));
        store.embedded(key(), byHash, msByDoc);
        throughput.record(chunks.size());
        RunStats s = stats.get();
        s.chunksEmbedded.addAndGet(chunks.size());
        s.tokensEmbedded.addAndGet(tokens);
    }
}
