package io.alexandria.index;

import io.grpc.ChannelCredentials;
import io.grpc.Grpc;
import io.grpc.ManagedChannel;
import io.grpc.TlsChannelCredentials;
import io.qdrant.client.QdrantClient;
import io.qdrant.client.QdrantGrpcClient;
import java.time.Duration;

/**
 * Builds {@link QdrantClient}s for an {@link QdrantEndpoint}: plaintext for {@code http://}; for
 * {@code https://} a TLS channel that trusts the JDK's and the operating system's authorities plus
 * the endpoint's trusted certificate file, if any (see {@link TlsTrust}).
 */
public final class QdrantConnector {
    private static final String USER_AGENT = "alexandria";

    private QdrantConnector() {
    }

    /**
     * A client for {@code endpoint}. No network call happens here (the client's blocking
     * compatibility check is off); use {@link QdrantHealth#check} to test the connection.
     *
     * @param timeout deadline for each call
     * @throws IllegalArgumentException when the endpoint's trusted certificate file cannot be read
     */
    public static QdrantClient connect(QdrantEndpoint endpoint, Duration timeout) {
        QdrantGrpcClient.Builder builder;
        if (endpoint.tls()) {
            ChannelCredentials credentials = TlsChannelCredentials.newBuilder()
                    .trustManager(TlsTrust.trustManager(endpoint.trustedCertificate())).build();
            ManagedChannel channel = Grpc.newChannelBuilderForAddress(endpoint.host(), endpoint.port(), credentials)
                    .userAgent(USER_AGENT).build();
            builder = QdrantGrpcClient.newBuilder(channel, true, false);
        } else {
            builder = QdrantGrpcClient.newBuilder(endpoint.host(), endpoint.port(), false, false);
        }
        builder.withTimeout(timeout);
        if (endpoint.apiKey() != null) {
            builder.withApiKey(endpoint.apiKey());
        }
        return new QdrantClient(builder.build());
    }
}
