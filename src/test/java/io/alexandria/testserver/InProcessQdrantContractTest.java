package io.alexandria.testserver;

import io.qdrant.client.QdrantClient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** The Qdrant contract against {@link QdrantTestServer}; part of the default suite. */
class InProcessQdrantContractTest extends QdrantContractTest {
    private static QdrantTestServer server;
    private static QdrantTestServer secured;
    private static QdrantClient client;

    @BeforeAll
    static void startServers() {
        server = QdrantTestServer.start();
        secured = QdrantTestServer.start(0, "contract-secret");
        client = server.newClient();
    }

    @AfterAll
    static void stopServers() {
        client.close();
        server.close();
        secured.close();
    }

    @Override
    protected QdrantClient client() {
        return client;
    }

    @Override
    protected SecuredEndpoint securedEndpoint() {
        return new SecuredEndpoint(QdrantTestServer.HOST, secured.port(), secured.apiKey());
    }
}
