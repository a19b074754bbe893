package io.alexandria.qdrant;

import io.grpc.stub.StreamObserver;
import io.qdrant.client.grpc.QdrantGrpc;
import io.qdrant.client.grpc.QdrantOuterClass.HealthCheckReply;
import io.qdrant.client.grpc.QdrantOuterClass.HealthCheckRequest;

/**
 * {@code qdrant.Qdrant/HealthCheck}: answers like a Qdrant 1.18.0 server. The Java client's
 * builder calls it to check that the server is within one minor version of the client (1.18.x).
 * Like Qdrant, it needs no api key.
 */
final class HealthService extends QdrantGrpc.QdrantImplBase {
    @Override
    public void healthCheck(HealthCheckRequest request, StreamObserver<HealthCheckReply> observer) {
        Rpc.unary(observer, () -> HealthCheckReply.newBuilder()
                .setTitle(LocalQdrant.TITLE)
                .setVersion(LocalQdrant.VERSION)
                .build());
    }
}
