package io.alexandria.ui;

import io.alexandria.pipeline.DocumentOutcome;
import io.alexandria.store.DocumentKey;
import java.time.Instant;
import java.util.Locale;

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
 * @param scope    the vault name, the Calibre library's uuid, or "" (with source and sourceId: the ledger's key)
 */
public record OutcomeRow(Instant at, DocumentOutcome.Kind kind, String source, String sourceId, String title,
                         int chunks, String reason, String scope) {
    /** The row for an engine outcome. */
    public static OutcomeRow of(DocumentOutcome o) {
        String reason = o.detail() == null ? "" : (o.errorType() == null ? "" : o.errorType() + ": ") + o.detail();
        return new OutcomeRow(Instant.now(), o.kind(), o.key().source(), o.key().sourceId(),
                o.title() == null ? o.key().sourceId() : o.title(), o.chunks(), reason, o.key().scope());
    }

    /** The document's key in the ledger. */
    public DocumentKey key() {
        return new DocumentKey(source, scope == null ? "" : scope, sourceId);
    }

    /** The outcome in words: "Indexed", "Failed"… */
    public static String kindName(DocumentOutcome.Kind k) {
        String n = k.name().toLowerCase(Locale.ROOT);
        return Character.toUpperCase(n.charAt(0)) + n.substring(1);
    }

    /** Whether the row contains {@code text} (case-insensitive) in its title, path or reason. */
    public boolean matches(String text) {
        if (text == null || text.isBlank()) {
            return true;
        }
        String t = text.strip().toLowerCase(Locale.ROOT);
        return contains(title, t) || contains(sourceId, t) || contains(reason, t);
    }

    private static boolean contains(String s, String lower) {
        return s != null && s.toLowerCase(Locale.ROOT).contains(lower);
    }
}
