package io.alexandria.pipeline;

import io.alexandria.embedding.Embedder;
import io.alexandria.embedding.EmbeddingException;
import io.alexandria.embedding.PreparedBatch;
import io.alexandria.store.PendingChunk;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Stage 2 → 3: embeds pending chunks whose text the cache lacks, in batches across documents,
 * tokenising the next batch on another thread while the model runs the current one: texts sorted
 * by length (little padding), each batch bounded by
 * a token budget (count x longest) and a count. Vectors go to the embedding cache in the
 * {@link PipelineStore#embedded} transition, which also credits each document with its share of
 * the batch time; documents whose every chunk has a vector then move to the embedded stage.
 * When a batch fails, a known-good canary text tells a broken model (missing, out of memory: the
 * stage is held — the exception propagates and the worker retries with backoff — and nothing
 * fails) from texts the model cannot take: those are retried one by one, and the ones that still
 * fail fail their documents with an {@code EmbeddingError}.
 */
record EmbedStage(PipelineStore store, Embedder embedder, int batchTokens, int batchMax, DocumentFailures failures,
                 PipelineObserver observer, Supplier<RunStats> stats, Throughput throughput, BooleanSupplier stopping,
                 ExecutorService tokenizer) implements PipelineStage {
    private static final Logger LOG = LoggerFactory.getLogger(EmbedStage.class);
    private static final int CLAIM = 512;
    private static final String CANARY = "The quick brown fox jumps over the lazy dog.";

    /** The thread that tokenises the next batch while the model embeds the current one. */
    static ExecutorService tokenizerThread() {
        return Executors.newSingleThreadExecutor(Thread.ofPlatform().daemon().name("alexandria-tokenize").factory());
    }

    @Override
    public String name() {
        return "embed";
    }

    @Override
    public boolean runOnce() throws EmbeddingException {
        List<PendingChunk> missing = store.claimChunksToEmbed(modelId(), CLAIM);
        if (missing.isEmpty()) {
            return store.promoteEmbedded(modelId()) > 0;
        }
        observer.activity(name(), null);
        List<List<PendingChunk>> plan = EmbeddingBatches.plan(missing, embedder.model().maxTokens(), batchTokens,
                batchMax);
        Future<PreparedBatch> next = prepareAhead(plan.getFirst());
        for (int i = 0; i < plan.size(); i++) {
            if (stopping.getAsBoolean()) {
                next.cancel(false);
                break; // closing: the rest stays queued
            }
            PreparedBatch current = preparedOrNull(next);
            if (i + 1 < plan.size()) {
                next = prepareAhead(plan.get(i + 1)); // tokenise the next batch while the model runs
            }
            embedBatch(plan.get(i), current);
        }
        store.promoteEmbedded(modelId());
        return true;
    }

    @Override
    public void close() {
        tokenizer.shutdownNow();
    }

    private String modelId() {
        return embedder.model().id();
    }

    private Future<PreparedBatch> prepareAhead(List<PendingChunk> batch) {
        List<String> texts = batch.stream().map(PendingChunk::input).toList();
        return tokenizer.submit(() -> embedder.prepare(texts));
    }

    /** The prepared batch, or null when preparing failed (the batch is then embedded from its texts). */
    private static PreparedBatch preparedOrNull(Future<PreparedBatch> f) {
        try {
            return f.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        } catch (ExecutionException e) {
            return null;
        }
    }

    private void embedBatch(List<PendingChunk> batch, PreparedBatch prepared) throws EmbeddingException {
        long t0 = System.nanoTime();
        float[][] vectors;
        try {
            vectors = prepared != null ? embedder.embed(prepared)
                    : embedder.embed(batch.stream().map(PendingChunk::input).toList());
        } catch (EmbeddingException e) {
            if (!modelWorks()) {
                throw e; // the model itself is broken (missing, out of memory): hold the stage
            }
            LOG.warn("a batch of {} texts failed to embed, retrying one by one: {}", batch.size(), e.getMessage());
            embedOneByOne(batch);
            return;
        }
        store(batch, vectors, System.nanoTime() - t0);
    }

    /** Whether the model embeds a known-good text: tells a broken model from a text it cannot take. */
    private boolean modelWorks() {
        try {
            return embedder.embed(List.of(CANARY)).length == 1;
        } catch (EmbeddingException | RuntimeException e) {
            return false;
        }
    }

    private void embedOneByOne(List<PendingChunk> batch) throws EmbeddingException {
        List<PendingChunk> failed = new ArrayList<>();
        Map<PendingChunk, EmbeddingException> causes = new HashMap<>();
        for (PendingChunk p : batch) {
            long t0 = System.nanoTime();
            try {
                float[][] v = embedder.embed(List.of(p.input()));
                store(List.of(p), v, System.nanoTime() - t0);
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

    private void store(List<PendingChunk> batch, float[][] vectors, long nanos) {
        Map<String, float[]> byHash = new LinkedHashMap<>();
        Map<Long, Long> tokensByDoc = new HashMap<>();
        long tokens = 0;
        for (int i = 0; i < batch.size(); i++) {
            byHash.put(batch.get(i).textHash(), vectors[i]);
            tokensByDoc.merge(batch.get(i).documentId(), (long) batch.get(i).tokens(), Long::sum);
            tokens += batch.get(i).tokens();
        }
        long totalTokens = Math.max(1, tokens);
        long ms = nanos / 1_000_000;
        Map<Long, Long> msByDoc = new HashMap<>();
        tokensByDoc.forEach((doc, t) -> msByDoc.put(doc, ms * t / totalTokens));
        store.embedded(modelId(), byHash, msByDoc);
        throughput.record(batch.size());
        RunStats s = stats.get();
        s.chunksEmbedded.addAndGet(batch.size());
        s.tokensEmbedded.addAndGet(tokens);
        s.embedNanos.addAndGet(nanos);
    }
}
