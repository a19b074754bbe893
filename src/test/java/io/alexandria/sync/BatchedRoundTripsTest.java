package io.alexandria.sync;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.alexandria.index.LeaseManager;
import io.alexandria.sources.vault.VaultSource;
import io.alexandria.testserver.QdrantTestServer;
import io.alexandria.testsupport.Corpus;
import io.alexandria.testsupport.EngineFixture;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue #14: a vault of many small notes costs a few Qdrant round trips per batch of notes, not
 * per note — leases are taken and given back for a batch at once, and the adoption check (is the
 * note already in Qdrant?) is one retrieve per batch. Counted on the test server, with leases on
 * (the default), for a first sync and for a second host that adopts everything. (Retrieves are
 * what leases and adoption checks cost alone: uploads and events never read.)
 */
class BatchedRoundTripsTest {
    private static final int NOTES = 40;

    @TempDir
    Path tmp;

    @Test
    void leasesAndAdoptionChecksAreBatched() throws Exception {
        Path vault = Corpus.copyNotes(tmp.resolve("vault"), NOTES);
        try (QdrantTestServer server = QdrantTestServer.start()) {
            try (SyncEngine first = EngineFixture.engine(tmp.resolve("first"), server, "host-a")) {
                first.addSource(new VaultSource(vault, List.of()));
                first.start("sync");
                SyncSummary s = first.syncNow(false, Duration.ofMinutes(10));
                assertEquals(NOTES, s.indexed(), s.toString());
            }
            long retrieves = server.calls("Points/Get");
            long leaseWrites = server.stats().pointsUpserted(LeaseManager.COLLECTION);
            assertTrue(retrieves <= NOTES / 5, "lease and adoption retrieves per batch, not per note: " + retrieves);
            assertTrue(leaseWrites >= 2 * NOTES, "every note was leased and given back: " + leaseWrites);

            server.resetCounters();
            try (SyncEngine second = EngineFixture.engine(tmp.resolve("second"), server, "host-a")) {
                second.addSource(new VaultSource(vault, List.of()));
                second.start("sync");
                SyncSummary s = second.syncNow(false, Duration.ofMinutes(10));
                assertEquals(NOTES, s.unchanged(), "a host that lost its database adopts every note: " + s);
                assertEquals(0, s.chunksEmbedded());
                assertEquals(0, s.pointsUpserted());
            }
            assertTrue(server.calls("Points/Get") <= NOTES / 5, "adoption checks per batch: " + server.calls("Points/Get"));
        }
    }
}
