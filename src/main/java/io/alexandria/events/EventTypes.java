package io.alexandria.events;

import java.util.List;

/** The five event types, exactly as the {@code event_type} values of {@code docs/architecture.md}, "Event payload". */
public final class EventTypes {
    /** A document's ingestion started. */
    public static final String INGEST_START = "ingest_start";
    /** A document was ingested; carries chunk and timing metrics. */
    public static final String INGEST_COMPLETE = "ingest_complete";
    /** A document could not be ingested; carries error_type, error_msg, stacktrace. */
    public static final String INGEST_ERROR = "ingest_error";
    /** A document left its source and its points were removed. */
    public static final String BOOK_DELETE = "book_delete";
    /** A collection was rebuilt (e.g. a model switch). */
    public static final String COLLECTION_RECREATE = "collection_recreate";

    /** All five, in seed order. */
    public static final List<String> ALL = List.of(INGEST_START, INGEST_COMPLETE, INGEST_ERROR, BOOK_DELETE,
            COLLECTION_RECREATE);

    private EventTypes() {
    }

    /**
     * Maps the CLI's short names ({@code start|complete|error|delete|recreate}, as the user's
     * {@code view_events.py --type}) or a full type to the full type.
     *
     * @throws IllegalArgumentException for anything else
     */
    public static String fromShort(String name) {
        return switch (name) {
            case "start", INGEST_START -> INGEST_START;
            case "complete", INGEST_COMPLETE -> INGEST_COMPLETE;
            case "error", INGEST_ERROR -> INGEST_ERROR;
            case "delete", BOOK_DELETE -> BOOK_DELETE;
            case "recreate", COLLECTION_RECREATE -> COLLECTION_RECREATE;
            default -> throw new IllegalArgumentException(
                    "unknown event type '" + name + "' (expected start, complete, error, delete or recreate)");
        };
    }
}
