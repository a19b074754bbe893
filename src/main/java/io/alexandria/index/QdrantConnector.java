package io.alexandria.index;

import io.qdrant.client.QdrantClient;
import io.qdrant.client.QdrantGrpcClient;
import java.time.Duration;

/** Builds {@link QdrantClient}s for an {@link QdrantEndpoint}. */
public final class QdrantConnector {
    private QdrantConnector() {
    }

    /**
     * A client for {@code endpoint}. No network call happens here (the client's blocking
     * compatibility check is off); use {@link QdrantHealth#check} to test the connection.
     *
     * @param timeout deadline for each call
     */
    public static QdrantClient connect(QdrantEndpoint endpoint, Duration timeout) {
        QdrantGrpcClient.Builder builder = QdrantGrpcClient.newBuilder(endpoint.host(), endpoint.port(), endpoint.tls(), false)
                .withTimeout(timeout);
        if (endpoint.apiKey() != null) {
            builder.withApiKey(endpoint.apiKey());
        }
        return new QdrantClient(builder.build());
    }
}
