package io.alexandria.qdrant;

import io.qdrant.client.grpc.Collections.CreateCollection;
import io.qdrant.client.grpc.Collections.StrictModeConfig;

/**
 * Qdrant's strict mode for the local server: the {@code strict_mode_config} of a collection, and
 * the switch {@value LocalQdrant#STRICT_PROPERTY}{@code =true} that turns it on (with unindexed
 * filtering refused for reads and writes) for every collection created without one, so that the
 * whole app can be tested against what a strict Qdrant accepts.
 */
final class StrictMode {
    private StrictMode() {
    }

    /** Whether the system property forces strict mode. */
    static boolean forced() {
        return Boolean.parseBoolean(System.getProperty(LocalQdrant.STRICT_PROPERTY, "false"));
    }

    /** The create request with strict mode on when forced and the request does not set it. */
    static CreateCollection apply(CreateCollection request) {
        if (!forced() || request.hasStrictModeConfig()) {
            return request;
        }
        return request.toBuilder().setStrictModeConfig(StrictModeConfig.newBuilder().setEnabled(true)
                .setUnindexedFilteringRetrieve(false).setUnindexedFilteringUpdate(false)).build();
    }
}
