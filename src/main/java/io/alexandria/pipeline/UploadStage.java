package io.alexandria.pipeline;

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
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * Stage embedded → synced: upserts the points of embedded documents (vectors from the cache, never
 * recomputed), removes their stale points, and makes the {@link PipelineStore#uploaded}
 * transition (synced, with {@code ingest_complete}); also applies payload-only updates
 * ({@link PipelineStore#payloadUpdated}), deletions ({@link PipelineStore#deleted}, with
 * {@code book_delete}) and queued point deletions. Qdrant outages propagate so the worker backs
 * off with everything still queued; a request Qdrant rejects, or any other failure with one
 * document, fails only that document. Upserts are idempotent (deterministic ids), so a crash
 * between upsert and commit simply repeats the upsert.
 *
 * @param model    id of the model in use (points carry it; vectors are read from its cache)
 * @param device   the device the model runs on, as {@code ingest_complete} reports it
 * @param hostname the host points are attributed to
 */
record UploadStage(PipelineStore store, ChunkIndex index, String model, String device, String hostname, Leases leases,
                   DocumentFailures failures, PipelineObserver observer,
                   Supplier<RunStats> stats) implements PipelineStage {
    private static final int CLAIM = 32;
    private static final int SERVER_ERROR_RETRIES = 4;

    @Override
    public String name() {
        return "upload";
    }

    @Override
    public boolean runOnce() {
        boolean did = false;
        List<DocumentRow> embedded = store.claim(Stage.EMBEDDED, CLAIM);
        List<DocumentRow> deleting = store.claim(Stage.DELETING, CLAIM);
        List<DocumentRow> payload = store.claim(Stage.PAYLOAD, CLAIM);
        List<PointDeleteQueue.Item> queued = store.claimPointDeletes(1000);
        if (embedded.isEmpty() && deleting.isEmpty() && payload.isEmpty() && queued.isEmpty()) {
            return false;
        }
        index.ensureOnce();
        long t0 = System.nanoTime();
        try {
            if (!queued.isEmpty()) {
                index.delete(queued.stream().map(PointDeleteQueue.Item::pointId).toList());
                stats.get().pointsDeleted.addAndGet(queued.size());
                store.pointDeletesDone(queued.stream().map(PointDeleteQueue.Item::seq).toList());
                did = true;
            }
            if (!embedded.isEmpty()) {
                upload(embedded);
                did = true;
            }
            for (DocumentRow doc : payload) {
                perDocument(doc, () -> updatePayload(doc));
                did = true;
            }
            for (DocumentRow doc : deleting) {
                perDocument(doc, () -> delete(doc));
                did = true;
            }
        } finally {
            stats.get().uploadNanos.addAndGet(System.nanoTime() - t0);
        }
        return did;
    }

    /** One prepared document: its pending chunks with vectors, and its points. */
    private record Prepared(DocumentRow doc, List<PendingChunk> chunks, List<PointStruct> points,
                            Map<String, Object> docPayload) {
    }

    /** Runs one document's step; a failure that is the document's fails it, an outage holds the stage. */
    private void perDocument(DocumentRow doc, Runnable step) {
        try {
            step.run();
        } catch (RuntimeException | Error e) {
            failures.failOrRethrow(doc, null, e, Json.readMap(doc.docPayloadJson()));
        }
    }

    private void upload(List<DocumentRow> docs) {
        List<Prepared> prepared = new ArrayList<>();
        for (DocumentRow doc : docs) {
            perDocument(doc, () -> prepare(doc).ifPresent(prepared::add));
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

    /** The document's points, or empty when a vector is missing (it goes back to the embed stage). */
    private java.util.Optional<Prepared> prepare(DocumentRow doc) {
        observer.activity(name(), doc.title());
        List<PendingChunk> chunks = store.pendingChunks(doc.id());
        Map<String, float[]> vectors = store.vectors(model, chunks.stream().map(PendingChunk::textHash).distinct()
                .toList());
        if (vectors.size() < chunks.stream().map(PendingChunk::textHash).distinct().count()) {
            store.vectorsMissing(doc.id());
            return java.util.Optional.empty();
        }
        Map<String, Object> docPayload = Json.readMap(doc.docPayloadJson());
        List<PointStruct> points = new ArrayList<>(chunks.size());
        for (PendingChunk ch : chunks) {
            Map<String, Object> payload = ChunkPayload.build(doc, docPayload, ch, model, hostname);
            points.add(ChunkIndex.point(ch.pointId(), vectors.get(ch.textHash()), Payloads.toPayload(payload)));
        }
        return java.util.Optional.of(new Prepared(doc, chunks, points, docPayload));
    }

    private void upsertAll(List<Prepared> prepared) {
        long t0 = System.nanoTime();
        List<PointStruct> all = new ArrayList<>();
        for (Prepared p : prepared) {
            all.addAll(p.points());
        }
        index.upsert(all);
        stats.get().pointsUpserted.addAndGet(all.size());
        long upsertMs = (System.nanoTime() - t0) / 1_000_000;
        long perPoint = all.isEmpty() ? 0 : upsertMs / Math.max(1, all.size());
        for (Prepared p : prepared) {
            long t1 = System.nanoTime();
            List<ChunkRow> old = store.chunks(p.doc().id());
            Set<UUID> keep = new HashSet<>();
            for (PendingChunk ch : p.chunks()) {
                keep.add(ch.pointId());
            }
            List<UUID> stale = old.stream().map(ChunkRow::pointId).filter(id -> !keep.contains(id)).toList();
            if (!stale.isEmpty()) {
                index.delete(stale);
                stats.get().pointsDeleted.addAndGet(stale.size());
            }
            long docUploadMs = perPoint * p.points().size() + (System.nanoTime() - t1) / 1_000_000;
            commit(p, docUploadMs);
        }
    }

    private void commit(Prepared p, long uploadMs) {
        DocumentRow doc = p.doc();
        store.uploaded(doc, p.docPayload(), p.chunks(), uploadMs, model, device);
        leases.release(doc.docUuid());
        RunStats s = stats.get();
        s.indexed.incrementAndGet();
        s.chunks.addAndGet(p.chunks().size());
        observer.documentDone(new DocumentOutcome(doc.key(), doc.title(), DocumentOutcome.Kind.INDEXED, p.chunks().size(),
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
            store.deferred(doc.id(), retry, e.getMessage());
            return;
        }
        failures.fail(doc, null, "QdrantRejected", e.getMessage(), e, Json.readMap(doc.docPayloadJson()));
    }

    private void updatePayload(DocumentRow doc) {
        Map<String, Object> docPayload = Json.readMap(doc.docPayloadJson());
        docPayload.putAll(Json.readMap(doc.metadataJson()));
        docPayload.remove("title");
        Map<String, Object> fields = ChunkPayload.documentFields(doc, docPayload);
        index.setDocumentPayload(doc.docUuid(), Payloads.toPayload(fields));
        store.payloadUpdated(doc.id(), docPayload);
        stats.get().payloadUpdated.incrementAndGet();
        observer.documentDone(new DocumentOutcome(doc.key(), doc.title(), DocumentOutcome.Kind.UPDATED, doc.chunkCount(),
                null, null));
    }

    private void delete(DocumentRow doc) {
        long before = doc.chunkCount();
        index.deleteDocument(doc.docUuid());
        store.deleted(doc);
        RunStats s = stats.get();
        s.deleted.incrementAndGet();
        s.pointsDeleted.addAndGet(before);
        observer.documentDone(new DocumentOutcome(doc.key(), doc.title(), DocumentOutcome.Kind.DELETED, 0, null, null));
    }
}
