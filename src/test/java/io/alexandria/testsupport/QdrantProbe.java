package io.alexandria.testsupport;

import static io.qdrant.client.ConditionFactory.matchKeyword;
import static io.qdrant.client.WithPayloadSelectorFactory.enable;

import io.alexandria.events.EventsCollection;
import io.alexandria.index.ChunkIndex;
import io.alexandria.index.Payloads;
import io.alexandria.index.QdrantCalls;
import io.qdrant.client.QdrantClient;
import io.qdrant.client.grpc.Common.Filter;
import io.qdrant.client.grpc.Common.PointId;
import io.qdrant.client.grpc.Points.RetrievedPoint;
import io.qdrant.client.grpc.Points.ScrollPoints;
import io.qdrant.client.grpc.Points.ScrollResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Reads Qdrant directly (through the real client) to check what the engine wrote. */
public final class QdrantProbe {
    private final QdrantClient client;

    public QdrantProbe(QdrantClient client) {
        this.client = client;
    }

    /** Exact number of chunk points (through the alias). */
    public long chunkCount() {
        return QdrantCalls.await(client.countAsync(ChunkIndex.ALIAS, Filter.getDefaultInstance(), true));
    }

    /** Exact number of chunk points whose keyword field equals value. */
    public long chunkCount(String field, String value) {
        return QdrantCalls.await(client.countAsync(ChunkIndex.ALIAS,
                Filter.newBuilder().addMust(matchKeyword(field, value)).build(), true));
    }

    /** Every chunk point's payload. */
    public List<Map<String, Object>> chunks() {
        return scrollAll(ChunkIndex.ALIAS, Filter.getDefaultInstance());
    }

    /** Every event payload, optionally of one type. */
    public List<Map<String, Object>> events(String type) {
        Filter f = type == null ? Filter.getDefaultInstance()
                : Filter.newBuilder().addMust(matchKeyword("event_type", type)).build();
        return scrollAll(EventsCollection.NAME, f);
    }

    /** The client it reads through. */
    public QdrantClient client() {
        return client;
    }

    /** Every event as (point id, payload). */
    public List<Map.Entry<String, Map<String, Object>>> eventPoints() {
        List<Map.Entry<String, Map<String, Object>>> out = new ArrayList<>();
        PointId offset = null;
        do {
            ScrollPoints.Builder b = ScrollPoints.newBuilder().setCollectionName(EventsCollection.NAME)
                    .setLimit(1000).setWithPayload(enable(true));
            if (offset != null) {
                b.setOffset(offset);
            }
            ScrollResponse r = QdrantCalls.await(client.scrollAsync(b.build()));
            for (RetrievedPoint p : r.getResultList()) {
                out.add(Map.entry(p.getId().getUuid(), Payloads.fromPayload(p.getPayloadMap())));
            }
            offset = r.hasNextPageOffset() ? r.getNextPageOffset() : null;
        } while (offset != null);
        return out;
    }

    /** Every point's payload in a collection matching a filter (scrolled by id). */
    public List<Map<String, Object>> scrollAll(String collection, Filter filter) {
        List<Map<String, Object>> out = new ArrayList<>();
        PointId offset = null;
        do {
            ScrollPoints.Builder b = ScrollPoints.newBuilder().setCollectionName(collection).setFilter(filter)
                    .setLimit(1000).setWithPayload(enable(true));
            if (offset != null) {
                b.setOffset(offset);
            }
            ScrollResponse r = QdrantCalls.await(client.scrollAsync(b.build()));
            for (RetrievedPoint p : r.getResultList()) {
                out.add(Payloads.fromPayload(p.getPayloadMap()));
            }
            offset = r.hasNextPageOffset() ? r.getNextPageOffset() : null;
        } while (offset != null);
        return out;
    }
}
