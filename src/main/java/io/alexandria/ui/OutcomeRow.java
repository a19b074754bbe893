package io.alexandria.ui;

import io.alexandria.pipeline.DocumentOutcome;
import java.time.Instant;

/**
 * One line of the Ingest pane's document list.
 *
 * @param at       when the outcome arrived
 * @param kind     indexed, updated, failed, deleted…
 * @param source   {@code obsidian}, {@code calibre} or {@code file}
 * @param sourceId the note's path, the book's id, the file's hash
 * @param title    the document's title
 * @param chunks   chunks indexed
 * @param reason   why it failed ({@code error_type: message}), or ""
 */
public record OutcomeRow(Instant at, DocumentOutcome.Kind kind, String source, String sourceId, String title,
                         int chunks, String reason) {
    /** The row for an engine outcome. */
    public static OutcomeRow of(DocumentOutcome o) {
        String reason = o.detail() == null ? "" : (o.errorType() == null ? "" : o.errorType() + ": ") + o.detail();
        return new OutcomeRow(Instant.now(), o.kind(), o.key().source(), o.key().sourceId(),
                o.title() == null ? o.key().sourceId() : o.title(), o.chunks(), reason);
    }

    /** Whether the row contains {@code text} (case-insensitive) in its title, path or reason. */
    public boolean matches(String text) {
        if (text == null || text.isBlank()) {
            return true;
        }
        String t = text.strip().toLowerCase(java.util.Locale.ROOT);
        return contains(title, t) || contains(sourceId, t) || contains(reason, t);
    }

    private static boolean contains(String s, String lower) {
        return s != null && s.toLowerCase(java.util.Locale.ROOT).contains(lower);
    }
}
