package io.alexandria.pipeline;

import io.alexandria.chunking.Chunk;
import io.alexandria.chunking.Chunker;
import io.alexandria.common.Json;
import io.alexandria.extraction.ExtractedDocument;
import io.alexandria.extraction.ExtractionException;
import io.alexandria.extraction.ExtractionLimits;
import io.alexandria.index.LeaseManager;
import io.alexandria.index.QdrantException;
import io.alexandria.sources.DocumentFile;
import io.alexandria.sources.DocumentSource;
import io.alexandria.store.DocumentRow;
import io.alexandria.store.PendingChunk;
import io.alexandria.store.Stage;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Stage detected → chunked: extracts and chunks each claimed document and makes the
 * {@link PipelineStore#chunked} transition (pending chunks plus {@code ingest_start}, one
 * transaction), or {@link PipelineStore#adopted} when Qdrant already holds the document. Anything
 * that goes wrong with one document — bad input, a chunker failure, even an {@link Error} — fails
 * only that document; only outages and database failures hold the stage.
 *
 * @param model    id of the model in use (its embedding backlog bounds this stage)
 * @param maxAhead most pending chunks waiting for the model before this stage pauses (backpressure)
 * @param stopping true once the engine closes: the stage stops between documents
 */
record ExtractStage(PipelineStore store, SourceRegistry sources, Chunker chunker, String model, ExtractionLimits limits,
                    int maxAhead, Leases leases, Adopter adopter, DocumentFailures failures, PipelineObserver observer,
                    Supplier<RunStats> stats, BooleanSupplier stopping) implements PipelineStage {
    private static final Logger LOG = LoggerFactory.getLogger(ExtractStage.class);
    private static final int CLAIM = 8;
    private static final long LEASE_RECHECK_MS = 2_000;

    @Override
    public String name() {
        return "extract";
    }

    /**
     * Extracts up to {@value #CLAIM} detected documents, but stays at most a few batches ahead of
     * the embed stage (backpressure): the pending-chunk backlog stays bounded, and a host does not
     * lease more documents than it can embed soon, so several hosts share a library's work.
     */
    @Override
    public boolean runOnce() {
        int done = 0;
        while (done < CLAIM && !stopping.getAsBoolean()) {
            if (store.chunksAwaitingEmbedding(model) >= maxAhead) {
                break;
            }
            List<DocumentRow> docs = store.claim(Stage.DETECTED, 1);
            if (docs.isEmpty()) {
                break;
            }
            long t0 = System.nanoTime();
            DocumentRow doc = docs.getFirst();
            Instant started = Instant.now();
            try {
                process(doc, started);
            } catch (RuntimeException | Error e) {
                failures.failOrRethrow(doc, started, e, Json.readMap(doc.metadataJson()));
            }
            stats.get().extractNanos.addAndGet(System.nanoTime() - t0);
            done++;
        }
        return done > 0;
    }

    private void process(DocumentRow doc, Instant started) {
        long t0 = System.nanoTime();
        DocumentSource source = sources.find(doc.key().source(), doc.key().scope());
        if (source == null) {
            failures.fail(doc, started, "SourceNotConfigured", "no configured source for " + doc.key(), null, Map.of());
            return;
        }
        if (!leased(doc)) {
            return;
        }
        observer.activity(name(), doc.title());
        DocumentFile file = new DocumentFile(doc.filePath(), doc.format());
        ExtractedDocument extracted;
        try {
            extracted = source.extract(file, limits);
        } catch (ExtractionException e) {
            failures.fail(doc, started, e.errorType(), e.getMessage(), e, Json.readMap(doc.metadataJson()));
            return;
        }
        Map<String, Object> docPayload = new LinkedHashMap<>(source.contentPayload(file, extracted));
        docPayload.putAll(Json.readMap(doc.metadataJson()));
        Object payloadTitle = docPayload.remove("title");
        String title = payloadTitle != null ? payloadTitle.toString() : doc.title();
        List<Chunk> chunks;
        try {
            chunks = chunker.chunk(extracted);
        } catch (RuntimeException e) {
            failures.fail(doc, started, "ChunkingError", String.valueOf(e.getMessage()), e, docPayload);
            return;
        }
        List<PendingChunk> pending = PendingChunks.of(doc, chunks);
        long chunkingMs = (System.nanoTime() - t0) / 1_000_000;
        if (doc.indexedAt() == null && adopter.adopt(doc.withTitle(title), pending, docPayload, started, chunkingMs)) {
            leases.release(doc.docUuid());
            return;
        }
        store.chunked(doc, title, docPayload, pending, started, chunkingMs);
        if (!extracted.warnings().isEmpty()) {
            LOG.info("{}: {}", doc.key(), String.join("; ", extracted.warnings()));
        }
    }

    /**
     * Takes the document's lease when leases are on. When another host holds it, the document
     * waits (the {@link PipelineStore#deferred} transition: still detected, retried shortly) and
     * false is returned. When Qdrant cannot be reached the work goes on without a lease (it is
     * queued anyway).
     */
    private boolean leased(DocumentRow doc) {
        if (!leases.on()) {
            return true;
        }
        try {
            LeaseManager.Lease lease = leases.acquire(doc.docUuid());
            if (lease.acquired()) {
                return true;
            }
            long now = System.currentTimeMillis();
            Instant retry = Instant.ofEpochMilli(Math.min(lease.expiresAtMs() + 1, now + LEASE_RECHECK_MS));
            String why = "being ingested by " + lease.holder();
            store.deferred(doc.id(), retry, why);
            observer.documentDone(new DocumentOutcome(doc.key(), doc.title(), DocumentOutcome.Kind.SKIPPED, 0,
                    "Leased", why));
            return false;
        } catch (QdrantException e) {
            return true;
        }
    }
}
