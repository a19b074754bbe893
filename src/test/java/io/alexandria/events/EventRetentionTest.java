package io.alexandria.events;

import static io.qdrant.client.PointIdFactory.id;
import static io.qdrant.client.VectorsFactory.namedVectors;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.alexandria.events.EventFixtures.Generated;
import io.alexandria.index.Payloads;
import io.alexandria.index.QdrantCalls;
import io.alexandria.testserver.QdrantTestServer;
import io.qdrant.client.QdrantClient;
import io.qdrant.client.grpc.Points.PointStruct;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** Retention deletes by filter exactly the events older than the cut-off; the cut-off itself stays. */
class EventRetentionTest {
    @Test
    void deletesExactlyTheEventsOlderThanTheMaximumAge() {
        try (QdrantTestServer qdrant = QdrantTestServer.start(); QdrantClient client = qdrant.newClient()) {
            Instant now = EventFixtures.NOW;
            Instant cutoff = now.minus(EventRetention.DEFAULT_MAX_AGE);
            List<Generated> events = new ArrayList<>(EventFixtures.generate(3, 1000, 0, 6, false));
            EventFactory f = new EventFactory("edge");
            for (Instant at : List.of(cutoff.minusMillis(1), cutoff, cutoff.plusMillis(1))) {
                Map<String, Object> p = EventFixtures.stored(f.collectionRecreate("c", "m", "edge", at, null));
                events.add(new Generated(UUID.randomUUID().toString(), p, at));
            }
            EventFixtures.load(client, events, 8, 1000);
            String untimed = UUID.randomUUID().toString();
            QdrantCalls.await(client.upsertAsync(EventsCollection.NAME, List.of(PointStruct.newBuilder()
                    .setId(id(UUID.fromString(untimed))).setVectors(namedVectors(Map.of()))
                    .putAllPayload(Payloads.toPayload(Map.of("event_type", "ingest_start", "hostname", "old-tool")))
                    .build())));
            qdrant.resetCounters();

            EventService service = new EventService(client, Clock.fixed(now, ZoneOffset.UTC));
            long deleted = service.deleteOlderThan(EventRetention.DEFAULT_MAX_AGE);

            Set<String> old = events.stream().filter(g -> g.at().isBefore(cutoff)).map(Generated::id)
                    .collect(Collectors.toSet());
            assertTrue(old.size() > 20, "enough old events: " + old.size());
            assertEquals(old.size(), deleted);
            assertEquals(old.size(), qdrant.pointsDeleted());
            assertEquals(1, qdrant.calls("Points/Delete"), "one delete, by filter");
            Set<String> left = new java.util.HashSet<>();
            service.forEach(EventQuery.all(), Long.MAX_VALUE, 500, e -> left.add(e.id()));
            Set<String> kept = events.stream().map(Generated::id).filter(i -> !old.contains(i))
                    .collect(Collectors.toSet());
            assertEquals(kept, left);
            assertEquals(kept.size() + 1, service.count(EventQuery.all()), "the kept ones and the one without a timestamp");
            assertEquals(1, QdrantCalls.await(client.countAsync(EventsCollection.NAME,
                    io.qdrant.client.grpc.Common.Filter.newBuilder().addMust(
                            io.qdrant.client.ConditionFactory.matchKeyword("hostname", "old-tool")).build(), true)),
                    "an event without a timestamp is kept");
            assertEquals(2, events.stream().filter(g -> g.host().equals("edge") && !g.at().isBefore(cutoff)).count());

            qdrant.resetCounters();
            assertEquals(0, service.deleteOlderThan(Duration.ofDays(365)));
            assertEquals(0, qdrant.calls("Points/Delete"), "nothing to delete: no delete call");
        }
    }
}
