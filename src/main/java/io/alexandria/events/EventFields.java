package io.alexandria.events;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Payload field names and the stable order the CLI and exports present them in: the shared schema's
 * payload fields ({@code docs/architecture.md}, "Event payload") in its order first, then the fields
 * Alexandria adds.
 */
public final class EventFields {
    /** The shared schema's payload fields, in its order. */
    public static final List<String> SEED = List.of("event_type", "timestamp", "hostname", "book_id", "source",
            "source_id", "title", "author", "language", "chunks_created", "duration_sec", "chunking_sec",
            "embedding_sec", "upload_sec", "model", "device", "error_type", "error_msg", "stacktrace",
            "ingest_version", "code_commit");
    /**
     * Fields Alexandria adds: {@code run_id} (the sync or watch session),
     * {@code doc_id}, {@code file_path}, {@code chunks_deleted} ({@code book_delete}),
     * {@code collection} and {@code reason} ({@code collection_recreate}).
     */
    public static final List<String> EXTRA = List.of("run_id", "doc_id", "file_path", "chunks_deleted", "collection",
            "reason");
    /** {@link #SEED} then {@link #EXTRA}. */
    public static final List<String> ALL;

    static {
        List<String> all = new ArrayList<>(SEED);
        all.addAll(EXTRA);
        ALL = List.copyOf(all);
    }

    private EventFields() {
    }

    /**
     * The same payload with its keys in the stable order: {@link #ALL} first, then any other field in
     * the order given. Values are the very same objects (nothing is converted).
     */
    public static Map<String, Object> ordered(Map<String, Object> payload) {
        Map<String, Object> out = new LinkedHashMap<>();
        for (String f : ALL) {
            if (payload.containsKey(f)) {
                out.put(f, payload.get(f));
            }
        }
        for (Map.Entry<String, Object> e : payload.entrySet()) {
            out.putIfAbsent(e.getKey(), e.getValue());
        }
        return out;
    }
}
