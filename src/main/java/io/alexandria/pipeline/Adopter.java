package io.alexandria.pipeline;

import static io.qdrant.client.PointIdFactory.id;

import io.alexandria.index.ChunkIndex;
import io.alexandria.index.QdrantCalls;
import io.alexandria.store.DocumentRow;
import io.alexandria.store.PendingChunk;
import io.qdrant.client.VectorOutputHelper;
import io.qdrant.client.WithPayloadSelectorFactory;
import io.qdrant.client.WithVectorsSelectorFactory;
import io.qdrant.client.grpc.Common.PointId;
import io.qdrant.client.grpc.Points.RetrievedPoint;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * Takes over a document that is already in Qdrant exactly as this host would write it — another
 * host synced it first, or this host's local database was lost — without embedding or upserting
 * anything: when every point id of the freshly chunked document exists and carries this content
 * hash, the vectors are copied into the embedding cache and the document is committed as synced.
 * The events stay those of the host that did the work ({@link PipelineStore#adopted}).
 */
record Adopter(PipelineStore store, ChunkIndex index, String model, PipelineObserver observer,
               Supplier<RunStats> stats) {
    private static final int BATCH = 256;

    /**
     * Adopts the document if Qdrant already holds all its chunks.
     *
     * @return true when adopted (nothing left to do), false to ingest normally (also when Qdrant
     *         cannot be asked)
     */
    boolean adopt(DocumentRow doc, List<PendingChunk> pending, Map<String, Object> docPayload, Instant started,
                  long chunkingMs) {
        if (pending.isEmpty() || doc.contentHash() == null) {
            return false;
        }
        Map<UUID, float[]> found = new HashMap<>();
        try {
            index.ensureOnce();
            for (int from = 0; from < pending.size(); from += BATCH) {
                List<PointId> ids = new ArrayList<>();
                for (PendingChunk p : pending.subList(from, Math.min(pending.size(), from + BATCH))) {
                    ids.add(id(p.pointId()));
                }
                List<RetrievedPoint> points = QdrantCalls.await(index.client().retrieveAsync(
                        index.collection(), ids, WithPayloadSelectorFactory.include(List.of("content_hash")),
                        WithVectorsSelectorFactory.enable(true), null));
                if (points.size() != ids.size()) {
                    return false;
                }
                for (RetrievedPoint p : points) {
                    if (!doc.contentHash().equals(p.getPayloadMap().get("content_hash").getStringValue())) {
                        return false;
                    }
                    List<Float> v = VectorOutputHelper.getDenseVector(p.getVectors().getVector()).getDataList();
                    float[] vector = new float[v.size()];
                    for (int i = 0; i < vector.length; i++) {
                        vector[i] = v.get(i);
                    }
                    found.put(UUID.fromString(p.getId().getUuid()), vector);
                }
            }
        } catch (RuntimeException e) {
            return false; // Qdrant unreachable or an unexpected payload: ingest normally
        }
        Map<String, float[]> vectors = new HashMap<>();
        for (PendingChunk p : pending) {
            vectors.putIfAbsent(p.textHash(), found.get(p.pointId()));
        }
        store.adopted(doc, docPayload, pending, model, vectors, started, chunkingMs);
        stats.get().unchanged.incrementAndGet();
        observer.documentDone(new DocumentOutcome(doc.key(), doc.title(), DocumentOutcome.Kind.UNCHANGED, pending.size(), null,
                "already in Qdrant (synced by another host or an earlier install)"));
        return true;
    }
}
