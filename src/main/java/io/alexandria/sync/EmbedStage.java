package io.alexandria.sync;

import io.alexandria.embedding.EmbeddingException;
import io.alexandria.embedding.PreparedBatch;
import io.alexandria.store.Counters;
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
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Stage 2 → 3: embeds pending chunks whose text the cache lacks, in batches across documents,
 * tokenising the next batch on another thread while the model runs the current one: texts sorted
 * by length (little padding), each batch bounded by
 * {@link EngineConfig#embedBatchTokens()} (count x longest) and {@link EngineConfig#embedBatchMax()}.
 * Vectors go to the embedding cache in the same transaction that credits each document with its
 * share of the batch time; documents whose every chunk has a vector move to the embedded stage.
 * When a batch fails, a known-good canary text tells a broken model (missing, out of memory: the
 * stage is held — the exception propagates and the worker retries with backoff — and nothing
 * fails) from texts the model cannot take: those are retried one by one, and the ones that still
 * fail fail their documents with an {@code EmbeddingError}.
 */
final class EmbedStage implements PipelineStage {
    private static final Logger LOG = LoggerFactory.getLogger(EmbedStage.class);
    private static final int CLAIM = 512;
    private static final String CANARY = "The quick brown fox jumps over the lazy dog.";
    private final EngineParts parts;
    private final FailureSink failures;
    /** Tokenises the next batch while the model embeds the current one. */
    private final ExecutorService tokenizer = Executors.newSingleThreadExecutor(
            Thread.ofPlatform().daemon().name("alexandria-tokenize").factory());

    /** Where texts that cannot be embedded are reported (fails their documents). */
    interface FailureSink {
        void embeddingFailed(long documentId, String message, Throwable cause);
    }

    EmbedStage(EngineParts parts, FailureSink failures) {
        this.parts = parts;
        this.failures = failures;
    }

    @Override
    public String name() {
        return "embed";
    }

    @Override
    public boolean runOnce() throws EmbeddingException {
        String model = parts.model();
        List<PendingChunk> missing = parts.db.inTransaction(c -> parts.ledger.chunksToEmbed(c, model, CLAIM));
        if (missing.isEmpty()) {
            return parts.db.inTransaction(c -> parts.ledger.promoteEmbedded(c, model)) > 0;
        }
        parts.activity(name(), null);
        List<List<PendingChunk>> plan = EmbeddingBatches.plan(missing, parts.embedder.model().maxTokens(),
                parts.config.embedBatchTokens(), parts.config.embedBatchMax());
        Future<PreparedBatch> next = prepareAhead(plan.getFirst());
        for (int i = 0; i < plan.size(); i++) {
            if (parts.stopping) {
                next.cancel(false);
                break; // closing: the rest stays queued
            }
            PreparedBatch current = preparedOrNull(next);
            if (i + 1 < plan.size()) {
                next = prepareAhead(plan.get(i + 1)); // tokenise the next batch while the model runs
            }
            embedBatch(model, plan.get(i), current);
        }
        parts.db.inTransaction(c -> parts.ledger.promoteEmbedded(c, model));
        return true;
    }

    @Override
    public void close() {
        tokenizer.shutdownNow();
    }

    private Future<PreparedBatch> prepareAhead(List<PendingChunk> batch) {
        List<String> texts = batch.stream().map(PendingChunk::input).toList();
        return tokenizer.submit(() -> parts.embedder.prepare(texts));
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

    private void embedBatch(String model, List<PendingChunk> batch, PreparedBatch prepared) throws EmbeddingException {
        long t0 = System.nanoTime();
        float[][] vectors;
        try {
            vectors = prepared != null ? parts.embedder.embed(prepared)
                    : parts.embedder.embed(batch.stream().map(PendingChunk::input).toList());
        } catch (EmbeddingException e) {
            if (!modelWorks()) {
                throw e; // the model itself is broken (missing, out of memory): hold the stage
            }
            LOG.warn("a batch of {} texts failed to embed, retrying one by one: {}", batch.size(), e.getMessage());
            embedOneByOne(model, batch);
            return;
        }
        store(model, batch, vectors, System.nanoTime() - t0);
    }

    /** Whether the model embeds a known-good text: tells a broken model from a text it cannot take. */
    private boolean modelWorks() {
        try {
            return parts.embedder.embed(List.of(CANARY)).length == 1;
        } catch (EmbeddingException | RuntimeException e) {
            return false;
        }
    }

    private void embedOneByOne(String model, List<PendingChunk> batch) throws EmbeddingException {
        List<PendingChunk> failed = new ArrayList<>();
        Map<PendingChunk, EmbeddingException> causes = new HashMap<>();
        for (PendingChunk p : batch) {
            long t0 = System.nanoTime();
            try {
                float[][] v = parts.embedder.embed(List.of(p.input()));
                store(model, List.of(p), v, System.nanoTime() - t0);
            } catch (EmbeddingException e) {
                failed.add(p);
                causes.put(p, e);
            }
        }
        if (!failed.isEmpty() && !modelWorks()) {
            throw causes.get(failed.getFirst());
        }
        for (PendingChunk p : failed) {
            failures.embeddingFailed(p.documentId(), "chunk " + p.ordinal() + " cannot be embedded: "
                    + causes.get(p).getMessage(), causes.get(p));
        }
    }

    private void store(String model, List<PendingChunk> batch, float[][] vectors, long nanos) {
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
        parts.db.inTransactionVoid(c -> {
            parts.cache.put(c, model, byHash);
            parts.counters.add(c, Counters.embedded(model), byHash.size());
            parts.ledger.addEmbeddingMs(c, msByDoc);
        });
        RunStats s = parts.stats.get();
        s.chunksEmbedded.addAndGet(batch.size());
        s.tokensEmbedded.addAndGet(tokens);
        s.embedNanos.addAndGet(nanos);
    }
}
