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
import io.qdrant.client.grpc.JsonWithInt.Value;
import io.qdrant.client.grpc.Points.RetrievedPoint;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * Takes over documents that are already in Qdrant exactly as this host would write them — another
 * host synced them first, or this host's local database was lost — without embedding or
 * upserting anything: when every point id of a freshly chunked document exists and carries its
 * content hash, the vectors are copied into the embedding cache and the document is committed as
 * synced ({@link PipelineStore#adopted}). The events stay those of the host that did the work.
 *
 * <p>Many documents are checked at once: one retrieve per {@value #BATCH} point ids, whatever the
 * number of documents, so a first sync of many small notes into an empty collection costs one
 * round trip per batch of notes.
 *
 * @param modelKey the cache key of the model in use ({@link io.alexandria.embedding.ModelSpec#key()})
 */
record Adopter(PipelineStore store, ChunkIndex index, String modelKey, PipelineObserver observer,
               Supplier<RunStats> stats) {
    /** Most point ids per retrieve. */
    static final int BATCH = 512;

    /**
     * A freshly chunked document that may already be in Qdrant.
     *
     * @param chunkingMs time spent extracting and chunking it, ms
     */
    record Candidate(DocumentRow doc, List<PendingChunk> pending, Map<String, Object> docPayload, Instant started,
                     long chunkingMs) {
    }

    /**
     * Adopts every candidate Qdrant already holds completely with its content hash. Candidates
     * this host indexed before ({@code indexed_at} set), without chunks or without a content hash
     * are never adopted.
     *
     * @return the ledger ids of the adopted documents (nothing left to do for them); empty also
     *         when Qdrant cannot be asked (the documents are then ingested normally)
     */
    Set<Long> adoptAll(List<Candidate> candidates) {
        List<Candidate> eligible = candidates.stream().filter(c -> c.doc().indexedAt() == null
                && !c.pending().isEmpty() && c.doc().contentHash() != null).toList();
        if (eligible.isEmpty()) {
            return Set.of();
        }
        Map<UUID, Found> found;
        try {
            found = retrieve(eligible);
        } catch (RuntimeException e) {
            return Set.of(); // Qdrant unreachable or an unexpected payload: ingest normally
        }
        if (found.isEmpty()) {
            return Set.of();
        }
        Set<Long> adopted = new HashSet<>();
        for (Candidate c : eligible) {
            Map<String, float[]> vectors = complete(c, found);
            if (vectors == null) {
                continue;
            }
            store.adopted(c.doc(), c.docPayload(), c.pending(), modelKey, vectors, c.started(), c.chunkingMs());
            stats.get().unchanged.incrementAndGet();
            observer.documentDone(new DocumentOutcome(c.doc().key(), c.doc().title(), DocumentOutcome.Kind.UNCHANGED,
                    c.pending().size(), null, "already in Qdrant (synced by another host or an earlier install)"));
            adopted.add(c.doc().id());
        }
        return adopted;
    }

    /** A point found in Qdrant: its content hash and vector. */
    private record Found(String contentHash, float[] vector) {
    }

    /** The candidate's vectors by text hash when Qdrant holds all its points with its content hash, else null. */
    private static Map<String, float[]> complete(Candidate c, Map<UUID, Found> found) {
        Map<String, float[]> vectors = new HashMap<>();
        for (PendingChunk p : c.pending()) {
            Found f = found.get(p.pointId());
            if (f == null || !c.doc().contentHash().equals(f.contentHash())) {
                return null;
            }
            vectors.putIfAbsent(p.textHash(), f.vector());
        }
        return vectors;
    }

    /** Every point of the candidates that exists, by id: {@value #BATCH} ids per retrieve. */
    private Map<UUID, Found> retrieve(List<Candidate> eligible) {
        index.ensureOnce();
        List<PointId> ids = new ArrayList<>();
        for (Candidate c : eligible) {
            for (PendingChunk p : c.pending()) {
                ids.add(id(p.pointId()));
            }
        }
        Map<UUID, Found> out = new HashMap<>();
        for (int from = 0; from < ids.size(); from += BATCH) {
            List<RetrievedPoint> points = QdrantCalls.await(index.client().retrieveAsync(index.collection(),
                    ids.subList(from, Math.min(ids.size(), from + BATCH)),
                    WithPayloadSelectorFactory.include(List.of("content_hash")), WithVectorsSelectorFactory.enable(true),
                    null));
            for (RetrievedPoint p : points) {
                Value hash = p.getPayloadMap().get("content_hash");
                List<Float> v = VectorOutputHelper.getDenseVector(p.getVectors().getVector()).getDataList();
                float[] vector = new float[v.size()];
                for (int i = 0; i < vector.length; i++) {
                    vector[i] = v.get(i);
                }
                out.put(UUID.fromString(p.getId().getUuid()), new Found(hash == null ? null : hash.getStringValue(),
                        vector));
            }
        }
        return out;
    }
}
