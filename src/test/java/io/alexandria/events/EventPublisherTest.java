package io.alexandria.events;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.alexandria.index.QdrantCalls;
import io.alexandria.store.Database;
import io.alexandria.store.EventOutbox;
import io.alexandria.testserver.QdrantTestServer;
import io.alexandria.testsupport.QdrantProbe;
import io.qdrant.client.QdrantClient;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 11: the outbox never blocks behind events that cannot be delivered, keeps this host's
 * copies once published, and re-fills a lost events collection from them (under the same ids: no
 * duplicate), without counting the loss against any event.
 */
class EventPublisherTest {
    private static final String HOST = "outbox-host";
    @TempDir
    Path tmp;

    @Test
    void undeliverableEventsNeverBlockTheOnesBehindThem() {
        try (QdrantTestServer server = QdrantTestServer.start(); QdrantClient client = server.newClient();
             Database db = Database.open(tmp.resolve("data"))) {
            EventOutbox outbox = new EventOutbox();
            EventPublisher publisher = new EventPublisher(db, outbox, client, HOST);
            // more undeliverable events than one batch, then good ones
            for (int i = 0; i < EventPublisher.BATCH + 44; i++) {
                UUID id = UUID.randomUUID();
                db.inTransactionVoid(c -> outbox.add(c, id, "{not json"));
            }
            List<UUID> good = queue(db, outbox, 40);

            int rounds = 0;
            while (publisher.publishBatch() > 0 || rounds == 0) {
                rounds++;
            }
            Set<String> published = new QdrantProbe(client).events(null).stream().map(e -> (String) e.get("seq"))
                    .collect(Collectors.toSet());
            assertEquals(40, published.size(), "every good event is published behind 300 undeliverable ones");
            assertEquals(EventPublisher.BATCH + 44, (int) db.inTransaction(outbox::depth), "the bad ones stay queued");
            assertEquals(0, (int) db.inTransaction(c -> outbox.publishable(c, EventPublisher.MAX_ATTEMPTS)),
                    "in their backoff they hold no sync back");
            assertEquals(40, (int) db.inTransaction(outbox::publishedCount), "copies kept");
            assertTrue(good.size() == 40);
            System.out.printf("outbox: %d undeliverable events skipped, 40 published in %d rounds%n",
                    EventPublisher.BATCH + 44, rounds);
        }
    }

    @Test
    void aLostEventsCollectionIsRefilledFromTheCopiesWithoutDuplicates() {
        try (QdrantTestServer server = QdrantTestServer.start(); QdrantClient client = server.newClient();
             Database db = Database.open(tmp.resolve("data"))) {
            EventOutbox outbox = new EventOutbox();
            EventPublisher publisher = new EventPublisher(db, outbox, client, HOST);
            queue(db, outbox, 30);
            drain(publisher);
            QdrantProbe probe = new QdrantProbe(client);
            assertEquals(30, probe.events(null).size());

            // the collection is deleted (a Qdrant restarted empty): the next publish re-creates it and
            // re-fills it with every copy, the lost ones under their own ids
            QdrantCalls.await(client.deleteCollectionAsync(EventsCollection.NAME));
            queue(db, outbox, 5);
            drain(publisher);
            assertEquals(35, probe.events(null).size(), "the 30 lost events are back beside the 5 new ones");
            assertEquals(0, (int) db.inTransaction(c -> outbox.parked(c, 1)), "the loss counted against no event");

            // some events vanish while the collection stays: checkCopies finds and re-queues exactly those
            List<Map<String, Object>> all = probe.events(null);
            List<io.qdrant.client.grpc.Common.PointId> lost = new ArrayList<>();
            for (int i = 0; i < all.size(); i += 3) {
                lost.add(io.qdrant.client.PointIdFactory.id(UUID.fromString((String) all.get(i).get("event_uuid"))));
            }
            QdrantCalls.await(client.deleteAsync(EventsCollection.NAME, lost));
            assertEquals(35 - lost.size(), probe.events(null).size());
            assertEquals(lost.size(), publisher.checkCopies());
            drain(publisher);
            assertEquals(35, probe.events(null).size(), "every lost event is back, none twice");
            assertEquals(0, publisher.checkCopies(), "nothing missing any more");
        }
    }

    private static void drain(EventPublisher publisher) {
        while (publisher.publishBatch() > 0) {
            // next batch
        }
    }

    /** Queues {@code n} good events; their payload carries their own id (as {@code event_uuid}) and a number. */
    private static List<UUID> queue(Database db, EventOutbox outbox, int n) {
        List<UUID> ids = new ArrayList<>();
        EventFactory f = new EventFactory(HOST);
        for (int i = 0; i < n; i++) {
            UUID id = UUID.randomUUID();
            Map<String, Object> p = new java.util.LinkedHashMap<>(f.collectionRecreate("c", "m", "test",
                    Instant.now(), null));
            p.put("seq", id.toString());
            p.put("event_uuid", id.toString());
            db.inTransactionVoid(c -> outbox.add(c, id, io.alexandria.common.Json.write(p)));
            ids.add(id);
        }
        return ids;
    }
}
