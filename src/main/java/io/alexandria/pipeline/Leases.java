package io.alexandria.pipeline;

import io.alexandria.index.LeaseManager;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Per-document leases in Qdrant when several hosts share it, or none (a single host). */
final class Leases {
    private final LeaseManager manager;

    /** @param manager the lease manager, or null when leases are off */
    Leases(LeaseManager manager) {
        this.manager = manager;
    }

    /** Whether leases are on. */
    boolean on() {
        return manager != null;
    }

    /**
     * Takes the leases of documents {@code docUuids} (two round trips per batch of documents).
     *
     * @throws io.alexandria.index.QdrantException when Qdrant cannot be asked
     * @throws IllegalStateException when leases are off
     */
    Map<UUID, LeaseManager.Lease> acquireAll(Collection<UUID> docUuids) {
        if (manager == null) {
            throw new IllegalStateException("leases are off");
        }
        return manager.acquireAll(docUuids);
    }

    /** Gives a document's lease back (nothing when leases are off). */
    void release(UUID docUuid) {
        releaseAll(List.of(docUuid));
    }

    /** Gives documents' leases back in one round trip per batch (nothing when leases are off). Never throws. */
    void releaseAll(Collection<UUID> docUuids) {
        if (manager != null && !docUuids.isEmpty()) {
            manager.releaseAll(docUuids);
        }
    }
}
