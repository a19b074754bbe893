package io.alexandria.events;

import io.alexandria.common.Timestamps;
import io.alexandria.store.DocumentRow;
import io.alexandria.store.SourceIdentity;
import io.alexandria.sources.SourceKinds;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Builds event payloads with exactly the field names and types of {@code docs/architecture.md}, "Event
 * payload", so the user's {@code view_events.py} reads them unchanged: {@code event_type},
 * {@code timestamp} (ISO-8601 UTC, millisecond precision, {@code Z}), {@code hostname},
 * {@code ingest_version}; for documents
 * {@code book_id} (integer, Calibre books only), {@code source}, {@code source_id}, {@code title},
 * {@code author}, {@code language} (when known); metrics {@code chunks_created} (integer),
 * {@code duration_sec}, {@code chunking_sec}, {@code embedding_sec}, {@code upload_sec} (float
 * seconds), {@code model}, {@code device}; errors {@code error_type}, {@code error_msg},
 * {@code stacktrace} (at most {@link #STACKTRACE_LIMIT} characters). Extra fields, which the user's
 * tools ignore: {@code run_id} (the sync or watch session), {@code doc_id}, {@code file_path}, and the
 * identity of the document's library or vault ({@code library_id} or {@code vault_id},
 * {@code docs/architecture.md}, "Ownership"); the shared schema merges any extra field into an
 * event's payload (shared seed 000's {@code log_event(event_type, payload)}).
 */
public final class EventFactory {
    /** Longest stack trace kept in an event, in characters. */
    public static final int STACKTRACE_LIMIT = 4096;
    /** Value of {@code ingest_version}. */
    public static final String INGEST_VERSION = Timestamps.INGEST_VERSION;

    private final String hostname;

    public EventFactory(String hostname) {
        this.hostname = hostname;
    }

    /** The host name events are attributed to. */
    public String hostname() {
        return hostname;
    }

    /** Formats an instant as the events' timestamp, e.g. {@code 2026-02-08T15:45:32.123Z}. */
    public static String timestamp(Instant instant) {
        return Timestamps.iso(instant);
    }

    /** {@code ingest_start} for a document. */
    public Map<String, Object> ingestStart(DocumentRow doc, Map<String, Object> docPayload, Instant at, UUID runId) {
        Map<String, Object> e = base(EventTypes.INGEST_START, at, runId);
        document(e, doc, docPayload);
        return e;
    }

    /**
     * {@code ingest_complete} with metrics.
     *
     * @param durationSec  wall time from ingest start to upload commit, seconds
     * @param chunkingSec  extraction + chunking, seconds
     * @param embeddingSec embedding share, seconds
     * @param uploadSec    upsert time, seconds
     */
    public Map<String, Object> ingestComplete(DocumentRow doc, Map<String, Object> docPayload, Instant at, UUID runId,
                                              int chunks, double durationSec, double chunkingSec,
                                              double embeddingSec, double uploadSec, String model, String device) {
        Map<String, Object> e = base(EventTypes.INGEST_COMPLETE, at, runId);
        document(e, doc, docPayload);
        e.put("chunks_created", chunks);
        e.put("duration_sec", round(durationSec));
        e.put("chunking_sec", round(chunkingSec));
        e.put("embedding_sec", round(embeddingSec));
        e.put("upload_sec", round(uploadSec));
        e.put("model", model);
        e.put("device", device);
        return e;
    }

    /** {@code ingest_error} with the error's type, message and a truncated stack trace. */
    public Map<String, Object> ingestError(DocumentRow doc, Map<String, Object> docPayload, Instant at, UUID runId,
                                           String errorType, String message, Throwable cause) {
        Map<String, Object> e = base(EventTypes.INGEST_ERROR, at, runId);
        document(e, doc, docPayload);
        e.put("error_type", errorType);
        e.put("error_msg", message == null ? errorType : message);
        e.put("stacktrace", cause == null ? "" : stacktrace(cause));
        return e;
    }

    /** {@code book_delete} for a document that left its source. */
    public Map<String, Object> bookDelete(DocumentRow doc, Map<String, Object> docPayload, Instant at, UUID runId,
                                          int pointsDeleted) {
        Map<String, Object> e = base(EventTypes.BOOK_DELETE, at, runId);
        document(e, doc, docPayload);
        e.put("chunks_deleted", pointsDeleted);
        return e;
    }

    /** {@code collection_recreate} when a chunk collection is (re)built. */
    public Map<String, Object> collectionRecreate(String collection, String model, String reason, Instant at,
                                                  UUID runId) {
        Map<String, Object> e = base(EventTypes.COLLECTION_RECREATE, at, runId);
        e.put("collection", collection);
        e.put("model", model);
        e.put("reason", reason);
        return e;
    }

    private Map<String, Object> base(String type, Instant at, UUID runId) {
        Map<String, Object> e = new LinkedHashMap<>();
        e.put("event_type", type);
        e.put("timestamp", timestamp(at));
        e.put("hostname", hostname);
        e.put("ingest_version", INGEST_VERSION);
        if (runId != null) {
            e.put("run_id", runId.toString());
        }
        return e;
    }

    private static void document(Map<String, Object> e, DocumentRow doc, Map<String, Object> payload) {
        if (SourceKinds.CALIBRE.equals(doc.key().source())) {
            try {
                e.put("book_id", Long.parseLong(doc.key().sourceId()));
            } catch (NumberFormatException ignored) {
                // not a Calibre id: leave book_id out
            }
        }
        e.put("source", doc.key().source());
        e.put("source_id", doc.key().sourceId());
        e.put("title", doc.title() == null ? doc.key().sourceId() : doc.title());
        Object author = payload == null ? null : payload.get("author");
        if (author != null) {
            e.put("author", author.toString());
        }
        Object language = payload == null ? null : payload.get("language");
        if (language != null) {
            e.put("language", language.toString());
        }
        for (String identity : List.of(SourceIdentity.LIBRARY_ID, SourceIdentity.VAULT_ID)) {
            Object value = payload == null ? null : payload.get(identity);
            if (value != null) {
                e.put(identity, value.toString());
            }
        }
        e.put("doc_id", doc.docUuid().toString());
        if (doc.filePath() != null) {
            e.put("file_path", doc.filePath());
        }
    }

    private static double round(double seconds) {
        return Math.round(seconds * 1000.0) / 1000.0;
    }

    /** A stack trace as text, cut to {@link #STACKTRACE_LIMIT} characters. */
    public static String stacktrace(Throwable t) {
        StringWriter w = new StringWriter();
        t.printStackTrace(new PrintWriter(w));
        String s = w.toString();
        return s.length() <= STACKTRACE_LIMIT ? s : s.substring(0, STACKTRACE_LIMIT - 15) + "\n…(truncated)";
    }
}
