package io.alexandria.events;

import io.alexandria.index.QdrantCalls;
import io.alexandria.index.QdrantException;
import io.grpc.Status;
import io.qdrant.client.QdrantClient;
import io.qdrant.client.grpc.Collections.CollectionInfo;
import io.qdrant.client.grpc.Collections.CreateCollection;
import io.qdrant.client.grpc.Collections.PayloadSchemaInfo;
import io.qdrant.client.grpc.Collections.PayloadSchemaType;
import io.qdrant.client.grpc.Collections.VectorParamsMap;
import io.qdrant.client.grpc.Collections.VectorsConfig;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The payload-only collection {@code alexandria_events} ({@code docs/architecture.md}, "Event payload"; no vectors,
 * {@code on_disk_payload}), with payload indexes on {@code event_type}, {@code hostname},
 * {@code source}, {@code source_id}, {@code run_id} (keyword), {@code title} (full text), {@code book_id} (integer) and
 * {@code timestamp} (datetime, which {@code order_by} needs).
 */
public final class EventsCollection {
    /** The collection name, shared with the user's other tools. */
    public static final String NAME = "alexandria_events";
    private static final String[] KEYWORDS = {"event_type", "hostname", "source", "source_id", "run_id", "title"};

    private EventsCollection() {
    }

    /**
     * Creates the collection and its indexes when missing; creating indexes is idempotent.
     *
     * @return true when this call created the collection (it was missing: e.g. a Qdrant restarted
     *         empty), false when it existed
     * @throws QdrantException when Qdrant fails
     */
    public static boolean ensure(QdrantClient client) {
        if (QdrantCalls.await(client.collectionExistsAsync(NAME))) {
            ensureIndexes(client); // e.g. made by the user's Python logger, without indexes
            return false;
        }
        try {
            QdrantCalls.await(client.createCollectionAsync(CreateCollection.newBuilder().setCollectionName(NAME)
                    .setVectorsConfig(VectorsConfig.newBuilder().setParamsMap(VectorParamsMap.newBuilder().putAllMap(Map.of())))
                    .setOnDiskPayload(true).build()));
        } catch (QdrantException e) {
            if (e.status().getCode() != Status.Code.ALREADY_EXISTS) {
                throw e;
            }
            ensureIndexes(client);
            return false;
        }
        for (Map.Entry<String, PayloadSchemaType> index : indexes().entrySet()) {
            QdrantCalls.await(client.createPayloadIndexAsync(NAME, index.getKey(), index.getValue(), null, true, null,
                    null));
        }
        return true;
    }

    /** The payload indexes the collection needs, by field. */
    public static Map<String, PayloadSchemaType> indexes() {
        Map<String, PayloadSchemaType> out = new LinkedHashMap<>();
        for (String field : KEYWORDS) {
            out.put(field, field.equals("title") ? PayloadSchemaType.Text : PayloadSchemaType.Keyword);
        }
        out.put("book_id", PayloadSchemaType.Integer);
        out.put("timestamp", PayloadSchemaType.Datetime);
        return out;
    }

    /**
     * Creates the payload indexes {@link #indexes()} names that an existing collection lacks, e.g.
     * one created by the user's Python logger, which made none ({@link #ensure} leaves an existing
     * collection as it is). Reads the collection's info first; creates nothing when all are there.
     *
     * @return the fields indexed now (empty when none was missing)
     * @throws QdrantException when Qdrant fails: NOT_FOUND when the collection does not exist
     */
    public static List<String> ensureIndexes(QdrantClient client) {
        CollectionInfo info = QdrantCalls.await(client.getCollectionInfoAsync(NAME));
        Map<String, PayloadSchemaInfo> present = info.getPayloadSchemaMap();
        List<String> created = new ArrayList<>();
        for (Map.Entry<String, PayloadSchemaType> index : indexes().entrySet()) {
            if (!present.containsKey(index.getKey())) {
                QdrantCalls.await(client.createPayloadIndexAsync(NAME, index.getKey(), index.getValue(), null, true,
                        null, null));
                created.add(index.getKey());
            }
        }
        return created;
    }
}
