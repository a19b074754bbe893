package io.alexandria.events;

import static io.qdrant.client.WithPayloadSelectorFactory.include;

import io.alexandria.index.Payloads;
import io.alexandria.index.QdrantCalls;
import io.qdrant.client.QdrantClient;
import io.qdrant.client.grpc.Common.Filter;
import io.qdrant.client.grpc.Common.PointId;
import io.qdrant.client.grpc.Points.FacetCounts;
import io.qdrant.client.grpc.Points.FacetHit;
import io.qdrant.client.grpc.Points.RetrievedPoint;
import io.qdrant.client.grpc.Points.ScrollPoints;
import io.qdrant.client.grpc.Points.ScrollResponse;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The counting building blocks of statistics and run summaries: exact counts, exact facets, and
 * scrolls that fetch only the named payload fields, page by page (nothing is held beyond a page).
 */
final class EventScans {
    /** Points per page of a summing scroll (a few small fields each: some 50 bytes a point). */
    static final int SCAN_PAGE = 5_000;
    /** Most distinct values a facet returns (hosts, event types). */
    static final long FACET_LIMIT = 10_000;

    private final QdrantClient client;
    private final int scanPage;

    EventScans(QdrantClient client) {
        this(client, SCAN_PAGE);
    }

    /** With another page size for summing scrolls (tests). */
    EventScans(QdrantClient client, int scanPage) {
        this.client = client;
        this.scanPage = scanPage;
    }

    /** Exact number of events matching {@code filter} (null: all). */
    long count(Filter filter) {
        return QdrantCalls.await(client.countAsync(EventsCollection.NAME, filter, true));
    }

    /**
     * Exact counts of the distinct values of a keyword field among the events matching
     * {@code filter} (null: all), most frequent first.
     */
    Map<String, Long> facet(String key, Filter filter) {
        FacetCounts.Builder request = FacetCounts.newBuilder().setCollectionName(EventsCollection.NAME).setKey(key)
                .setLimit(FACET_LIMIT).setExact(true);
        if (filter != null) {
            request.setFilter(filter);
        }
        Map<String, Long> out = new LinkedHashMap<>();
        for (FacetHit hit : QdrantCalls.await(client.facetAsync(request.build()))) {
            String value = hit.getValue().hasStringValue() ? hit.getValue().getStringValue()
                    : hit.getValue().hasIntegerValue() ? Long.toString(hit.getValue().getIntegerValue())
                    : Boolean.toString(hit.getValue().getBoolValue());
            out.merge(value, hit.getCount(), Long::sum);
        }
        return out;
    }

    /**
     * Hands every event matching {@code filter} to {@code sink}, in id order, with only the given
     * payload fields, {@link #SCAN_PAGE} points per scroll (the last page's {@code next_page_offset}
     * is absent).
     */
    void scan(Filter filter, List<String> fields, Consumer<Map<String, Object>> sink) {
        PointId offset = null;
        do {
            ScrollPoints.Builder request = ScrollPoints.newBuilder().setCollectionName(EventsCollection.NAME)
                    .setFilter(filter).setLimit(scanPage).setWithPayload(include(fields));
            if (offset != null) {
                request.setOffset(offset);
            }
            ScrollResponse page = QdrantCalls.await(client.scrollAsync(request.build()));
            for (RetrievedPoint p : page.getResultList()) {
                sink.accept(Payloads.fromPayload(p.getPayloadMap()));
            }
            offset = page.hasNextPageOffset() ? page.getNextPageOffset() : null;
        } while (offset != null);
    }
}
