package io.alexandria.cli;

import io.alexandria.events.EventRecord;
import io.alexandria.events.EventTypes;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Prints events as a table, one event a line, in the spirit of the user's {@code view_events.py}:
 * timestamp | type | host | title, then the details: {@code Chunks: 202 | Duration: 29.5s | Model:
 * bge-m3} for completes, {@code ERROR: message} (first line) for errors, the chunks removed for
 * deletes, collection, model and reason for recreates.
 */
final class EventTable {
    private static final int TITLE_WIDTH = 48;
    private static final int HOST_WIDTH = 24;
    private static final int DETAIL_WIDTH = 160;

    private EventTable() {
    }

    static void print(PrintWriter out, List<EventRecord> events) {
        List<String[]> rows = new ArrayList<>();
        rows.add(new String[] {"TIMESTAMP", "TYPE", "HOST", "TITLE", "DETAILS"});
        for (EventRecord e : events) {
            rows.add(new String[] {text(e.timestamp()), text(e.eventType()), cut(text(e.hostname()), HOST_WIDTH),
                cut(text(title(e)), TITLE_WIDTH), cut(text(details(e)), DETAIL_WIDTH)});
        }
        int[] width = new int[5];
        for (String[] r : rows) {
            for (int i = 0; i < 4; i++) {
                width[i] = Math.max(width[i], r[i].length());
            }
        }
        for (String[] r : rows) {
            StringBuilder line = new StringBuilder();
            for (int i = 0; i < 4; i++) {
                line.append(r[i]).append(" ".repeat(width[i] - r[i].length())).append("  ");
            }
            line.append(r[4]);
            out.println(line.toString().stripTrailing());
        }
    }

    static String details(EventRecord e) {
        Object deleted = e.payload().get("chunks_deleted");
        return switch (text(e.eventType())) {
            case EventTypes.INGEST_COMPLETE -> String.format(Locale.ROOT, "Chunks: %d | Duration: %.1fs | Model: %s",
                    e.chunksCreated(), e.durationSec(), e.model() == null ? "unknown" : e.model());
            case EventTypes.INGEST_ERROR -> "ERROR: " + firstLine(e.errorMsg());
            case EventTypes.BOOK_DELETE -> deleted == null ? "" : "Chunks deleted: " + deleted;
            case EventTypes.COLLECTION_RECREATE -> "Model: " + text(e.model()) + " | Reason: "
                    + text(e.payload().get("reason") == null ? null : e.payload().get("reason").toString());
            default -> "";
        };
    }

    private static String title(EventRecord e) {
        if (e.title() != null) {
            return e.title();
        }
        Object collection = e.payload().get("collection");
        return collection != null ? collection.toString() : "-";
    }

    private static String firstLine(String s) {
        if (s == null) {
            return "";
        }
        int nl = s.indexOf('\n');
        return (nl >= 0 ? s.substring(0, nl) : s).strip();
    }

    private static String text(String s) {
        return s == null ? "" : s.replaceAll("[\\r\\n\\t]+", " ");
    }

    private static String cut(String s, int max) {
        return s.length() <= max ? s : s.substring(0, max - 1) + "…";
    }
}
