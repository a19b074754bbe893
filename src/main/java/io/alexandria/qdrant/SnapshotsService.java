package io.alexandria.qdrant;

import io.grpc.stub.StreamObserver;
import io.qdrant.client.grpc.SnapshotsGrpc;
import io.qdrant.client.grpc.SnapshotsService.CreateFullSnapshotRequest;
import io.qdrant.client.grpc.SnapshotsService.CreateSnapshotRequest;
import io.qdrant.client.grpc.SnapshotsService.CreateSnapshotResponse;
import io.qdrant.client.grpc.SnapshotsService.DeleteFullSnapshotRequest;
import io.qdrant.client.grpc.SnapshotsService.DeleteSnapshotRequest;
import io.qdrant.client.grpc.SnapshotsService.DeleteSnapshotResponse;
import io.qdrant.client.grpc.SnapshotsService.ListFullSnapshotsRequest;
import io.qdrant.client.grpc.SnapshotsService.ListSnapshotsRequest;
import io.qdrant.client.grpc.SnapshotsService.ListSnapshotsResponse;

/** {@code qdrant.Snapshots}: every RPC answers UNIMPLEMENTED (snapshots are not modelled). */
final class SnapshotsService extends SnapshotsGrpc.SnapshotsImplBase {
    @Override
    public void create(CreateSnapshotRequest request, StreamObserver<CreateSnapshotResponse> observer) {
        Rpc.unimplemented(observer, "Snapshots (Snapshots/Create)");
    }

    @Override
    public void list(ListSnapshotsRequest request, StreamObserver<ListSnapshotsResponse> observer) {
        Rpc.unimplemented(observer, "Snapshots (Snapshots/List)");
    }

    @Override
    public void delete(DeleteSnapshotRequest request, StreamObserver<DeleteSnapshotResponse> observer) {
        Rpc.unimplemented(observer, "Snapshots (Snapshots/Delete)");
    }

    @Override
    public void createFull(CreateFullSnapshotRequest request, StreamObserver<CreateSnapshotResponse> observer) {
        Rpc.unimplemented(observer, "Snapshots (Snapshots/CreateFull)");
    }

    @Override
    public void listFull(ListFullSnapshotsRequest request, StreamObserver<ListSnapshotsResponse> observer) {
        Rpc.unimplemented(observer, "Snapshots (Snapshots/ListFull)");
    }

    @Override
    public void deleteFull(DeleteFullSnapshotRequest request, StreamObserver<DeleteSnapshotResponse> observer) {
        Rpc.unimplemented(observer, "Snapshots (Snapshots/DeleteFull)");
    }
}
