package io.alexandria.events;

import io.alexandria.index.QdrantCalls;
import io.alexandria.index.QdrantException;
import io.grpc.Status;
import io.qdrant.client.QdrantClient;
import io.qdrant.client.grpc.Collections.CreateCollection;
import io.qdrant.client.grpc.Collections.PayloadSchemaType;
import io.qdrant.client.grpc.Collections.VectorParamsMap;
import io.qdrant.client.grpc.Collections.VectorsConfig;
import java.util.Map;

/**
 * The payload-only collection {@code alexandria_events} of shared seed 000 (no vectors,
 * {@code on_disk_payload}), with payload indexes on {@code event_type}, {@code hostname},
 * {@code source}, {@code source_id}, {@code run_id} (keyword), {@code book_id} (integer) and
 * {@code timestamp} (datetime, which {@code order_by} needs).
 */
public final class EventsCollection {
    /** The collection name, exactly as seed 000. */
    public static final String NAME = "alexandria_events";
    private static final String[] KEYWORDS = {"event_type", "hostname", "source", "source_id", "run_id", "title"};

    private EventsCollection() {
    }

    /**
     * Creates the collection and its indexes when missing; creating indexes is idempotent.
     *
     * @throws QdrantException when Qdrant fails
     */
    public static void ensure(QdrantClient client) {
        if (QdrantCalls.await(client.collectionExistsAsync(NAME))) {
            return;
        }
        try {
            QdrantCalls.await(client.createCollectionAsync(CreateCollection.newBuilder().setCollectionName(NAME)
                    .setVectorsConfig(VectorsConfig.newBuilder().setParamsMap(VectorParamsMap.newBuilder().putAllMap(Map.of())))
                    .setOnDiskPayload(true).build()));
        } catch (QdrantException e) {
            if (e.status().getCode() != Status.Code.ALREADY_EXISTS) {
                throw e;
            }
        }
        for (String field : KEYWORDS) {
            QdrantCalls.await(client.createPayloadIndexAsync(NAME, field,
                    field.equals("title") ? PayloadSchemaType.Text : PayloadSchemaType.Keyword, null, true, null, null));
        }
        QdrantCalls.await(client.createPayloadIndexAsync(NAME, "book_id", PayloadSchemaType.Integer, null, true, null, null));
        QdrantCalls.await(client.createPayloadIndexAsync(NAME, "timestamp", PayloadSchemaType.Datetime, null, true, null, null));
    }
}
