package io.alexandria.events;

import static io.qdrant.client.ConditionFactory.datetimeRange;

import io.alexandria.index.QdrantCalls;
import io.alexandria.index.QdrantRetry;
import io.qdrant.client.QdrantClient;
import io.qdrant.client.grpc.Common.DatetimeRange;
import io.qdrant.client.grpc.Common.Filter;
import io.qdrant.client.grpc.Points.DeletePoints;
import io.qdrant.client.grpc.Points.PointsSelector;
import java.time.Duration;
import java.time.Instant;

/**
 * Retention of {@code alexandria_events} ({@code docs/architecture.md}, "Event payload": events older
 * than a year by default go): deletes by filter, a {@code datetime_range} with {@code lt} the cut-off on
 * {@code timestamp}, so an event exactly at the cut-off is kept and one a microsecond older is deleted. Events whose
 * {@code timestamp} is missing or unreadable never match and are kept.
 */
public final class EventRetention {
    /** The default maximum age of an event: 365 days. */
    public static final Duration DEFAULT_MAX_AGE = Duration.ofDays(365);

    private final QdrantClient client;

    EventRetention(QdrantClient client) {
        this.client = client;
    }

    /**
     * Deletes every event strictly older than {@code cutoff} (compared at microseconds).
     *
     * @return how many events matched just before the delete (an exact count)
     * @throws io.alexandria.index.QdrantException when Qdrant fails (NOT_FOUND: no events collection)
     */
    long deleteBefore(Instant cutoff) {
        Filter older = Filter.newBuilder().addMust(datetimeRange("timestamp",
                DatetimeRange.newBuilder().setLt(EventTime.proto(cutoff)).build())).build();
        long n = QdrantCalls.await(client.countAsync(EventsCollection.NAME, older, true));
        if (n > 0) {
            DeletePoints delete = DeletePoints.newBuilder().setCollectionName(EventsCollection.NAME).setWait(true)
                    .setPoints(PointsSelector.newBuilder().setFilter(older)).build();
            QdrantRetry.run(() -> QdrantCalls.await(client.deleteAsync(delete)));
        }
        return n;
    }
}
