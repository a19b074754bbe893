package io.alexandria.testserver;

import io.qdrant.client.QdrantClient;
import io.qdrant.client.QdrantGrpcClient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.testcontainers.junit.jupiter.Testcontainers;
import org.testcontainers.qdrant.QdrantContainer;

/**
 * The Qdrant contract against a real Qdrant 1.18.0 in Docker (Testcontainers), to keep
 * {@link QdrantTestServer} honest. Tagged {@code docker}: run with {@code mvn test -Preal-qdrant};
 * skipped where Docker is absent.
 */
@Tag("docker")
@Testcontainers(disabledWithoutDocker = true)
class RealQdrantContractTest extends QdrantContractTest {
    static final String IMAGE = "qdrant/qdrant:v1.18.0";
    static final String API_KEY = "contract-secret";

    private static QdrantContainer qdrant;
    private static QdrantContainer securedQdrant;
    private static QdrantClient client;

    @BeforeAll
    static void startContainers() {
        qdrant = new QdrantContainer(IMAGE);
        securedQdrant = new QdrantContainer(IMAGE).withApiKey(API_KEY);
        qdrant.start();
        securedQdrant.start();
        client = new QdrantClient(QdrantGrpcClient.newBuilder(qdrant.getHost(), qdrant.getGrpcPort(), false).build());
    }

    @AfterAll
    static void stopContainers() {
        if (client != null) {
            client.close();
        }
        if (qdrant != null) {
            qdrant.stop();
        }
        if (securedQdrant != null) {
            securedQdrant.stop();
        }
    }

    @Override
    protected QdrantClient client() {
        return client;
    }

    @Override
    protected SecuredEndpoint securedEndpoint() {
        return new SecuredEndpoint(securedQdrant.getHost(), securedQdrant.getGrpcPort(), API_KEY);
    }
}
