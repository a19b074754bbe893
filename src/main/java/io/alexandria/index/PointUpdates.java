package io.alexandria.index;

import static io.qdrant.client.PointIdFactory.id;

import io.qdrant.client.QdrantClient;
import io.qdrant.client.grpc.Common.PointId;
import io.qdrant.client.grpc.JsonWithInt.Value;
import io.qdrant.client.grpc.Points.PointStruct;
import io.qdrant.client.grpc.Points.PointsIdsList;
import io.qdrant.client.grpc.Points.PointsSelector;
import io.qdrant.client.grpc.Points.PointsUpdateOperation;
import io.qdrant.client.grpc.Points.UpdateBatchPoints;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The writes of an upload to one collection, sent as few requests as possible: Qdrant's batch
 * update ({@code Points/UpdateBatch}, one request applying several operations in order) carrying
 * an upsert of the new points (vector and payload), a payload overwrite of each point that stays
 * (its text, hence its id and vector, did not change; only its payload did: no vector is sent or
 * re-indexed), and a delete of the points that are gone. Each request carries at most
 * {@link ChunkIndex#UPSERT_BATCH} points to write (Qdrant's guidance for upserts: 64–256) and
 * {@value #DELETE_BATCH} ids to delete, with {@code wait=true}; transient failures are retried
 * ({@link QdrantRetry}).
 *
 * <p>All three operations are idempotent (deterministic ids), so a request that failed half-way
 * is simply sent again. A payload overwrite of a point Qdrant does not have fails the request
 * with {@code NOT_FOUND} (with {@code wait=true}); the caller then upserts that document's points
 * in full. Not thread-safe: one upload's use.
 */
public final class PointUpdates {
    /** Most ids per delete operation. */
    static final int DELETE_BATCH = 1000;
    private final String collection;
    private final List<PointStruct> upserts = new ArrayList<>();
    private final List<PointsUpdateOperation> overwrites = new ArrayList<>();
    private final List<PointId> deletes = new ArrayList<>();
    private int pointsWritten;
    private int payloadsWritten;
    private int pointsDeleted;

    /** Writes to {@code collection}. */
    public PointUpdates(String collection) {
        this.collection = collection;
    }

    /** A new point (vector and payload). */
    public PointUpdates upsert(PointStruct point) {
        upserts.add(point);
        return this;
    }

    /** Replaces the whole payload of an existing point, leaving its vector alone. */
    public PointUpdates overwritePayload(UUID pointId, Map<String, Value> payload) {
        overwrites.add(PointsUpdateOperation.newBuilder().setOverwritePayload(
                PointsUpdateOperation.OverwritePayload.newBuilder().putAllPayload(payload)
                        .setPointsSelector(selector(List.of(id(pointId))))).build());
        return this;
    }

    /** Deletes points by id (ids Qdrant does not have are ignored). */
    public PointUpdates delete(Collection<UUID> pointIds) {
        for (UUID id : pointIds) {
            deletes.add(id(id));
        }
        return this;
    }

    /** Whether nothing was added. */
    public boolean isEmpty() {
        return upserts.isEmpty() && overwrites.isEmpty() && deletes.isEmpty();
    }

    /** Points upserted by the last {@link #send}. */
    public int pointsWritten() {
        return pointsWritten;
    }

    /** Payloads overwritten by the last {@link #send}. */
    public int payloadsWritten() {
        return payloadsWritten;
    }

    /** Point ids deleted by the last {@link #send} (ids Qdrant did not have included). */
    public int pointsDeleted() {
        return pointsDeleted;
    }

    /**
     * Sends everything added, in as few batch-update requests as the bounds allow.
     *
     * @throws QdrantException when a request fails (after retries of transient failures); the
     *                         requests before it stay applied
     */
    public void send(QdrantClient client) {
        List<PointsUpdateOperation> ops = new ArrayList<>();
        int weight = 0;
        int deleting = 0;
        int upsertFrom = 0;
        int overwriteFrom = 0;
        int deleteFrom = 0;
        while (upsertFrom < upserts.size() || overwriteFrom < overwrites.size() || deleteFrom < deletes.size()) {
            int room = ChunkIndex.UPSERT_BATCH - weight;
            if (upsertFrom < upserts.size() && room > 0) {
                int to = Math.min(upserts.size(), upsertFrom + room);
                ops.add(PointsUpdateOperation.newBuilder().setUpsert(PointsUpdateOperation.PointStructList.newBuilder()
                        .addAllPoints(upserts.subList(upsertFrom, to))).build());
                weight += to - upsertFrom;
                upsertFrom = to;
                room = ChunkIndex.UPSERT_BATCH - weight;
            }
            if (overwriteFrom < overwrites.size() && room > 0) {
                int to = Math.min(overwrites.size(), overwriteFrom + room);
                ops.addAll(overwrites.subList(overwriteFrom, to));
                weight += to - overwriteFrom;
                overwriteFrom = to;
            }
            if (deleteFrom < deletes.size() && deleting < DELETE_BATCH) {
                int to = Math.min(deletes.size(), deleteFrom + DELETE_BATCH - deleting);
                ops.add(PointsUpdateOperation.newBuilder().setDeletePoints(PointsUpdateOperation.DeletePoints
                        .newBuilder().setPoints(selector(deletes.subList(deleteFrom, to)))).build());
                deleting += to - deleteFrom;
                deleteFrom = to;
            }
            if (weight >= ChunkIndex.UPSERT_BATCH || deleting >= DELETE_BATCH
                    || (upsertFrom == upserts.size() && overwriteFrom == overwrites.size()
                        && deleteFrom == deletes.size())) {
                send(client, ops);
                ops = new ArrayList<>();
                weight = 0;
                deleting = 0;
            }
        }
        pointsWritten = upserts.size();
        payloadsWritten = overwrites.size();
        pointsDeleted = deletes.size();
    }

    private void send(QdrantClient client, List<PointsUpdateOperation> ops) {
        UpdateBatchPoints request = UpdateBatchPoints.newBuilder().setCollectionName(collection).addAllOperations(ops)
                .setWait(true).build();
        QdrantRetry.run(() -> QdrantCalls.await(client.batchUpdateAsync(request, null)));
    }

    private static PointsSelector selector(List<PointId> ids) {
        return PointsSelector.newBuilder().setPoints(PointsIdsList.newBuilder().addAllIds(ids)).build();
    }
}
