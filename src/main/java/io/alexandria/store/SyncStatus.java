package io.alexandria.store;

import java.util.Locale;

/** Per-document sync status ({@code docs/architecture.md}, "Pipeline stages and transitions"). */
public enum SyncStatus {
    /** Known locally, not yet in Qdrant. */
    PENDING,
    /** In Qdrant exactly as the ledger says. */
    SYNCED,
    /** The last attempt failed; {@code last_error} says why. */
    FAILED,
    /** Changed since it was indexed; re-sync queued. */
    STALE,
    /** Left its source; its points are (being) removed. */
    DELETED;

    /** The lower-case name stored in H2 and shown to users. */
    public String key() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Parses a stored lower-case name. */
    public static SyncStatus of(String key) {
        return valueOf(key.toUpperCase(Locale.ROOT));
    }
}
