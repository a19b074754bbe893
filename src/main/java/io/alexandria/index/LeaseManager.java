package io.alexandria.index;

import static io.qdrant.client.ConditionFactory.matchKeyword;
import static io.qdrant.client.ConditionFactory.range;
import static io.qdrant.client.PointIdFactory.id;
import static io.qdrant.client.VectorsFactory.namedVectors;

import io.grpc.Status;
import io.qdrant.client.QdrantClient;
import io.qdrant.client.grpc.Collections.CreateCollection;
import io.qdrant.client.grpc.Collections.PayloadSchemaType;
import io.qdrant.client.grpc.Collections.VectorParamsMap;
import io.qdrant.client.grpc.Collections.VectorsConfig;
import io.qdrant.client.grpc.Common.Filter;
import io.qdrant.client.grpc.Common.PointId;
import io.qdrant.client.grpc.Common.Range;
import io.qdrant.client.grpc.Points.PointStruct;
import io.qdrant.client.grpc.Points.RetrievedPoint;
import io.qdrant.client.grpc.Points.UpsertPoints;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * Per-document leases kept in Qdrant itself (payload-only collection {@link #COLLECTION}), so
 * several hosts syncing one library into one Qdrant do not embed the same document at the same
 * time. A lease is one point per document (id {@link PointIds#lease}) with payload
 * {@code doc_id}, {@code holder} (host name) and {@code expires_at} (epoch ms). Acquiring is a
 * conditional upsert ({@code update_filter}, Qdrant ≥ 1.16): an existing lease is only
 * overwritten when this host holds it or it has expired; a missing one is inserted. Qdrant
 * applies updates of a collection one after another, so reading the point back tells who won.
 * A crashed host's lease lapses after its time to live. Leases are taken and given back for many
 * documents at once ({@link #acquireAll}, {@link #releaseAll}: the filter applies to each point),
 * so a vault of many small notes costs a few round trips per batch, not per note.
 */
public final class LeaseManager {
    /** The lease collection. */
    public static final String COLLECTION = "alexandria_leases";
    private final QdrantClient client;
    private final String holder;
    private final Duration ttl;
    private final Clock clock;
    /** Most leases per request. */
    static final int BATCH = 256;
    private volatile boolean ready;

    /** What an acquisition attempt found. */
    public record Lease(boolean acquired, String holder, long expiresAtMs) {
    }

    public LeaseManager(QdrantClient client, String holder, Duration ttl, Clock clock) {
        this.client = client;
        this.holder = holder;
        this.ttl = ttl;
        this.clock = clock;
    }

    /** This host's name as lease holder. */
    public String holder() {
        return holder;
    }

    /**
     * Tries to take (or renew) the lease of one document ({@link #acquireAll} of one).
     *
     * @return acquired, or who holds it until when
     * @throws QdrantException when Qdrant is unreachable (callers then proceed without a lease)
     */
    public Lease acquire(UUID docId) {
        return acquireAll(List.of(docId)).get(docId);
    }

    /**
     * Tries to take (or renew) the leases of many documents in two round trips per
     * {@value #BATCH} documents: one conditional upsert of all their lease points (each overwrites
     * only an expired lease or one this host holds; a missing one is inserted), then one retrieve
     * of those points, which tells for each document who won.
     *
     * @param docIds document ids ({@code doc_id}), each once
     * @return for every id, acquired or who holds it until when
     * @throws QdrantException when Qdrant is unreachable (callers then proceed without leases)
     */
    public Map<UUID, Lease> acquireAll(Collection<UUID> docIds) {
        Map<UUID, Lease> out = new LinkedHashMap<>();
        if (docIds.isEmpty()) {
            return out;
        }
        ensure();
        List<UUID> all = new ArrayList<>(new LinkedHashSet<>(docIds));
        for (int from = 0; from < all.size(); from += BATCH) {
            List<UUID> part = all.subList(from, Math.min(all.size(), from + BATCH));
            long now = clock.millis();
            long expires = now + ttl.toMillis();
            Filter mayTake = Filter.newBuilder()
                    .addShould(matchKeyword("holder", holder))
                    .addShould(range("expires_at", Range.newBuilder().setLt(now).build()))
                    .build();
            UpsertPoints.Builder upsert = UpsertPoints.newBuilder().setCollectionName(COLLECTION)
                    .setUpdateFilter(mayTake).setWait(true);
            for (UUID docId : part) {
                upsert.addPoints(leasePoint(docId, expires));
            }
            QdrantCalls.await(client.upsertAsync(upsert.build()));
            Map<UUID, Lease> stored = currentAll(part);
            for (UUID docId : part) {
                Lease l = stored.get(docId);
                out.put(docId, l == null ? new Lease(false, null, 0)
                        : new Lease(holder.equals(l.holder()) && l.expiresAtMs() == expires, l.holder(), l.expiresAtMs()));
            }
        }
        return out;
    }

    /** The lease as stored, if any. */
    public Optional<Lease> current(UUID docId) {
        return Optional.ofNullable(currentAll(List.of(docId)).get(docId));
    }

    /** The leases as stored, by document id (one retrieve; documents without a lease point are absent). */
    private Map<UUID, Lease> currentAll(List<UUID> docIds) {
        List<PointId> ids = new ArrayList<>(docIds.size());
        Map<String, UUID> byPoint = new HashMap<>();
        for (UUID docId : docIds) {
            UUID point = PointIds.lease(docId);
            ids.add(id(point));
            byPoint.put(point.toString(), docId);
        }
        List<RetrievedPoint> points = QdrantCalls.await(client.retrieveAsync(COLLECTION, ids, true, false, null));
        Map<UUID, Lease> out = new HashMap<>();
        for (RetrievedPoint point : points) {
            UUID docId = byPoint.get(point.getId().getUuid());
            if (docId == null) {
                continue;
            }
            Map<String, Object> p = Payloads.fromPayload(point.getPayloadMap());
            long exp = p.get("expires_at") instanceof Number n ? n.longValue() : 0;
            out.put(docId, new Lease(false, String.valueOf(p.get("holder")), exp));
        }
        return out;
    }

    /** Gives the lease back (only if this host still holds it). Never throws. */
    public void release(UUID docId) {
        releaseAll(List.of(docId));
    }

    /**
     * Gives leases back, only those this host still holds, in one conditional upsert per
     * {@value #BATCH} documents. Never throws (a lease not given back lapses on its own).
     */
    public void releaseAll(Collection<UUID> docIds) {
        if (docIds.isEmpty()) {
            return;
        }
        try {
            Filter mine = Filter.newBuilder().addMust(matchKeyword("holder", holder)).build();
            List<UUID> all = new ArrayList<>(new LinkedHashSet<>(docIds));
            for (int from = 0; from < all.size(); from += BATCH) {
                UpsertPoints.Builder upsert = UpsertPoints.newBuilder().setCollectionName(COLLECTION)
                        .setUpdateFilter(mine).setWait(true);
                for (UUID docId : all.subList(from, Math.min(all.size(), from + BATCH))) {
                    upsert.addPoints(leasePoint(docId, 0L));
                }
                QdrantCalls.await(client.upsertAsync(upsert.build()));
            }
        } catch (QdrantException e) {
            // the leases lapse on their own
        }
    }

    private PointStruct leasePoint(UUID docId, long expiresAt) {
        return PointStruct.newBuilder().setId(id(PointIds.lease(docId))).setVectors(namedVectors(Map.of()))
                .putAllPayload(Payloads.toPayload(Map.of("doc_id", docId.toString(), "holder", holder,
                        "expires_at", expiresAt)))
                .build();
    }

    private void ensure() {
        if (ready) {
            return;
        }
        if (!QdrantCalls.await(client.collectionExistsAsync(COLLECTION))) {
            try {
                QdrantCalls.await(client.createCollectionAsync(CreateCollection.newBuilder().setCollectionName(COLLECTION)
                        .setVectorsConfig(VectorsConfig.newBuilder().setParamsMap(VectorParamsMap.newBuilder()))
                        .build()));
            } catch (QdrantException e) {
                if (e.status().getCode() != Status.Code.ALREADY_EXISTS) {
                    throw e;
                }
            }
            QdrantCalls.await(client.createPayloadIndexAsync(COLLECTION, "holder", PayloadSchemaType.Keyword, null, true,
                    null, null));
            QdrantCalls.await(client.createPayloadIndexAsync(COLLECTION, "expires_at", PayloadSchemaType.Integer, null,
                    true, null, null));
        }
        ready = true;
    }
}
