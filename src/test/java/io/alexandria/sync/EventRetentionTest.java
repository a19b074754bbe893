package io.alexandria.sync;

import static io.qdrant.client.PointIdFactory.id;
import static io.qdrant.client.VectorsFactory.namedVectors;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.alexandria.events.EventFactory;
import io.alexandria.events.EventsCollection;
import io.alexandria.index.Payloads;
import io.alexandria.index.QdrantCalls;
import io.alexandria.testserver.QdrantTestServer;
import io.alexandria.testsupport.EngineFixture;
import io.alexandria.testsupport.QdrantProbe;
import io.qdrant.client.QdrantClient;
import io.qdrant.client.grpc.Points.PointStruct;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Issue #5: a running engine deletes events past the retention age (default 365 days) by itself. */
class EventRetentionTest {
    @TempDir
    Path tmp;

    private static PointStruct event(Instant at, String title) {
        Map<String, Object> payload = Map.of("event_type", "ingest_complete", "timestamp", EventFactory.timestamp(at),
                "hostname", "old-host", "title", title);
        return PointStruct.newBuilder().setId(id(UUID.randomUUID())).setVectors(namedVectors(Map.of()))
                .putAllPayload(Payloads.toPayload(payload)).build();
    }

    @Test
    void eventsOlderThanTheRetentionAreDeleted() {
        try (QdrantTestServer server = QdrantTestServer.start(); QdrantClient client = server.newClient()) {
            EventsCollection.ensure(client);
            Instant now = Instant.now();
            QdrantCalls.await(client.upsertAsync(EventsCollection.NAME, List.of(
                    event(now.minus(Duration.ofDays(400)), "two winters ago"),
                    event(now.minus(Duration.ofDays(366)), "just over a year"),
                    event(now.minus(Duration.ofDays(30)), "last month"))));
            try (SyncEngine engine = EngineFixture.engine(tmp.resolve("data"), server, "retention-host")) {
                engine.start("app");
                QdrantProbe probe = new QdrantProbe(client);
                await().atMost(Duration.ofMinutes(1)).until(() -> probe.events(null).size() == 1);
                assertEquals("last month", probe.events(null).getFirst().get("title"));
            }
        }
    }
}
