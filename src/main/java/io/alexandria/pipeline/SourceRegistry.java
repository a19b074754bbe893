package io.alexandria.pipeline;

import io.alexandria.sources.DocumentSource;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** The sources the engine syncs, by kind and scope (thread-safe). */
public final class SourceRegistry {
    private final Map<String, DocumentSource> sources = new ConcurrentHashMap<>();

    private static String key(String kind, String scope) {
        return kind + "\u0000" + scope;
    }

    /** Adds {@code source}, replacing one of the same kind and scope. */
    public void put(DocumentSource source) {
        sources.put(key(source.kind(), source.scope()), source);
    }

    /** Removes {@code source} (by kind and scope). */
    public void remove(DocumentSource source) {
        sources.remove(key(source.kind(), source.scope()));
    }

    /** The source of {@code kind} and {@code scope}, or null when none is configured. */
    public DocumentSource find(String kind, String scope) {
        return sources.get(key(kind, scope));
    }

    /** Every configured source. */
    public List<DocumentSource> all() {
        return List.copyOf(sources.values());
    }
}
