package io.alexandria.sync;

import io.alexandria.chunking.Chunk;
import io.alexandria.common.Hashes;
import io.alexandria.common.Json;
import io.alexandria.extraction.ExtractedDocument;
import io.alexandria.extraction.ExtractionException;
import io.alexandria.index.LeaseManager;
import io.alexandria.index.PointIds;
import io.alexandria.index.QdrantException;
import io.alexandria.sources.DocumentSource;
import io.alexandria.store.DocumentRow;
import io.alexandria.store.PendingChunk;
import io.alexandria.store.Stage;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Stage 1 → 2: extracts and chunks detected documents and commits their pending chunks together
 * with an {@code ingest_start} event. Bad input fails only its own document: the ledger row
 * becomes failed with the reason and an {@code ingest_error} event is queued, in one transaction.
 */
final class ExtractStage implements PipelineStage {
    private static final Logger LOG = LoggerFactory.getLogger(ExtractStage.class);
    private static final int CLAIM = 8;
    private static final int AHEAD_BATCHES = 4;
    private static final long LEASE_RECHECK_MS = 2_000;
    private final EngineParts parts;
    private final Adopter adopter;

    ExtractStage(EngineParts parts) {
        this.parts = parts;
        this.adopter = new Adopter(parts);
    }

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
        String model = parts.model();
        int maxAhead = parts.config.embedBatchMax() * AHEAD_BATCHES;
        while (done < CLAIM && !parts.stopping) {
            if (parts.db.inTransaction(c -> parts.ledger.chunksAwaitingEmbedding(c, model)) >= maxAhead) {
                break;
            }
            List<DocumentRow> docs = parts.db.inTransaction(c -> parts.ledger.waiting(c, Stage.DETECTED, 1));
            if (docs.isEmpty()) {
                break;
            }
            long t0 = System.nanoTime();
            process(docs.getFirst());
            parts.stats.get().extractNanos.addAndGet(System.nanoTime() - t0);
            done++;
        }
        return done > 0;
    }

    private void process(DocumentRow doc) {
        Instant started = Instant.now();
        long t0 = System.nanoTime();
        DocumentSource source = parts.source(doc.key().source(), doc.key().scope());
        if (source == null) {
            parts.fail(doc, started, "SourceNotConfigured", "no configured source for " + doc.key(), null, Map.of());
            return;
        }
        if (!leased(doc)) {
            return;
        }
        parts.activity(name(), doc.title());
        ExtractedDocument extracted;
        try {
            extracted = source.extract(doc, parts.config.limits());
        } catch (ExtractionException e) {
            parts.fail(doc, started, e.errorType(), e.getMessage(), e, Json.readMap(doc.metadataJson()));
            return;
        } catch (RuntimeException | StackOverflowError | OutOfMemoryError e) {
            parts.fail(doc, started, e.getClass().getSimpleName(), String.valueOf(e.getMessage()), e,
                    Json.readMap(doc.metadataJson()));
            return;
        }
        Map<String, Object> docPayload = new LinkedHashMap<>(source.contentPayload(doc, extracted));
        docPayload.putAll(Json.readMap(doc.metadataJson()));
        Object payloadTitle = docPayload.remove("title");
        String title = payloadTitle != null ? payloadTitle.toString() : doc.title();
        List<Chunk> chunks;
        try {
            chunks = parts.chunker.chunk(extracted);
        } catch (RuntimeException e) {
            parts.fail(doc, started, "ChunkingError", String.valueOf(e.getMessage()), e, docPayload);
            return;
        }
        List<PendingChunk> pending = toPending(doc, chunks);
        long chunkingMs = (System.nanoTime() - t0) / 1_000_000;
        DocumentRow titled = withTitle(doc, title);
        if (doc.indexedAt() == null && adopter.adopt(titled, pending, docPayload, started, chunkingMs)) {
            parts.release(doc);
            return;
        }
        parts.db.inTransactionVoid(c -> {
            parts.ledger.saveChunked(c, doc.id(), title, Json.write(docPayload), pending, started, chunkingMs);
            parts.recorder.record(c, parts.events.ingestStart(titled, docPayload, started, doc.runId()));
        });
        if (!extracted.warnings().isEmpty()) {
            LOG.info("{}: {}", doc.key(), String.join("; ", extracted.warnings()));
        }
    }

    /**
     * Takes the document's lease when leases are on. When another host holds it, the document
     * waits (it stays detected, retried shortly) and false is returned. When Qdrant cannot be
     * reached the work goes on without a lease (it is queued anyway).
     */
    private boolean leased(DocumentRow doc) {
        if (parts.leases == null) {
            return true;
        }
        try {
            LeaseManager.Lease lease = parts.leases.acquire(doc.docUuid());
            if (lease.acquired()) {
                return true;
            }
            long now = System.currentTimeMillis();
            Instant retry = Instant.ofEpochMilli(Math.min(lease.expiresAtMs() + 1, now + LEASE_RECHECK_MS));
            String why = "being ingested by " + lease.holder();
            parts.db.inTransactionVoid(c -> parts.ledger.deferRetry(c, doc.id(), retry, why));
            parts.outcome(new DocumentOutcome(doc.key(), doc.title(), DocumentOutcome.Kind.SKIPPED, 0, "Leased", why));
            return false;
        } catch (QdrantException e) {
            return true;
        }
    }

    private List<PendingChunk> toPending(DocumentRow doc, List<Chunk> chunks) {
        Map<String, Integer> occurrences = new HashMap<>();
        List<PendingChunk> out = new ArrayList<>(chunks.size());
        for (Chunk ch : chunks) {
            String input = ch.embeddingInput();
            String hash = Hashes.sha256(input);
            int occurrence = occurrences.merge(hash, 1, Integer::sum) - 1;
            out.add(new PendingChunk(doc.id(), ch.ordinal(), hash, PointIds.chunk(doc.docUuid(), hash, occurrence),
                    ch.tokens(), ch.text(), input, ch.headingPath(), ch.chapter(), ch.page()));
        }
        return out;
    }

    private static DocumentRow withTitle(DocumentRow d, String title) {
        return new DocumentRow(d.id(), d.docUuid(), d.key(), d.rootPath(), d.filePath(), title, d.format(),
                d.sizeBytes(), d.mtimeMs(), d.contentHash(), d.metadataHash(), d.metadataJson(), d.docPayloadJson(),
                d.status(), d.stage(), d.chunkCount(), d.indexedAt(), d.errorType(), d.lastError(), d.attempts(),
                d.notBefore(), d.runId(), d.workStartedAt(), d.chunkingMs(), d.embeddingMs(), d.uploadMs(),
                d.updatedAt());
    }
}
