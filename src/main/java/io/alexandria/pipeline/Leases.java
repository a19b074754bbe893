package io.alexandria.pipeline;

import io.alexandria.index.LeaseManager;
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
     * Takes the lease of document {@code docUuid}.
     *
     * @throws io.alexandria.index.QdrantException when Qdrant cannot be asked
     * @throws IllegalStateException when leases are off
     */
    LeaseManager.Lease acquire(UUID docUuid) {
        if (manager == null) {
            throw new IllegalStateException("leases are off");
        }
        return manager.acquire(docUuid);
    }

    /** Gives a document's lease back (nothing when leases are off). */
    void release(UUID docUuid) {
        if (manager != null) {
            manager.release(docUuid);
        }
    }
}
