package io.alexandria.events;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.alexandria.store.EventOutbox;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Map;
import java.util.UUID;

/**
 * Queues events in the outbox inside the caller's transaction, each under a fresh random (v4) id
 * as the shared schema gives events; the id is fixed at this moment so that republishing after a failure
 * overwrites rather than duplicates.
 */
public final class EventRecorder {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final EventOutbox outbox;

    public EventRecorder(EventOutbox outbox) {
        this.outbox = outbox;
    }

    /** Queues one event payload; returns its id. */
    public UUID record(Connection c, Map<String, Object> payload) throws SQLException {
        UUID id = UUID.randomUUID();
        try {
            outbox.add(c, id, JSON.writeValueAsString(payload));
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("event payload is not serialisable: " + e.getMessage(), e);
        }
        return id;
    }
}
