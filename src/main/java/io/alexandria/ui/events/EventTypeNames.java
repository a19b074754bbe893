package io.alexandria.ui.events;

import io.alexandria.events.EventTypes;

/** Event types as people read them ("Ingest started"), for the Events pane; the stored values stay seed 000's. */
public final class EventTypeNames {
    private EventTypeNames() {
    }

    /** The readable name of an {@code event_type}; an unknown type is shown as it is. */
    public static String of(String type) {
        if (type == null) {
            return "";
        }
        return switch (type) {
            case EventTypes.INGEST_START -> "Ingest started";
            case EventTypes.INGEST_COMPLETE -> "Ingested";
            case EventTypes.INGEST_ERROR -> "Ingest failed";
            case EventTypes.BOOK_DELETE -> "Deleted";
            case EventTypes.COLLECTION_RECREATE -> "Collection rebuilt";
            default -> type;
        };
    }
}
