package io.alexandria.index;

import com.fasterxml.uuid.Generators;
import com.fasterxml.uuid.impl.NameBasedGenerator;
import io.alexandria.store.DocumentKey;
import java.util.UUID;

/**
 * Deterministic ids (RFC 9562 name-based UUID version 5, SHA-1, generated with the
 * java-uuid-generator library) so re-running a sync, or a second host, computes the same ids for
 * the same content and never duplicates a point.
 * <ul>
 *   <li>document id: v5 of {@code doc|source|scope|sourceId}</li>
 *   <li>chunk point id: v5 of {@code chunk|docId|textHash|occurrence}, where occurrence counts
 *       earlier chunks of the same document with the same text (so repeated boilerplate still
 *       gets distinct points) — the id does not depend on the chunk's position, so inserting a
 *       paragraph keeps the other chunks' ids</li>
 * </ul>
 */
public final class PointIds {
    /** The namespace of all Alexandria ids: v5 of "alexandria.io" in the DNS namespace. */
    public static final UUID NAMESPACE = Generators.nameBasedGenerator(NameBasedGenerator.NAMESPACE_DNS)
            .generate("alexandria.io");
    private static final NameBasedGenerator GENERATOR = Generators.nameBasedGenerator(NAMESPACE);

    private PointIds() {
    }

    /** The document's stable uuid (payload field {@code doc_id}). */
    public static UUID document(DocumentKey key) {
        return GENERATOR.generate("doc|" + key.source() + "|" + key.scope() + "|" + key.sourceId());
    }

    /**
     * A chunk's point id.
     *
     * @param textHash   SHA-256 hex of the chunk's embedding input
     * @param occurrence 0 for the first chunk with this text in the document, 1 for the next…
     */
    public static UUID chunk(UUID documentId, String textHash, int occurrence) {
        return GENERATOR.generate("chunk|" + documentId + "|" + textHash + "|" + occurrence);
    }

    /** A lease point id for a document (multi-host coordination). */
    public static UUID lease(UUID documentId) {
        return GENERATOR.generate("lease|" + documentId);
    }
}
