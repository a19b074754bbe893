package io.alexandria.events;

import static io.qdrant.client.PointIdFactory.id;
import static io.qdrant.client.VectorsFactory.namedVectors;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.alexandria.index.Payloads;
import io.alexandria.index.QdrantCalls;
import io.alexandria.index.QdrantException;
import io.alexandria.index.QdrantRetry;
import io.alexandria.store.Database;
import io.alexandria.store.EventOutbox;
import io.qdrant.client.QdrantClient;
import io.qdrant.client.grpc.Points.PointStruct;
import io.qdrant.client.grpc.Points.UpsertPoints;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Drains the event outbox into {@code alexandria_events} in batches ({@code wait=true}). A batch
 * that Qdrant rejects as a whole is retried item by item, so one bad event never fails its batch
 * (a batch's per-item errors): good events are published, a bad one stays in the outbox
 * with its error and attempt count, and is skipped after {@link #MAX_ATTEMPTS} so it never blocks
 * the queue. An outage (transient error) leaves everything queued for the next call.
 */
public final class EventPublisher {
    /** Events per upsert. */
    public static final int BATCH = 256;
    /** Attempts after which a rejected event is left aside (it stays in the outbox, visible). */
    public static final int MAX_ATTEMPTS = 5;
    private static final Logger LOG = LoggerFactory.getLogger(EventPublisher.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Database db;
    private final EventOutbox outbox;
    private final QdrantClient client;
    private volatile boolean collectionReady;

    public EventPublisher(Database db, EventOutbox outbox, QdrantClient client) {
        this.db = db;
        this.outbox = outbox;
        this.client = client;
    }

    /**
     * Publishes up to one batch of queued events.
     *
     * @return how many events were published (0 when the outbox is empty)
     * @throws QdrantException on an outage (nothing is lost; call again later)
     */
    public int publishBatch() {
        List<EventOutbox.Item> items = db.inTransaction(c -> outbox.peek(c, BATCH)).stream()
                .filter(i -> i.attempts() < MAX_ATTEMPTS).toList();
        if (items.isEmpty()) {
            return 0;
        }
        if (!collectionReady) {
            EventsCollection.ensure(client);
            collectionReady = true;
        }
        List<PointStruct> points = new ArrayList<>();
        List<Long> unreadable = new ArrayList<>();
        List<EventOutbox.Item> readable = new ArrayList<>();
        for (EventOutbox.Item item : items) {
            try {
                points.add(point(item));
                readable.add(item);
            } catch (RuntimeException | java.io.IOException e) {
                unreadable.add(item.seq());
            }
        }
        if (!unreadable.isEmpty()) {
            db.inTransactionVoid(c -> outbox.markFailed(c, unreadable, "unreadable event payload"));
        }
        try {
            upsert(points);
            db.inTransactionVoid(c -> outbox.remove(c, readable.stream().map(EventOutbox.Item::seq).toList()));
            return readable.size();
        } catch (QdrantException e) {
            if (e.isTransient() || e.isAuthFailure()) {
                throw e;
            }
            return publishOneByOne(readable);
        }
    }

    private int publishOneByOne(List<EventOutbox.Item> items) {
        int published = 0;
        for (EventOutbox.Item item : items) {
            try {
                upsert(List.of(point(item)));
                db.inTransactionVoid(c -> outbox.remove(c, List.of(item.seq())));
                published++;
            } catch (QdrantException e) {
                if (e.isTransient() || e.isAuthFailure()) {
                    throw e;
                }
                LOG.warn("event {} rejected by Qdrant: {}", item.eventId(), e.getMessage());
                db.inTransactionVoid(c -> outbox.markFailed(c, List.of(item.seq()), e.getMessage()));
            } catch (java.io.IOException e) {
                db.inTransactionVoid(c -> outbox.markFailed(c, List.of(item.seq()), e.getMessage()));
            }
        }
        return published;
    }

    private void upsert(List<PointStruct> points) {
        UpsertPoints request = UpsertPoints.newBuilder().setCollectionName(EventsCollection.NAME).addAllPoints(points)
                .setWait(true).build();
        QdrantRetry.run(() -> QdrantCalls.await(client.upsertAsync(request)));
    }

    private static PointStruct point(EventOutbox.Item item) throws java.io.IOException {
        Map<String, Object> payload = JSON.readValue(item.payloadJson(), new TypeReference<Map<String, Object>>() { });
        return PointStruct.newBuilder().setId(id(item.eventId())).setVectors(namedVectors(Map.of()))
                .putAllPayload(Payloads.toPayload(payload)).build();
    }
}
