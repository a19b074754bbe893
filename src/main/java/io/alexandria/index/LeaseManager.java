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
import io.qdrant.client.grpc.Common.Range;
import io.qdrant.client.grpc.Points.PointStruct;
import io.qdrant.client.grpc.Points.RetrievedPoint;
import io.qdrant.client.grpc.Points.UpsertPoints;
import java.time.Clock;
import java.time.Duration;
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
 * A crashed host's lease lapses after its time to live.
 */
public final class LeaseManager {
    /** The lease collection. */
    public static final String COLLECTION = "alexandria_leases";
    private final QdrantClient client;
    private final String holder;
    private final Duration ttl;
    private final Clock clock;
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
     * Tries to take (or renew) the lease of one document.
     *
     * @return acquired, or who holds it until when
     * @throws QdrantException when Qdrant is unreachable (callers then proceed without a lease)
     */
    public Lease acquire(UUID docId) {
        ensure();
        long now = clock.millis();
        long expires = now + ttl.toMillis();
        Filter mayTake = Filter.newBuilder()
                .addShould(matchKeyword("holder", holder))
                .addShould(range("expires_at", Range.newBuilder().setLt(now).build()))
                .build();
        PointStruct lease = PointStruct.newBuilder().setId(id(PointIds.lease(docId))).setVectors(namedVectors(Map.of()))
                .putAllPayload(Payloads.toPayload(Map.of("doc_id", docId.toString(), "holder", holder,
                        "expires_at", expires)))
                .build();
        QdrantCalls.await(client.upsertAsync(UpsertPoints.newBuilder().setCollectionName(COLLECTION).addPoints(lease)
                .setUpdateFilter(mayTake).setWait(true).build()));
        return current(docId).map(l -> new Lease(holder.equals(l.holder()) && l.expiresAtMs() == expires, l.holder(),
                l.expiresAtMs())).orElse(new Lease(false, null, 0));
    }

    /** The lease as stored, if any. */
    public Optional<Lease> current(UUID docId) {
        List<RetrievedPoint> points = QdrantCalls.await(client.retrieveAsync(COLLECTION, id(PointIds.lease(docId)),
                true, false, null));
        if (points.isEmpty()) {
            return Optional.empty();
        }
        Map<String, Object> p = Payloads.fromPayload(points.getFirst().getPayloadMap());
        long exp = p.get("expires_at") instanceof Number n ? n.longValue() : 0;
        return Optional.of(new Lease(false, String.valueOf(p.get("holder")), exp));
    }

    /** Gives the lease back (only if this host still holds it). Never throws. */
    public void release(UUID docId) {
        try {
            Filter mine = Filter.newBuilder().addMust(matchKeyword("holder", holder)).build();
            PointStruct expired = PointStruct.newBuilder().setId(id(PointIds.lease(docId)))
                    .setVectors(namedVectors(Map.of()))
                    .putAllPayload(Payloads.toPayload(Map.of("doc_id", docId.toString(), "holder", holder,
                            "expires_at", 0L)))
                    .build();
            QdrantCalls.await(client.upsertAsync(UpsertPoints.newBuilder().setCollectionName(COLLECTION)
                    .addPoints(expired).setUpdateFilter(mine).setWait(true).build()));
        } catch (QdrantException e) {
            // the lease lapses on its own
        }
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
