package io.alexandria.events;

import static io.qdrant.client.ConditionFactory.matchKeyword;
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
import io.grpc.Status;
import io.qdrant.client.QdrantClient;
import io.qdrant.client.WithPayloadSelectorFactory;
import io.qdrant.client.WithVectorsSelectorFactory;
import io.qdrant.client.grpc.Common.Filter;
import io.qdrant.client.grpc.Common.PointId;
import io.qdrant.client.grpc.Points.PointStruct;
import io.qdrant.client.grpc.Points.RetrievedPoint;
import io.qdrant.client.grpc.Points.UpsertPoints;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Drains the event outbox into {@code alexandria_events} in batches ({@code wait=true}) and keeps
 * this host's copies of what it published ({@code docs/architecture.md}, "Event copies").
 *
 * <ul>
 *   <li>A batch Qdrant rejects as a whole is retried item by item, so one bad event never fails its
 *       batch: good events are published, a bad one stays queued with its error and waits out a
 *       backoff of its own (2<sup>attempts</sup> s, at most an hour) during which the events behind
 *       it go on. After {@link #MAX_ATTEMPTS} rejections it no longer holds a sync back (it is
 *       still retried, hourly, and counted in health).</li>
 *   <li>A NOT_FOUND (the collection is gone: deleted, or Qdrant restarted empty) is no event's
 *       fault: the collection is re-created, every copy this host keeps is queued again, and the
 *       batch is retried; no attempt is counted.</li>
 *   <li>Published events stay in the outbox as this host's copies until the retention prunes them,
 *       so a lost events collection is re-filled by each host with its own events
 *       ({@link #restoreCollection()}, {@link #checkCopies()}).</li>
 *   <li>An outage (a transient error) leaves everything queued for the next call.</li>
 * </ul>
 */
public final class EventPublisher {
    /** Events per upsert. */
    public static final int BATCH = 256;
    /** Rejections after which an event no longer holds a sync back (it stays queued and is retried hourly). */
    public static final int MAX_ATTEMPTS = 5;
    /** Longest wait before a rejected event is tried again. */
    static final Duration MAX_BACKOFF = Duration.ofHours(1);
    /** Published copies compared with Qdrant to tell a lost collection from another host's retention. */
    static final int NEWEST_COPIES = 1000;
    private static final Duration PRUNE_EVERY = Duration.ofDays(1);
    private static final Logger LOG = LoggerFactory.getLogger(EventPublisher.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Database db;
    private final EventOutbox outbox;
    private final QdrantClient client;
    private final String hostname;
    private volatile boolean collectionReady;
    private volatile Duration retention;
    private volatile Runnable onMissing = () -> { };
    private volatile long lastPruneNanos = System.nanoTime() - PRUNE_EVERY.toNanos();
    private volatile long remoteBaseline = -1;

    /**
     * @param hostname the host whose events these are ({@code hostname} of every event it queues)
     */
    public EventPublisher(Database db, EventOutbox outbox, QdrantClient client, String hostname) {
        this.db = db;
        this.outbox = outbox;
        this.client = client;
        this.hostname = hostname;
    }

    /** Keeps published copies for {@code retention} (null: for ever); pruned at most once a day. */
    public void retainCopies(Duration retention) {
        this.retention = retention;
    }

    /** Sets the listener told when the events collection was found missing (on the publishing thread). */
    public void onMissing(Runnable listener) {
        this.onMissing = listener == null ? () -> { } : listener;
    }

    /**
     * Publishes up to one batch of queued events whose backoff has passed.
     *
     * @return how many events were published (0 when none is due)
     * @throws QdrantException on an outage (nothing is lost; call again later)
     */
    public int publishBatch() {
        List<EventOutbox.Item> items = db.inTransaction(c -> outbox.peek(c, BATCH));
        if (items.isEmpty()) {
            pruneCopies();
            return 0;
        }
        if (!collectionReady) {
            if (EventsCollection.ensure(client)) {
                requeueAll("the events collection did not exist");
            }
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
            db.inTransactionVoid(c -> outbox.markFailed(c, unreadable, "unreadable event payload",
                    Instant.now().plus(MAX_BACKOFF)));
        }
        if (readable.isEmpty()) {
            return 0;
        }
        try {
            upsert(points);
            db.inTransactionVoid(c -> outbox.markPublished(c, readable.stream().map(EventOutbox.Item::seq).toList()));
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
                db.inTransactionVoid(c -> outbox.markPublished(c, List.of(item.seq())));
                published++;
            } catch (QdrantException e) {
                if (e.isTransient() || e.isAuthFailure()) {
                    throw e;
                }
                LOG.warn("event {} rejected by Qdrant (attempt {}): {}", item.eventId(), item.attempts() + 1,
                        e.getMessage());
                db.inTransactionVoid(c -> outbox.markFailed(c, List.of(item.seq()), e.getMessage(),
                        retryAt(item.attempts() + 1)));
            } catch (java.io.IOException e) {
                db.inTransactionVoid(c -> outbox.markFailed(c, List.of(item.seq()), e.getMessage(),
                        Instant.now().plus(MAX_BACKOFF)));
            }
        }
        return published;
    }

    /** When an event rejected {@code attempts} times is tried again: 2^attempts s, at most an hour. */
    static Instant retryAt(int attempts) {
        long seconds = Math.min(MAX_BACKOFF.toSeconds(), 1L << Math.min(attempts, 20));
        return Instant.now().plusSeconds(seconds);
    }

    /**
     * Upserts; a NOT_FOUND re-creates the collection, queues this host's copies again and retries
     * once (then it is an outage for the caller).
     */
    private void upsert(List<PointStruct> points) {
        UpsertPoints request = UpsertPoints.newBuilder().setCollectionName(EventsCollection.NAME).addAllPoints(points)
                .setWait(true).build();
        try {
            QdrantRetry.run(() -> QdrantCalls.await(client.upsertAsync(request)));
        } catch (QdrantException e) {
            if (e.status().getCode() != Status.Code.NOT_FOUND) {
                throw e;
            }
            collectionReady = false;
            notifyMissing();
            try {
                restoreCollection();
                QdrantRetry.run(() -> QdrantCalls.await(client.upsertAsync(request)));
            } catch (QdrantException again) {
                throw again.isTransient() ? again : new QdrantException(Status.UNAVAILABLE.withDescription(
                        "the events collection is missing: " + again.getMessage()), again);
            }
        }
    }

    /**
     * Makes sure the events collection exists; when this call had to create it, every copy this
     * host keeps is queued again (Qdrant lost them).
     *
     * @return how many events were queued again
     * @throws QdrantException when Qdrant fails
     */
    public int restoreCollection() {
        boolean created = EventsCollection.ensure(client);
        collectionReady = true;
        return created ? requeueAll("the events collection was missing") : 0;
    }

    /**
     * Compares this host's copies with Qdrant, cheaply: the number of this host's events in Qdrant
     * is read, and only when it dropped (or at the first call) are the newest copies looked up by
     * id. When some of those are missing the collection lost events (a retention elsewhere only
     * removes old ones), so every copy is looked up and the missing ones are queued again.
     *
     * @return how many events were queued again
     * @throws QdrantException when Qdrant fails (NOT_FOUND when the collection does not exist)
     */
    public int checkCopies() {
        int local = db.inTransaction(outbox::publishedCount);
        if (local == 0) {
            return 0;
        }
        Filter mine = Filter.newBuilder().addMust(matchKeyword("hostname", hostname)).build();
        long remote = QdrantCalls.await(client.countAsync(EventsCollection.NAME, mine, true));
        long before = remoteBaseline;
        remoteBaseline = remote;
        if (before >= 0 && remote >= before) {
            return 0;
        }
        if (before < 0 && remote >= local) {
            return 0;
        }
        List<EventOutbox.Published> newest = db.inTransaction(c -> outbox.newestPublished(c, NEWEST_COPIES));
        if (missing(newest).isEmpty()) {
            return 0;
        }
        List<Long> lost = new ArrayList<>();
        long after = 0;
        while (true) {
            long from = after;
            List<EventOutbox.Published> page = db.inTransaction(c -> outbox.published(c, from, NEWEST_COPIES));
            if (page.isEmpty()) {
                break;
            }
            lost.addAll(missing(page));
            after = page.getLast().seq();
        }
        int n = db.inTransaction(c -> outbox.requeue(c, lost));
        remoteBaseline = -1;
        LOG.warn("{} of this host's events were missing from {}: queued again", n, EventsCollection.NAME);
        return n;
    }

    /** Every waiting event may be tried at once (Qdrant answers again). */
    public int resetBackoff() {
        return db.inTransaction(outbox::resetBackoff);
    }

    private List<Long> missing(List<EventOutbox.Published> copies) {
        List<PointId> ids = copies.stream().map(p -> id(p.eventId())).toList();
        Set<UUID> present = new HashSet<>();
        for (RetrievedPoint p : QdrantCalls.await(client.retrieveAsync(EventsCollection.NAME, ids,
                WithPayloadSelectorFactory.enable(false), WithVectorsSelectorFactory.enable(false), null))) {
            present.add(UUID.fromString(p.getId().getUuid()));
        }
        return copies.stream().filter(p -> !present.contains(p.eventId())).map(EventOutbox.Published::seq).toList();
    }

    private int requeueAll(String why) {
        int n = db.inTransaction(outbox::requeueAllPublished);
        remoteBaseline = -1;
        if (n > 0) {
            LOG.warn("{}: {} events this host published are queued again", why, n);
        }
        return n;
    }

    private void notifyMissing() {
        try {
            onMissing.run();
        } catch (RuntimeException e) {
            LOG.warn("the listener of a missing events collection failed", e);
        }
    }

    /** Drops copies older than the retention, at most once a day. */
    private void pruneCopies() {
        Duration keep = retention;
        if (keep == null || System.nanoTime() - lastPruneNanos < PRUNE_EVERY.toNanos()) {
            return;
        }
        lastPruneNanos = System.nanoTime();
        int n = db.inTransaction(c -> outbox.prunePublished(c, Instant.now().minus(keep)));
        if (n > 0) {
            LOG.info("dropped {} local event copies older than {} days", n, keep.toDays());
        }
    }

    private static PointStruct point(EventOutbox.Item item) throws java.io.IOException {
        Map<String, Object> payload = JSON.readValue(item.payloadJson(), new TypeReference<Map<String, Object>>() { });
        return PointStruct.newBuilder().setId(id(item.eventId())).setVectors(namedVectors(Map.of()))
                .putAllPayload(Payloads.toPayload(payload)).build();
    }
}
