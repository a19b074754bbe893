package io.alexandria.sync;

import io.alexandria.chunking.Chunker;
import io.alexandria.common.Json;
import io.alexandria.embedding.Embedder;
import io.alexandria.embedding.EmbeddingException;
import io.alexandria.extraction.ExtractedDocument;
import io.alexandria.extraction.ExtractionException;
import io.alexandria.index.ChunkIndex;
import io.alexandria.index.ChunkPayload;
import io.alexandria.index.Payloads;
import io.alexandria.index.QdrantCalls;
import io.alexandria.pipeline.PendingChunks;
import io.alexandria.pipeline.PipelineStore;
import io.alexandria.sources.DocumentFile;
import io.alexandria.sources.DocumentSource;
import io.alexandria.store.DocumentRow;
import io.alexandria.store.PendingChunk;
import io.alexandria.store.SyncStatus;
import io.qdrant.client.grpc.Collections.AliasOperations;
import io.qdrant.client.grpc.Collections.CreateAlias;
import io.qdrant.client.grpc.Collections.DeleteAlias;
import io.qdrant.client.grpc.Points.PointStruct;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Switching the embedding model: a new collection named after the new model and its
 * dimension is built in the background from the ledger — each live document re-extracted,
 * re-chunked with the new model's tokenizer, embedded where the cache (keyed by model) lacks the
 * text, and upserted — while search keeps answering from the old collection through the stable
 * alias. Progress is kept in H2, so a crash resumes the rebuild. Once every document is in and the
 * running engine is idle, the engine is paused, documents that changed meanwhile are redone, the
 * alias is switched in one request, the ledger's chunks become the new collection's, the active
 * model is recorded, and a {@code collection_recreate} event is queued. The caller then replaces
 * the paused engine by one on the new model. Switching back to an earlier model reuses its cached
 * vectors and embeds nothing.
 */
public final class ModelSwitch implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ModelSwitch.class);

    /**
     * Where the switch stands.
     *
     * @param total    live documents to rebuild
     * @param done     documents already in the new collection
     * @param embedded texts the new model embedded so far (cache misses)
     * @param switched the alias now points at the new collection
     * @param error    why it stopped, or null
     */
    public record Progress(String collection, int total, int done, long embedded, boolean switched, String error) {
    }

    private final SyncEngine engine;
    private final PipelineStore store;
    private final Embedder target;
    private final ChunkIndex targetIndex;
    private final Chunker chunker;
    /** Model tokens of the target model's passage prefix. */
    private final int prefixTokens;
    private final CompletableFuture<Void> finished = new CompletableFuture<>();
    private volatile int total;
    private volatile int done;
    private volatile long embedded;
    private volatile boolean switched;
    private volatile String error;
    private volatile boolean cancelled;
    private final java.util.concurrent.atomic.AtomicBoolean closed = new java.util.concurrent.atomic.AtomicBoolean();
    private Thread thread;

    /**
     * @param engine the running engine on the current model (it is paused at the switch)
     * @param target the new model; this switch owns it until {@link #takeTarget()}
     */
    public ModelSwitch(SyncEngine engine, Embedder target) {
        this.engine = engine;
        this.store = engine.store();
        this.target = target;
        this.targetIndex = new ChunkIndex(engine.client(), target.model());
        this.chunker = new Chunker(target.tokenCounter(), engine.config().chunking());
        this.prefixTokens = target.model().passagePrefix().isEmpty() ? 0
                : target.tokenCounter().count(target.model().passagePrefix());
    }

    /** Starts the rebuild on a background thread. */
    public synchronized void start() {
        if (thread == null) {
            thread = Thread.ofPlatform().daemon().name("alexandria-model-switch").start(this::run);
        }
    }

    /** The new model's collection. */
    public String collection() {
        return targetIndex.collection();
    }

    /** A snapshot of the progress. */
    public Progress progress() {
        return new Progress(targetIndex.collection(), total, done, embedded, switched, error);
    }

    /**
     * Waits for the switch to finish.
     *
     * @return true when switched, false when it failed or the wait ran out
     */
    public boolean await(Duration timeout) throws InterruptedException {
        try {
            finished.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException | java.util.concurrent.ExecutionException e) {
            return switched;
        }
        return switched;
    }

    /** Hands the new model to the caller (after a successful switch) so the next engine can use it. */
    public Embedder takeTarget() {
        return target;
    }

    private void run() {
        try {
            targetIndex.ensure();
            while (!cancelled && pass() > 0) {
                LOG.debug("rebuild pass done, checking for changes");
            }
            while (!cancelled && !engine.awaitIdle(Duration.ofSeconds(5))) {
                LOG.info("model switch waits for the running sync to finish");
            }
            if (cancelled) {
                return;
            }
            engine.pause();
            engine.awaitWorkersQuiet(Duration.ofMinutes(5));
            pass();
            switchAlias();
        } catch (Exception e) {
            error = e.getMessage() == null ? e.toString() : e.getMessage();
            LOG.warn("model switch to {} stopped: {}", target.model().id(), error);
            engine.resume();
        } finally {
            finished.complete(null);
        }
    }

    /** Rebuilds every live document that is missing from, or changed since, the new collection. */
    private int pass() throws EmbeddingException {
        List<DocumentRow> live = new ArrayList<>();
        for (DocumentRow r : store.documents()) {
            if (r.status() == SyncStatus.SYNCED || r.status() == SyncStatus.STALE) {
                live.add(r);
            }
        }
        Map<Long, String> already = store.rebuilt(targetIndex.collection());
        total = live.size();
        int redone = 0;
        int count = 0;
        for (DocumentRow doc : live) {
            if (cancelled) {
                break;
            }
            if (already.containsKey(doc.id()) && Objects.equals(already.get(doc.id()), doc.contentHash())) {
                count++;
                continue;
            }
            rebuildOne(doc);
            redone++;
            count++;
            done = count;
        }
        done = count;
        return redone;
    }

    private void rebuildOne(DocumentRow doc) throws EmbeddingException {
        DocumentSource source = engine.source(doc.key().source(), doc.key().scope());
        if (source == null) {
            return;
        }
        ExtractedDocument extracted;
        try {
            extracted = source.extract(new DocumentFile(doc.filePath(), doc.format()), engine.config().limits());
        } catch (ExtractionException e) {
            LOG.info("model switch skips {}: {}", doc.key(), e.getMessage());
            return;
        }
        String key = target.model().key();
        List<PendingChunk> chunks = PendingChunks.of(doc, chunker.chunk(extracted), target.model(), prefixTokens);
        Map<String, float[]> vectors = new HashMap<>(store.vectors(key,
                chunks.stream().map(PendingChunk::textHash).distinct().toList()));
        Map<String, PendingChunk> missing = new LinkedHashMap<>();
        for (PendingChunk p : chunks) {
            if (!vectors.containsKey(p.textHash())) {
                missing.putIfAbsent(p.textHash(), p);
            }
        }
        if (!missing.isEmpty()) {
            List<PendingChunk> texts = List.copyOf(missing.values());
            float[][] v = target.embedAll(texts.stream().map(PendingChunk::input).toList());
            Map<String, float[]> fresh = new LinkedHashMap<>();
            for (int i = 0; i < texts.size(); i++) {
                fresh.put(texts.get(i).textHash(), v[i]);
            }
            store.embedded(key, fresh, Map.of());
            vectors.putAll(fresh);
            embedded += fresh.size();
        }
        Map<String, Object> docPayload = Json.readMap(doc.docPayloadJson());
        List<PointStruct> points = new ArrayList<>();
        for (PendingChunk ch : chunks) {
            points.add(ChunkIndex.point(ch.pointId(), vectors.get(ch.textHash()), Payloads.toPayload(
                    ChunkPayload.build(doc, docPayload, ch, target.model().id(), engine.config().hostname()))));
        }
        targetIndex.upsert(points);
        store.rebuiltDocument(targetIndex.collection(), doc.id(), doc.contentHash(), chunks);
    }

    private void switchAlias() {
        String from = engine.model().id();
        QdrantCalls.await(engine.client().updateAliasesAsync(List.of(
                AliasOperations.newBuilder().setDeleteAlias(DeleteAlias.newBuilder().setAliasName(ChunkIndex.ALIAS)).build(),
                AliasOperations.newBuilder().setCreateAlias(CreateAlias.newBuilder().setAliasName(ChunkIndex.ALIAS)
                        .setCollectionName(targetIndex.collection())).build())));
        int documents = done;
        store.switched(targetIndex.collection(), target.model().id(),
                "model switch from " + from + " (" + documents + " documents)", engine.runId());
        switched = true;
        LOG.info("search now uses {} ({} documents)", targetIndex.collection(), documents);
    }

    /**
     * Stops a rebuild that has not switched yet (what is done stays recorded and resumes later)
     * and closes the new model unless it was switched to. Idempotent.
     */
    @Override
    public void close() {
        if (closed.getAndSet(true)) {
            return;
        }
        cancelled = true;
        Thread t;
        synchronized (this) {
            t = thread;
        }
        if (t != null) {
            boolean interrupted = false;
            try {
                t.join(TimeUnit.SECONDS.toMillis(30));
            } catch (InterruptedException e) {
                interrupted = true;
            }
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
        if (!switched) {
            target.close();
        }
    }
}
