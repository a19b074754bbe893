package io.alexandria.testserver;

import io.alexandria.qdrant.LocalQdrant;
import io.qdrant.client.QdrantClient;
import io.qdrant.client.QdrantGrpcClient;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Qdrant contract against the local index in a folder ({@link LocalQdrant#open}), fresh:
 * the server stays up for the whole class. Subclasses restart it before reads
 * ({@link ReopenedLocalQdrantContractTest}, {@link CrashedLocalQdrantContractTest}).
 */
class LocalQdrantContractTest extends QdrantContractTest {
    @TempDir
    static Path temp;
    private static QdrantTestServer secured;
    static LocalQdrant server;
    static QdrantClient client;
    static Path folder;

    @BeforeAll
    static void startServers() throws IOException {
        folder = Files.createTempDirectory(temp, "qdrant");
        server = LocalQdrant.open(folder);
        client = clientOf(server);
        secured = QdrantTestServer.start(0, "contract-secret");
    }

    static QdrantClient clientOf(LocalQdrant s) {
        return new QdrantClient(QdrantGrpcClient.newBuilder(LocalQdrant.HOST, s.port(), false).build());
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
