package io.alexandria.store;

/**
 * The identity of a document across hosts: which source, which vault/library, which item in it.
 * Absolute paths are deliberately not part of it, so two hosts mounting the same library at
 * different places agree.
 *
 * @param source   {@code obsidian}, {@code calibre} or {@code file}
 * @param scope    the vault name, the Calibre library uuid, or "" for standalone files
 * @param sourceId the vault-relative path ('/'-separated), the Calibre book id as text, or the
 *                 file's content hash
 */
public record DocumentKey(String source, String scope, String sourceId) {
    public DocumentKey {
        if (source == null || scope == null || sourceId == null) {
            throw new IllegalArgumentException("document key parts must not be null");
        }
    }

    @Override
    public String toString() {
        return source + ":" + (scope.isEmpty() ? "" : scope + ":") + sourceId;
    }
}
