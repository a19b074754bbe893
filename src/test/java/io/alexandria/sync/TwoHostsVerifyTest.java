package io.alexandria.sync;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.alexandria.app.EngineBootstrap;
import io.alexandria.config.Settings;
import io.alexandria.health.HealthReport;
import io.alexandria.health.HealthService;
import io.alexandria.health.Verifier;
import io.alexandria.index.QdrantEndpoint;
import io.alexandria.sources.calibre.CalibreTestDb;
import io.alexandria.sources.vault.VaultSource;
import io.alexandria.store.Database;
import io.alexandria.store.DocumentRow;
import io.alexandria.store.Ledger;
import io.alexandria.store.SyncStatus;
import io.alexandria.testserver.QdrantTestServer;
import io.alexandria.testsupport.Corpus;
import io.alexandria.testsupport.EngineFixture;
import io.alexandria.testsupport.QdrantProbe;
import io.qdrant.client.QdrantClient;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 11, fault suite: two hosts share one Qdrant — alpha syncs a vault, beta a Calibre library
 * and another vault — and each runs verify and repair. Not one point of the other host is touched
 * (none deleted, none rewritten), each counts the other's points as other hosts' data, and beta's
 * books stay synced and searchable.
 */
class TwoHostsVerifyTest {
    private static final String MODEL = "bge-small-en-v1.5-q";
    @TempDir
    Path tmp;

    @Test
    void verifyOnEitherHostTouchesNoPointOfTheOther() throws Exception {
        Path alphaVault = Corpus.copyNotes(tmp.resolve("Alpha Notes"), 6);
        Path betaVault = Corpus.copyNotes(tmp.resolve("Beta Notes"), 4);
        Path library = Corpus.copyCalibreLibrary(tmp.resolve("Beta Library"));
        keepOnlyBook(library, 2); // Jekyll and Hyde: a library of one short book keeps the test quick
        Database alphaDb = Database.open(tmp.resolve("alpha"));
        Database betaDb = Database.open(tmp.resolve("beta"));
        try (QdrantTestServer server = QdrantTestServer.start(); QdrantClient client = server.newClient();
             SyncEngine alpha = EngineFixture.engine(alphaDb, server, "alpha");
             SyncEngine beta = EngineFixture.engine(betaDb, server, "beta")) {
            alpha.addSource(new VaultSource(alphaVault, List.of()));
            beta.addSource(new VaultSource(betaVault, List.of()));
            beta.addSource(EngineBootstrap.calibre(library, Settings.defaults(), betaDb));
            alpha.start("sync");
            beta.start("sync");
            assertTrue(alpha.syncNow(false, Duration.ofMinutes(10)).complete());
            assertTrue(beta.syncNow(false, Duration.ofMinutes(10)).complete());
            QdrantProbe probe = new QdrantProbe(client);
            Map<String, Map<String, Object>> before = points(probe);
            long alphaPoints = before.values().stream().filter(p -> "alpha".equals(p.get("hostname"))).count();
            long betaPoints = before.values().stream().filter(p -> "beta".equals(p.get("hostname"))).count();
            long books = before.values().stream().filter(p -> "calibre".equals(p.get("source"))).count();
            assertTrue(alphaPoints > 0 && betaPoints > 0 && books > 0);
            server.resetCounters();

            Verifier.Report onAlpha = alpha.verify(true).report();
            assertTrue(alpha.awaitIdle(Duration.ofMinutes(2)));
            Verifier.Report onBeta = beta.verify(true).report();
            assertTrue(beta.awaitIdle(Duration.ofMinutes(2)));

            assertEquals(0, server.pointsDeleted(), "no point deleted by either verify");
            assertEquals(0, server.pointsUpserted(), "no point rewritten by either verify");
            assertEquals(before, points(probe), "every point as it was");
            assertTrue(onAlpha.orphanDocuments().isEmpty() && onBeta.orphanDocuments().isEmpty());
            assertEquals(betaPoints, onAlpha.otherPoints(), "alpha counts beta's library and vault as other hosts' data");
            assertEquals(alphaPoints, onBeta.otherPoints(), "beta counts alpha's vault as other hosts' data");
            assertTrue(onAlpha.clean() && onBeta.clean());

            List<DocumentRow> betaRows = betaDb.inTransaction(c -> new Ledger().listAll(c));
            assertTrue(betaRows.stream().allMatch(r -> r.status() == SyncStatus.SYNCED), "beta's ledger: all synced");
            assertEquals(books, probe.chunkCount("source", "calibre"), "beta's books are all still searchable");
            HealthReport health = new HealthService(alphaDb, client, QdrantEndpoint.parse(server.url(), null), MODEL,
                    () -> true).report();
            assertEquals(betaPoints, health.otherHostsPoints(), "health counts the other host's points");
            System.out.printf("two hosts + verify: alpha %d points, beta %d points (%d of books); 0 deleted, 0 rewritten; "
                    + "alpha sees %d other hosts' points, beta %d%n", alphaPoints, betaPoints, books,
                    onAlpha.otherPoints(), onBeta.otherPoints());
        }
    }

    /** Removes every book but {@code id} from a library copy (as Calibre's own removal does, table by table). */
    private static void keepOnlyBook(Path library, int id) throws Exception {
        try (var c = CalibreTestDb.writer(library); var st = c.createStatement()) {
            for (String table : List.of("books_authors_link", "books_languages_link", "books_tags_link",
                    "books_publishers_link", "data", "comments", "identifiers")) {
                st.executeUpdate("DELETE FROM " + table + " WHERE book <> " + id);
            }
            st.executeUpdate("DELETE FROM books WHERE id <> " + id);
        }
    }

    /** Every chunk point: id → payload. */
    private static Map<String, Map<String, Object>> points(QdrantProbe probe) {
        Map<String, Map<String, Object>> out = new HashMap<>();
        for (Map<String, Object> p : probe.chunks()) {
            out.put(p.get("doc_id") + "#" + p.get("chunk_ordinal") + "#" + p.get("content_hash"), p);
        }
        return out;
    }
}
