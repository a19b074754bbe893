package io.alexandria.testserver;

import static io.qdrant.client.PointIdFactory.id;
import static io.qdrant.client.ValueFactory.value;
import static io.qdrant.client.VectorsFactory.vectors;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.qdrant.client.QdrantClient;
import io.qdrant.client.QdrantGrpcClient;
import io.qdrant.client.QueryFactory;
import io.qdrant.client.grpc.Collections.CreateCollection;
import io.qdrant.client.grpc.Collections.Distance;
import io.qdrant.client.grpc.Collections.VectorParams;
import io.qdrant.client.grpc.Common.Filter;
import io.qdrant.client.grpc.Points.Fusion;
import io.qdrant.client.grpc.Points.PointStruct;
import io.qdrant.client.grpc.Points.PrefetchQuery;
import io.qdrant.client.grpc.Points.QueryPoints;
import io.qdrant.client.grpc.Points.RecommendPoints;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What only the test server offers: restart with the same data, counters, faults, latency, UNIMPLEMENTED. */
class QdrantTestServerTest {
    private QdrantTestServer server;
    private QdrantClient client;

    @BeforeEach
    void start() throws Exception {
        server = QdrantTestServer.start();
        client = server.newClient();
        QdrantContractTest.get(client.createCollectionAsync("docs",
                VectorParams.newBuilder().setSize(2).setDistance(Distance.Cosine).build()));
    }

    @AfterEach
    void stop() {
        client.close();
        server.close();
    }

    private static PointStruct point(long id, String path) {
        return PointStruct.newBuilder().setId(id(id)).setVectors(vectors(1, 0))
                .putPayload("path", value(path)).build();
    }

    @Test
    void urlAndPortDescribeTheEndpoint() {
        assertTrue(server.port() > 0);
        assertEquals("http://127.0.0.1:" + server.port(), server.url());
        assertTrue(server.isRunning());
    }

    @Test
    void restartKeepsPortAndDataWhileStoppedCallsFailUnavailable() throws Exception {
        QdrantContractTest.get(client.upsertAsync("docs", List.of(point(1, "a.md"), point(2, "b.md"))));
        int port = server.port();

        server.stop();
        StatusRuntimeException down = assertThrows(StatusRuntimeException.class,
                () -> QdrantContractTest.get(client.countAsync("docs")));
        assertEquals(Status.Code.UNAVAILABLE, down.getStatus().getCode());

        server.restart();
        assertEquals(port, server.port());
        // the client's channel reconnects after its backoff, as it would after a real Qdrant restart
        Awaitility.await().atMost(Duration.ofSeconds(20)).ignoreExceptions()
                .until(() -> QdrantContractTest.get(client.countAsync("docs")) == 2L);
        assertEquals(2L, QdrantContractTest.get(client.countAsync("docs")), "same client, same data");
    }

    @Test
    void countersTellWhetherASecondSyncUpserted() throws Exception {
        QdrantContractTest.get(client.upsertAsync("docs", List.of(point(1, "a.md"), point(2, "b.md"))));
        assertEquals(1, server.calls("Upsert"));
        assertEquals(1, server.calls("Points/Upsert"));
        assertEquals(1, server.calls("qdrant.Points/Upsert"));
        assertEquals(2, server.pointsUpserted());

        server.resetCounters();
        QdrantContractTest.get(client.countAsync("docs"));
        assertEquals(0, server.calls("Upsert"));
        assertEquals(0, server.pointsUpserted());
        assertEquals(1, server.calls("Count"));

        QdrantContractTest.get(client.deleteAsync("docs", List.of(id(1), id(3))));
        assertEquals(1, server.pointsDeleted(), "only existing points count");
        assertEquals(1, server.calls("Points/Delete"));
        assertEquals(0, server.calls("Collections/Delete"));
    }

    @Test
    void failNextFailsExactlyThatManyCallsWithoutStoringAnything() throws Exception {
        server.failNext("Upsert", Status.UNAVAILABLE.withDescription("injected"), 2);
        for (int i = 0; i < 2; i++) {
            StatusRuntimeException e = assertThrows(StatusRuntimeException.class,
                    () -> QdrantContractTest.get(client.upsertAsync("docs", List.of(point(1, "a.md")))));
            assertEquals(Status.Code.UNAVAILABLE, e.getStatus().getCode());
            assertEquals("injected", e.getStatus().getDescription());
        }
        assertEquals(0L, QdrantContractTest.get(client.countAsync("docs")), "other RPCs are unaffected");
        QdrantContractTest.get(client.upsertAsync("docs", List.of(point(1, "a.md"))));
        assertEquals(1L, QdrantContractTest.get(client.countAsync("docs")));
        assertEquals(3, server.calls("Upsert"), "failed calls are counted");
        assertEquals(1, server.pointsUpserted());

        assertThrows(IllegalArgumentException.class, () -> server.failNext("Upsert", Status.OK, 1));
        assertThrows(IllegalArgumentException.class, () -> server.failNext("Upsert", Status.INTERNAL, 0));
    }

    @Test
    void latencyTripsClientDeadlines() throws Exception {
        server.setLatency(Duration.ofMillis(300));
        try (QdrantClient impatient = new QdrantClient(QdrantGrpcClient.newBuilder(QdrantTestServer.HOST,
                server.port(), false, false).withTimeout(Duration.ofMillis(50)).build())) {
            StatusRuntimeException e = assertThrows(StatusRuntimeException.class,
                    () -> QdrantContractTest.get(impatient.countAsync("docs")));
            assertEquals(Status.Code.DEADLINE_EXCEEDED, e.getStatus().getCode());
        }
        server.setLatency(Duration.ZERO);
        assertEquals(0L, QdrantContractTest.get(client.countAsync("docs")));
    }

    @Test
    void unimplementedFeaturesSayWhatIsMissing() throws Exception {
        QdrantContractTest.get(client.upsertAsync("docs", List.of(point(1, "a.md"))));
        assertUnimplemented("Recommend", () -> QdrantContractTest.get(client.recommendAsync(RecommendPoints.newBuilder()
                .setCollectionName("docs").addPositive(id(1)).setLimit(1).build())));
        assertUnimplemented("MMR", () -> QdrantContractTest.get(client.queryAsync(QueryPoints.newBuilder()
                .setCollectionName("docs").addPrefetch(PrefetchQuery.newBuilder().setQuery(QueryFactory.nearest(1, 0)))
                .setQuery(QueryFactory.nearest(io.qdrant.client.VectorInputFactory.vectorInput(1, 0),
                        io.qdrant.client.grpc.Points.Mmr.getDefaultInstance())).build())));
        assertUnimplemented("lookup_from", () -> QdrantContractTest.get(client.queryAsync(QueryPoints.newBuilder()
                .setCollectionName("docs").addPrefetch(PrefetchQuery.newBuilder().setQuery(QueryFactory.nearest(1, 0))
                        .setLookupFrom(io.qdrant.client.grpc.Points.LookupLocation.newBuilder()
                                .setCollectionName("docs")))
                .setQuery(QueryFactory.fusion(Fusion.RRF)).build())));
        assertUnimplemented("with_lookup", () -> QdrantContractTest.get(client.queryGroupsAsync(
                io.qdrant.client.grpc.Points.QueryPointGroups.newBuilder().setCollectionName("docs")
                        .setQuery(QueryFactory.nearest(1, 0)).setGroupBy("path")
                        .setWithLookup(io.qdrant.client.grpc.Points.WithLookup.newBuilder().setCollection("docs"))
                        .build())));
        assertUnimplemented("Grouped search", () -> QdrantContractTest.get(client.searchGroupsAsync(
                io.qdrant.client.grpc.Points.SearchPointGroups.newBuilder().setCollectionName("docs")
                        .addAllVector(List.of(1f, 0f)).setGroupBy("path").setLimit(1).setGroupSize(1).build())));
        assertUnimplemented("Query by point id", () -> QdrantContractTest.get(client.queryAsync(QueryPoints.newBuilder()
                .setCollectionName("docs").setQuery(QueryFactory.nearest(1L)).build())));
        assertUnimplemented("Snapshots", () -> QdrantContractTest.get(client.createSnapshotAsync("docs")));
        assertUnimplemented("Multivectors", () -> QdrantContractTest.get(client.createCollectionAsync(
                CreateCollection.newBuilder().setCollectionName("multi").setVectorsConfig(
                        io.qdrant.client.grpc.Collections.VectorsConfig.newBuilder().setParams(VectorParams.newBuilder()
                                .setSize(2).setDistance(Distance.Dot).setMultivectorConfig(
                                        io.qdrant.client.grpc.Collections.MultiVectorConfig.getDefaultInstance())))
                        .build())));
        assertUnimplemented("Geo filtering", () -> QdrantContractTest.get(client.countAsync("docs",
                Filter.newBuilder().addMust(io.qdrant.client.ConditionFactory.geoRadius("loc", 1, 2, 3)).build(),
                true)));
        assertUnimplemented("Shard keys", () -> QdrantContractTest.get(client.listShardKeysAsync("docs")));
    }

    private static void assertUnimplemented(String feature, org.junit.jupiter.api.function.Executable call) {
        StatusRuntimeException e = assertThrows(StatusRuntimeException.class, call);
        assertEquals(Status.Code.UNIMPLEMENTED, e.getStatus().getCode(), e.getStatus().toString());
        assertTrue(e.getStatus().getDescription().contains(feature), e.getStatus().getDescription());
    }

    @Test
    void anApiKeyServerHandsOutAuthorisedClients() throws Exception {
        try (QdrantTestServer secured = QdrantTestServer.start(0, "s3cret");
             QdrantClient authorised = secured.newClient()) {
            assertEquals(List.of(), QdrantContractTest.get(authorised.listCollectionsAsync()));
            assertEquals(1, secured.calls("Collections/List"));
        }
    }

    @Test
    void concurrentWritersAndReadersSeeConsistentData() throws Exception {
        try (var pool = java.util.concurrent.Executors.newFixedThreadPool(8)) {
            List<java.util.concurrent.Future<?>> futures = new java.util.ArrayList<>();
            for (int t = 0; t < 8; t++) {
                int thread = t;
                futures.add(pool.submit(() -> {
                    for (int i = 0; i < 25; i++) {
                        long id = thread * 1000L + i;
                        QdrantContractTest.get(client.upsertAsync("docs", List.of(point(id, "p" + id))));
                        long seen = QdrantContractTest.get(client.countAsync("docs"));
                        assertTrue(seen >= i + 1, "a reader sees at least its own writes");
                    }
                    return null;
                }));
            }
            for (var f : futures) {
                f.get(60, java.util.concurrent.TimeUnit.SECONDS);
            }
        }
        assertEquals(200L, QdrantContractTest.get(client.countAsync("docs")));
        assertEquals(200, server.pointsUpserted());
    }

    @Test
    void storeIsUsableDirectly() {
        assertEquals(List.of("docs"), server.store().names());
        assertTrue(server.store().exists("docs"));
        assertEquals(Map.of(), server.store().aliases());
    }
}
