package io.alexandria.store;

import java.util.Objects;

/**
 * Which library or vault a point or event belongs to, stable across hosts: the payload field and
 * value that every point of one source carries ({@code docs/architecture.md}, "Ownership"). A
 * Calibre library is known by its {@code library_id} (the library's uuid); a vault by its
 * {@code vault_id}, kept in a file in the vault itself so every host syncing that vault shares it.
 *
 * @param source {@code obsidian} or {@code calibre}
 * @param scope  the scope of the source's document keys (vault name, library uuid)
 * @param field  the payload field, {@code vault_id} or {@code library_id}
 * @param value  the field's value for this source
 */
public record SourceIdentity(String source, String scope, String field, String value) {
    /** Payload field of a vault's identity. */
    public static final String VAULT_ID = "vault_id";
    /** Payload field of a Calibre library's identity. */
    public static final String LIBRARY_ID = "library_id";

    public SourceIdentity {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(scope, "scope");
        Objects.requireNonNull(field, "field");
        Objects.requireNonNull(value, "value");
    }

    /** {@code source:scope}, the key of this source in {@code app_state}. */
    public String key() {
        return source + ":" + scope;
    }
}
