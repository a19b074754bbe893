package io.alexandria.index;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import io.alexandria.store.DocumentKey;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class PointIdsTest {
    private final DocumentKey note = new DocumentKey("obsidian", "Vault", "Folder/Note.md");

    @Test
    void idsAreVersion5AndDeterministic() {
        UUID doc = PointIds.document(note);
        assertEquals(5, doc.version());
        assertEquals(doc, PointIds.document(new DocumentKey("obsidian", "Vault", "Folder/Note.md")));
        // the same id any RFC 9562 implementation computes (Python: uuid.uuid5(NAMESPACE, 'doc|obsidian|Vault|Folder/Note.md'))
        assertEquals(UUID.fromString("03d62314-3111-5b29-ab8e-2f6c81b4f16f"), doc);
        UUID chunk = PointIds.chunk(doc, "ab".repeat(32), 0);
        assertEquals(5, chunk.version());
        assertEquals(chunk, PointIds.chunk(doc, "ab".repeat(32), 0));
    }

    @Test
    void identityTextAndOccurrenceAllMatter() {
        UUID doc = PointIds.document(note);
        UUID other = PointIds.document(new DocumentKey("obsidian", "Other vault", "Folder/Note.md"));
        assertNotEquals(doc, other, "two vaults never collide");
        assertNotEquals(PointIds.chunk(doc, "a", 0), PointIds.chunk(doc, "b", 0));
        assertNotEquals(PointIds.chunk(doc, "a", 0), PointIds.chunk(doc, "a", 1));
        assertNotEquals(PointIds.chunk(doc, "a", 0), PointIds.chunk(other, "a", 0));
    }

    @Test
    void namespaceIsTheV5OfTheProjectDomain() {
        // RFC 9562 v5 of "alexandria.io" in the DNS namespace, computed independently.
        // (Python: uuid.uuid5(uuid.NAMESPACE_DNS, 'alexandria.io'))
        assertEquals(UUID.fromString("36a0afe5-93ef-5027-8b0f-00b980dc031d"), PointIds.NAMESPACE);
    }
}
