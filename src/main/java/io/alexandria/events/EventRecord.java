package io.alexandria.events;

import java.time.Instant;
import java.util.Collections;
import java.util.Map;

/**
 * One stored event: its point id and its payload exactly as Qdrant returned it (strings, integers
 * as {@link Long}, floats as {@link Double}, lists, maps), keys in {@link EventFields}' order. The
 * accessors read the shared schema's fields and never throw: a missing or mistyped field gives null (or 0
 * for the metrics).
 *
 * @param id      the point id: a UUID's text, or a number's decimal digits for numeric ids
 * @param payload the payload, unmodifiable
 */
public record EventRecord(String id, Map<String, Object> payload) {
    public EventRecord {
        payload = Collections.unmodifiableMap(EventFields.ordered(payload));
    }

    /** {@code event_type}, e.g. {@code ingest_complete}. */
    public String eventType() {
        return text("event_type");
    }

    /** {@code timestamp} as stored (ISO-8601 text). */
    public String timestamp() {
        return text("timestamp");
    }

    /** {@code timestamp} parsed ({@link EventTime#parse}), or null when absent or unreadable. */
    public Instant instant() {
        return EventTime.parse(timestamp());
    }

    /** {@code hostname}. */
    public String hostname() {
        return text("hostname");
    }

    /** {@code source}: {@code calibre}, {@code obsidian}, … */
    public String source() {
        return text("source");
    }

    /** {@code source_id}: the Calibre book id or the vault-relative path. */
    public String sourceId() {
        return text("source_id");
    }

    /** {@code title}. */
    public String title() {
        return text("title");
    }

    /** {@code run_id}, the sync/watch session. */
    public String runId() {
        return text("run_id");
    }

    /** {@code chunks_created} (complete events), 0 when absent. */
    public long chunksCreated() {
        return payload.get("chunks_created") instanceof Number n ? n.longValue() : 0;
    }

    /** {@code duration_sec} (complete events), seconds, 0 when absent. */
    public double durationSec() {
        return payload.get("duration_sec") instanceof Number n ? n.doubleValue() : 0;
    }

    /** {@code model}. */
    public String model() {
        return text("model");
    }

    /** {@code error_type} (error events). */
    public String errorType() {
        return text("error_type");
    }

    /** {@code error_msg} (error events). */
    public String errorMsg() {
        return text("error_msg");
    }

    private String text(String field) {
        Object v = payload.get(field);
        return v == null ? null : v.toString();
    }
}
