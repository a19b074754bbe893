package io.alexandria.events;

import static io.qdrant.client.ConditionFactory.hasId;
import static io.qdrant.client.WithPayloadSelectorFactory.enable;

import io.alexandria.index.Payloads;
import io.alexandria.index.QdrantCalls;
import io.qdrant.client.QdrantClient;
import io.qdrant.client.grpc.Common.Filter;
import io.qdrant.client.grpc.Common.PointId;
import io.qdrant.client.grpc.Points.Direction;
import io.qdrant.client.grpc.Points.OrderBy;
import io.qdrant.client.grpc.Points.RetrievedPoint;
import io.qdrant.client.grpc.Points.ScrollPoints;
import io.qdrant.client.grpc.Points.StartFrom;
import io.qdrant.client.grpc.Points.WithPayloadSelector;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Pages through events in {@code timestamp} order as Qdrant orders them ({@code order_by} on the
 * datetime index, never sorting in memory): one scroll per page asking for {@code limit + 1}
 * points (the extra one only tells whether more follow), {@code start_from} the previous page's
 * last timestamp and a {@code must_not has_id} for the events already shown at exactly that
 * timestamp (see {@link PageCursor}). Events without a readable {@code timestamp} are not listed
 * (Qdrant's {@code order_by} leaves them out).
 */
final class EventPager {
    /** Largest page the service asks for in one scroll. */
    static final int MAX_PAGE = 10_000;

    private final QdrantClient client;

    EventPager(QdrantClient client) {
        this.client = client;
    }

    EventPage page(EventQuery q, int limit, PageCursor after) {
        if (limit < 1 || limit > MAX_PAGE) {
            throw new IllegalArgumentException("page size must be 1.." + MAX_PAGE + ", was " + limit);
        }
        Filter.Builder filter = EventFilters.of(q);
        OrderBy.Builder orderBy = OrderBy.newBuilder().setKey("timestamp")
                .setDirection(q.order() == EventQuery.Order.NEWEST_FIRST ? Direction.Desc : Direction.Asc);
        if (after != null) {
            orderBy.setStartFrom(StartFrom.newBuilder().setDatetime(EventTime.rfc3339(after.boundary())));
            if (!after.seenIds().isEmpty()) {
                List<PointId> seen = after.seenIds().stream().map(PointIdText::parse).toList();
                filter.addMustNot(hasId(seen));
            }
        }
        ScrollPoints request = ScrollPoints.newBuilder().setCollectionName(EventsCollection.NAME)
                .setFilter(filter).setOrderBy(orderBy).setLimit(limit + 1)
                .setWithPayload(enable(true)).build();
        List<RetrievedPoint> points = QdrantCalls.await(client.scrollAsync(request)).getResultList();
        List<EventRecord> events = new ArrayList<>(Math.min(points.size(), limit));
        List<Instant> times = new ArrayList<>();
        for (RetrievedPoint p : points.subList(0, Math.min(points.size(), limit))) {
            EventRecord e = new EventRecord(PointIdText.of(p.getId()), Payloads.fromPayload(p.getPayloadMap()));
            events.add(e);
            times.add(orderInstant(e, p));
        }
        if (points.size() <= limit) {
            return new EventPage(events, null);
        }
        Instant boundary = times.getLast();
        Set<String> seen = new HashSet<>();
        if (after != null && after.boundary().equals(boundary)) {
            seen.addAll(after.seenIds());
        }
        for (int i = events.size() - 1; i >= 0 && boundary.equals(times.get(i)); i--) {
            seen.add(events.get(i).id());
        }
        if (after != null && after.boundary().equals(boundary) && seen.size() == after.seenIds().size()) {
            throw new IllegalStateException("Qdrant returned the same events again after " + boundary
                    + "; paging would not progress");
        }
        return new EventPage(events, new PageCursor(boundary, seen));
    }

    /**
     * Up to {@code limit} events matching {@code filter}, newest or oldest first: one scroll of
     * exactly {@code limit} points, no cursor.
     */
    List<EventRecord> first(Filter filter, EventQuery.Order order, int limit, WithPayloadSelector payload) {
        Direction direction = order == EventQuery.Order.NEWEST_FIRST ? Direction.Desc : Direction.Asc;
        ScrollPoints request = ScrollPoints.newBuilder().setCollectionName(EventsCollection.NAME).setFilter(filter)
                .setOrderBy(OrderBy.newBuilder().setKey("timestamp").setDirection(direction)).setLimit(limit)
                .setWithPayload(payload).build();
        List<EventRecord> out = new ArrayList<>();
        for (RetrievedPoint p : QdrantCalls.await(client.scrollAsync(request)).getResultList()) {
            out.add(new EventRecord(PointIdText.of(p.getId()), Payloads.fromPayload(p.getPayloadMap())));
        }
        return out;
    }

    /**
     * The instant Qdrant ordered the point by: its {@code timestamp} as Qdrant parses it, else the
     * returned order value (microseconds since the epoch for a datetime index).
     */
    private static Instant orderInstant(EventRecord e, RetrievedPoint p) {
        Instant t = e.instant();
        if (t != null) {
            return t;
        }
        if (p.hasOrderValue() && p.getOrderValue().hasInt()) {
            long micros = p.getOrderValue().getInt();
            return Instant.EPOCH.plusSeconds(Math.floorDiv(micros, 1_000_000L))
                    .plusNanos(Math.floorMod(micros, 1_000_000L) * 1_000L);
        }
        throw new IllegalStateException("event " + e.id() + " has no readable timestamp: " + e.timestamp());
    }
}
