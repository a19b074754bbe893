package io.alexandria.store;

import java.util.UUID;

/**
 * A synced document with points, as the ledger says Qdrant holds it (a light row for comparing the
 * ledger with Qdrant).
 *
 * @param id         ledger id
 * @param docUuid    the document's {@code doc_id}
 * @param source     {@code obsidian}, {@code calibre} or {@code file}
 * @param scope      vault name, library uuid or ""
 * @param chunkCount points the document has in Qdrant
 */
public record IndexedDocument(long id, UUID docUuid, String source, String scope, int chunkCount) {
}
