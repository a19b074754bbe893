package io.alexandria.sync;

import io.alexandria.common.Json;
import io.alexandria.index.ChunkIndex;
import io.alexandria.index.ChunkPayload;
import io.alexandria.index.Payloads;
import io.alexandria.index.QdrantException;
import io.alexandria.store.ChunkRow;
import io.alexandria.store.DocumentRow;
import io.alexandria.store.PendingChunk;
import io.alexandria.store.PointDeleteQueue;
import io.alexandria.store.Stage;
import io.qdrant.client.grpc.Points.PointStruct;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * Stage 3 → done: upserts the points of embedded documents (vectors from the cache, never
 * recomputed), removes their stale points, and commits each document as synced together with its
 * {@code ingest_complete} event; also applies payload-only updates and deletions (with
 * {@code book_delete}). Qdrant outages propagate so the worker backs off with everything still
 * queued; a request Qdrant rejects fails only the document concerned. Upserts are idempotent
 * (deterministic ids), so a crash between upsert and commit simply repeats the upsert.
 */
final class UploadStage implements PipelineStage {
    private static final int CLAIM = 32;
    private static final int SERVER_ERROR_RETRIES = 4;
    private final EngineParts parts;

    UploadStage(EngineParts parts) {
        this.parts = parts;
    }

    @Override
    public String name() {
        return "upload";
    }

    @Override
    public boolean runOnce() {
        boolean did = false;
        List<DocumentRow> embedded = parts.db.inTransaction(c -> parts.ledger.waiting(c, Stage.EMBEDDED, CLAIM));
        List<DocumentRow> deleting = parts.db.inTransaction(c -> parts.ledger.waiting(c, Stage.DELETING, CLAIM));
        List<DocumentRow> payload = parts.db.inTransaction(c -> parts.ledger.waiting(c, Stage.PAYLOAD, CLAIM));
        List<PointDeleteQueue.Item> queued = parts.db.inTransaction(c -> parts.pointDeletes.peek(c, 1000));
        if (embedded.isEmpty() && deleting.isEmpty() && payload.isEmpty() && queued.isEmpty()) {
            return false;
        }
        parts.index.ensureOnce();
        long t0 = System.nanoTime();
        try {
            if (!queued.isEmpty()) {
                parts.index.delete(queued.stream().map(PointDeleteQueue.Item::pointId).toList());
                parts.stats.get().pointsDeleted.addAndGet(queued.size());
                parts.db.inTransactionVoid(c -> parts.pointDeletes.remove(c,
                        queued.stream().map(PointDeleteQueue.Item::seq).toList()));
                did = true;
            }
            if (!embedded.isEmpty()) {
                upload(embedded);
                did = true;
            }
            for (DocumentRow doc : payload) {
                updatePayload(doc);
                did = true;
            }
            for (DocumentRow doc : deleting) {
                delete(doc);
                did = true;
            }
        } finally {
            parts.stats.get().uploadNanos.addAndGet(System.nanoTime() - t0);
        }
        return did;
    }

    /** One prepared document: its pending chunks with vectors, and its points. */
    private record Prepared(DocumentRow doc, List<PendingChunk> chunks, List<PointStruct> points,
                            Map<String, Object> docPayload) {
    }

    private void upload(List<DocumentRow> docs) {
        String model = parts.model();
        List<Prepared> prepared = new ArrayList<>();
        for (DocumentRow doc : docs) {
            parts.activity(name(), doc.title());
            List<PendingChunk> chunks = parts.db.inTransaction(c -> parts.ledger.pending(c, doc.id()));
            Map<String, float[]> vectors = parts.db.inTransaction(c -> parts.cache.get(c, model,
                    chunks.stream().map(PendingChunk::textHash).distinct().toList()));
            if (vectors.size() < chunks.stream().map(PendingChunk::textHash).distinct().count()) {
                parts.db.inTransactionVoid(c -> parts.ledger.setStage(c, doc.id(), Stage.CHUNKED, null, null));
                continue;
            }
            Map<String, Object> docPayload = Json.readMap(doc.docPayloadJson());
            List<PointStruct> points = new ArrayList<>(chunks.size());
            for (PendingChunk ch : chunks) {
                Map<String, Object> payload = ChunkPayload.build(doc, docPayload, ch, model, parts.config.hostname());
                points.add(ChunkIndex.point(ch.pointId(), vectors.get(ch.textHash()), Payloads.toPayload(payload)));
            }
            prepared.add(new Prepared(doc, chunks, points, docPayload));
        }
        try {
            upsertAll(prepared);
        } catch (QdrantException e) {
            if (e.isTransient() || e.isAuthFailure() || prepared.size() == 1) {
                if (!e.isTransient() && !e.isAuthFailure()) {
                    rejected(prepared.getFirst().doc(), e);
                    return;
                }
                throw e;
            }
            for (Prepared p : prepared) {
                try {
                    upsertAll(List.of(p));
                } catch (QdrantException single) {
                    if (single.isTransient() || single.isAuthFailure()) {
                        throw single;
                    }
                    rejected(p.doc(), single);
                }
            }
        }
    }

    private void upsertAll(List<Prepared> prepared) {
        long t0 = System.nanoTime();
        List<PointStruct> all = new ArrayList<>();
        for (Prepared p : prepared) {
            all.addAll(p.points());
        }
        parts.index.upsert(all);
        parts.stats.get().pointsUpserted.addAndGet(all.size());
        long upsertMs = (System.nanoTime() - t0) / 1_000_000;
        long perPoint = all.isEmpty() ? 0 : upsertMs / Math.max(1, all.size());
        for (Prepared p : prepared) {
            long t1 = System.nanoTime();
            List<ChunkRow> old = parts.db.inTransaction(c -> parts.ledger.chunks(c, p.doc().id()));
            Set<UUID> keep = new HashSet<>();
            for (PendingChunk ch : p.chunks()) {
                keep.add(ch.pointId());
            }
            List<UUID> stale = old.stream().map(ChunkRow::pointId).filter(id -> !keep.contains(id)).toList();
            if (!stale.isEmpty()) {
                parts.index.delete(stale);
                parts.stats.get().pointsDeleted.addAndGet(stale.size());
            }
            long docUploadMs = perPoint * p.points().size() + (System.nanoTime() - t1) / 1_000_000;
            commit(p, docUploadMs);
        }
    }

    private void commit(Prepared p, long uploadMs) {
        DocumentRow doc = p.doc();
        Instant now = Instant.now();
        Instant started = doc.workStartedAt() == null ? now : doc.workStartedAt();
        double duration = Duration.between(started, now).toMillis() / 1000.0;
        parts.db.inTransactionVoid(c -> {
            parts.ledger.commitUploaded(c, doc.id(), p.chunks(), uploadMs);
            parts.recorder.record(c, parts.events.ingestComplete(doc, p.docPayload(), now, doc.runId(),
                    p.chunks().size(), duration, doc.chunkingMs() / 1000.0, doc.embeddingMs() / 1000.0,
                    (doc.uploadMs() + uploadMs) / 1000.0, parts.model(), parts.embedder.deviceChoice().describe()));
        });
        parts.release(doc);
        RunStats s = parts.stats.get();
        s.indexed.incrementAndGet();
        s.chunks.addAndGet(p.chunks().size());
        parts.outcome(new DocumentOutcome(doc.key(), doc.title(), DocumentOutcome.Kind.INDEXED, p.chunks().size(),
                null, null));
    }

    /**
     * Qdrant refused one document's upload. A server-side error (INTERNAL, UNKNOWN) may pass, so
     * the document is retried with backoff a few times before it fails; a request Qdrant calls
     * invalid fails it at once. Its vectors stay cached either way.
     */
    private void rejected(DocumentRow doc, QdrantException e) {
        io.grpc.Status.Code code = e.status().getCode();
        boolean serverSide = code == io.grpc.Status.Code.INTERNAL || code == io.grpc.Status.Code.UNKNOWN;
        if (serverSide && doc.attempts() < SERVER_ERROR_RETRIES) {
            Instant retry = Instant.now().plusSeconds(2L << doc.attempts());
            parts.db.inTransactionVoid(c -> parts.ledger.deferRetry(c, doc.id(), retry, e.getMessage()));
            return;
        }
        parts.fail(doc, null, "QdrantRejected", e.getMessage(), e, Json.readMap(doc.docPayloadJson()));
    }

    private void updatePayload(DocumentRow doc) {
        Map<String, Object> docPayload = Json.readMap(doc.docPayloadJson());
        docPayload.putAll(Json.readMap(doc.metadataJson()));
        docPayload.remove("title");
        Map<String, Object> fields = ChunkPayload.documentFields(doc, docPayload);
        parts.index.setDocumentPayload(doc.docUuid(), Payloads.toPayload(fields));
        parts.db.inTransactionVoid(c -> parts.ledger.commitPayloadUpdated(c, doc.id(), Json.write(docPayload)));
        parts.stats.get().payloadUpdated.incrementAndGet();
        parts.outcome(new DocumentOutcome(doc.key(), doc.title(), DocumentOutcome.Kind.UPDATED, doc.chunkCount(),
                null, null));
    }

    private void delete(DocumentRow doc) {
        long before = doc.chunkCount();
        parts.index.deleteDocument(doc.docUuid());
        boolean wasIndexed = doc.indexedAt() != null;
        parts.db.inTransactionVoid(c -> {
            parts.ledger.commitDeleted(c, doc.id());
            if (wasIndexed) {
                parts.recorder.record(c, parts.events.bookDelete(doc, new LinkedHashMap<>(Json.readMap(
                        doc.docPayloadJson())), Instant.now(), doc.runId(), (int) before));
            }
        });
        RunStats s = parts.stats.get();
        s.deleted.incrementAndGet();
        s.pointsDeleted.addAndGet(before);
        parts.outcome(new DocumentOutcome(doc.key(), doc.title(), DocumentOutcome.Kind.DELETED, 0, null, null));
    }
}
