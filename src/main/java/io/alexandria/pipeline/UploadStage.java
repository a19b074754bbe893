package io.alexandria.pipeline;

import io.alexandria.common.Json;
import io.alexandria.index.ChunkIndex;
import io.alexandria.index.ChunkPayload;
import io.alexandria.embedding.ModelSpec;
import io.alexandria.index.Payloads;
import io.alexandria.index.PointUpdates;
import io.alexandria.index.QdrantException;
import io.alexandria.store.ChunkRow;
import io.alexandria.store.DocumentRow;
import io.alexandria.store.PendingChunk;
import io.alexandria.store.PointDeleteQueue;
import io.alexandria.store.Stage;
import io.qdrant.client.grpc.JsonWithInt.Value;
import io.qdrant.client.grpc.Points.PointStruct;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * Stage embedded → synced: writes the points of embedded documents and makes the
 * {@link PipelineStore#uploaded} transition (synced, with {@code ingest_complete}); also applies
 * payload-only updates ({@link PipelineStore#payloadUpdated}), deletions
 * ({@link PipelineStore#deleted}, with {@code book_delete}) and queued point deletions.
 *
 * <p><b>Only what changed is written.</b> A point id derives from the chunk's model input
 * ({@link PendingChunks}), so a chunk whose point the ledger already records for the document has
 * the same text and vector in Qdrant: it keeps its point, and only its payload is overwritten
 * (ordinal, document fields, content hash…), without sending or re-indexing the vector. New
 * points are upserted with their vectors from the cache (never recomputed) and the document's
 * points that are gone are deleted. The writes of all documents of a round go to Qdrant together
 * ({@link PointUpdates}: one batch-update request per {@value ChunkIndex#UPSERT_BATCH} points),
 * and their leases are given back together. Should Qdrant lack a point the ledger records (a
 * payload overwrite answers {@code NOT_FOUND}), that document's points are upserted in full.
 *
 * <p>Qdrant outages propagate so the worker backs off with everything still queued; a request
 * Qdrant rejects, or any other failure with one document, fails only that document. Every write
 * is idempotent (deterministic ids), so a crash between the writes and the commit simply repeats
 * them.
 *
 * @param model    the model in use: points carry its id, vectors are read from the cache under its
 *                 {@link io.alexandria.embedding.ModelSpec#key()}
 * @param device   the device the model runs on, as {@code ingest_complete} reports it
 * @param hostname the host points are attributed to
 */
record UploadStage(PipelineStore store, ChunkIndex index, ModelSpec model, String device, String hostname, Leases leases,
                   DocumentFailures failures, PipelineObserver observer,
                   Supplier<RunStats> stats) implements PipelineStage {
    private static final int CLAIM = 64;
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

    /**
     * One prepared document: its pending chunks, and its writes — new points (with vectors), kept
     * points (payload only) and stale point ids.
     */
    private record Prepared(DocumentRow doc, List<PendingChunk> chunks, List<PointStruct> upserts,
                            Map<UUID, Map<String, Value>> kept, List<UUID> stale, Map<String, Object> docPayload) {
        void addTo(PointUpdates updates) {
            upserts.forEach(updates::upsert);
            kept.forEach(updates::overwritePayload);
            updates.delete(stale);
        }
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
            perDocument(doc, () -> prepare(doc, false).ifPresent(prepared::add));
        }
        if (prepared.isEmpty()) {
            return;
        }
        long t0 = System.nanoTime();
        try {
            write(prepared);
        } catch (QdrantException e) {
            if (e.isTransient() || e.isAuthFailure()) {
                throw e;
            }
            oneByOne(prepared); // find the document Qdrant refuses; the others go through
            return;
        }
        commitAll(prepared, System.nanoTime() - t0);
    }

    /** After a refused batch: each document on its own, a missing point making it a full upsert. */
    private void oneByOne(List<Prepared> prepared) {
        List<UUID> release = new ArrayList<>();
        for (Prepared p : prepared) {
            long t0 = System.nanoTime();
            try {
                Prepared done = p;
                try {
                    write(List.of(p));
                } catch (QdrantException e) {
                    if (e.status().getCode() != io.grpc.Status.Code.NOT_FOUND || p.kept().isEmpty()) {
                        throw e;
                    }
                    // Qdrant lacks a point the ledger records: write every point of the document
                    Optional<Prepared> full = prepare(p.doc(), true);
                    if (full.isEmpty()) {
                        continue;
                    }
                    done = full.get();
                    write(List.of(done));
                }
                commit(done, (System.nanoTime() - t0) / 1_000_000);
                release.add(done.doc().docUuid());
            } catch (QdrantException single) {
                if (single.isTransient() || single.isAuthFailure()) {
                    leases.releaseAll(release);
                    throw single;
                }
                rejected(p.doc(), single);
            }
        }
        leases.releaseAll(release);
    }

    /**
     * The document's writes, or empty when a vector is missing (it goes back to the embed stage).
     *
     * @param full every point upserted with its vector (no payload-only writes: nothing is assumed
     *             to be in Qdrant); stale points are deleted either way
     */
    private Optional<Prepared> prepare(DocumentRow doc, boolean full) {
        observer.activity(name(), doc.title());
        List<PendingChunk> chunks = store.pendingChunks(doc.id());
        Set<UUID> recorded = new HashSet<>();
        for (ChunkRow old : store.chunks(doc.id())) {
            recorded.add(old.pointId());
        }
        Set<UUID> existing = full ? Set.of() : recorded;
        List<String> needed = chunks.stream().filter(ch -> !existing.contains(ch.pointId())).map(PendingChunk::textHash)
                .distinct().toList();
        Map<String, float[]> vectors = store.vectors(model.key(), needed);
        if (vectors.size() < needed.size()) {
            store.vectorsMissing(doc.id());
            return Optional.empty();
        }
        Map<String, Object> docPayload = Json.readMap(doc.docPayloadJson());
        List<PointStruct> upserts = new ArrayList<>();
        Map<UUID, Map<String, Value>> kept = new LinkedHashMap<>();
        Set<UUID> next = new HashSet<>();
        for (PendingChunk ch : chunks) {
            next.add(ch.pointId());
            Map<String, Value> payload = Payloads.toPayload(ChunkPayload.build(doc, docPayload, ch, model.id(), hostname));
            if (existing.contains(ch.pointId())) {
                kept.put(ch.pointId(), payload);
            } else {
                upserts.add(ChunkIndex.point(ch.pointId(), vectors.get(ch.textHash()), payload));
            }
        }
        List<UUID> stale = recorded.stream().filter(id -> !next.contains(id)).toList();
        return Optional.of(new Prepared(doc, chunks, upserts, kept, stale, docPayload));
    }

    /** Sends the documents' writes together. */
    private void write(List<Prepared> prepared) {
        PointUpdates updates = new PointUpdates(index.collection());
        for (Prepared p : prepared) {
            p.addTo(updates);
        }
        updates.send(index.client());
        RunStats s = stats.get();
        s.pointsUpserted.addAndGet(updates.pointsWritten());
        s.pointsDeleted.addAndGet(updates.pointsDeleted());
    }

    /** Commits every document of a written round, sharing the write time by points, and gives their leases back. */
    private void commitAll(List<Prepared> prepared, long writeNanos) {
        long points = 0;
        for (Prepared p : prepared) {
            points += p.chunks().size();
        }
        List<UUID> release = new ArrayList<>();
        for (Prepared p : prepared) {
            long ms = writeNanos / 1_000_000 * p.chunks().size() / Math.max(1, points);
            try {
                commit(p, ms);
                release.add(p.doc().docUuid());
            } catch (RuntimeException | Error e) {
                failures.failOrRethrow(p.doc(), null, e, p.docPayload());
            }
        }
        leases.releaseAll(release);
    }

    private void commit(Prepared p, long uploadMs) {
        DocumentRow doc = p.doc();
        store.uploaded(doc, p.docPayload(), p.chunks(), uploadMs, model.id(), device);
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
