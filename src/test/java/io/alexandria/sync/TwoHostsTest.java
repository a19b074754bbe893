package io.alexandria.sync;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.alexandria.app.EngineBootstrap;
import io.alexandria.config.Settings;
import io.alexandria.events.EventTypes;
import io.alexandria.store.Counters;
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
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue #4: two engines with different host names sync one Calibre library into one Qdrant at
 * the same time: each chunk is stored once, each book is embedded by one host (the per-document
 * lease), and events are attributed to the host that did the work.
 */
class TwoHostsTest {
    @TempDir
    Path tmp;

    @Test
    void twoHostsShareTheWorkWithoutDuplicates() throws Exception {
        Path library = Corpus.copyCalibreLibrary(tmp.resolve("Shared Library"));
        Database alphaDb = Database.open(tmp.resolve("alpha"));
        Database betaDb = Database.open(tmp.resolve("beta"));
        try (QdrantTestServer server = QdrantTestServer.start();
             SyncEngine alpha = EngineFixture.engine(alphaDb, server, "alpha");
             SyncEngine beta = EngineFixture.engine(betaDb, server, "beta");
             QdrantClient client = server.newClient()) {
            alpha.addSource(EngineBootstrap.calibre(library, Settings.defaults(), alphaDb));
            beta.addSource(EngineBootstrap.calibre(library, Settings.defaults(), betaDb));
            alpha.start("sync");
            beta.start("sync");
            ExecutorService both = Executors.newFixedThreadPool(2);
            CompletableFuture<SyncSummary> a = CompletableFuture.supplyAsync(() -> sync(alpha), both);
            CompletableFuture<SyncSummary> b = CompletableFuture.supplyAsync(() -> sync(beta), both);
            SyncSummary sa = a.get();
            SyncSummary sb = b.get();
            both.shutdown();
            assertTrue(sa.complete() && sb.complete());

            Ledger ledger = new Ledger();
            Set<String> texts = new HashSet<>();
            long chunks = 0;
            for (Database db : List.of(alphaDb, betaDb)) {
                List<DocumentRow> rows = db.inTransaction(c -> ledger.listAll(c));
                assertEquals(3, rows.size());
                assertTrue(rows.stream().allMatch(r -> r.status() == SyncStatus.SYNCED), "both hosts see 3 synced books");
                chunks = rows.stream().mapToLong(DocumentRow::chunkCount).sum();
                for (DocumentRow r : rows) {
                    db.inTransaction(c -> ledger.chunks(c, r.id())).forEach(ch -> texts.add(ch.textHash()));
                }
            }
            QdrantProbe probe = new QdrantProbe(client);
            assertEquals(chunks, probe.chunkCount(), "each chunk exactly once in Qdrant");
            Set<String> keys = new HashSet<>();
            for (Map<String, Object> p : probe.chunks()) {
                assertTrue(keys.add(p.get("doc_id") + "#" + p.get("chunk_ordinal")), "duplicate point " + p);
            }

            List<Map<String, Object>> completes = probe.events(EventTypes.INGEST_COMPLETE);
            assertEquals(3, completes.size(), "each book ingested once");
            long embeddedAlpha = embedded(alphaDb);
            long embeddedBeta = embedded(betaDb);
            assertEquals(distinctTexts(alphaDb, booksOf(completes, "alpha")), embeddedAlpha,
                    "alpha embedded exactly the books it ingested");
            assertEquals(distinctTexts(betaDb, booksOf(completes, "beta")), embeddedBeta,
                    "beta embedded exactly the books it ingested");
            assertEquals(embeddedAlpha, sa.chunksEmbedded());
            assertEquals(embeddedBeta, sb.chunksEmbedded());
            assertTrue(texts.size() <= embeddedAlpha + embeddedBeta);
            Map<String, Long> byHost = completes.stream().collect(Collectors.groupingBy(
                    x -> x.get("hostname").toString(), Collectors.counting()));
            assertEquals(sa.indexed(), byHost.getOrDefault("alpha", 0L));
            assertEquals(sb.indexed(), byHost.getOrDefault("beta", 0L));
            assertEquals(3, sa.indexed() + sb.indexed());
            for (Map<String, Object> p : probe.chunks()) {
                String host = p.get("hostname").toString();
                assertTrue(host.equals("alpha") || host.equals("beta"));
            }
            System.out.printf("two hosts: alpha ingested %d books (%d texts), beta %d books (%d texts)%n", sa.indexed(),
                    embeddedAlpha, sb.indexed(), embeddedBeta);
        }
    }

    private static SyncSummary sync(SyncEngine e) {
        try {
            return e.syncNow(false, Duration.ofMinutes(10));
        } catch (InterruptedException ex) {
            throw new IllegalStateException(ex);
        }
    }

    private static Set<String> booksOf(List<Map<String, Object>> completes, String host) {
        return completes.stream().filter(e -> host.equals(e.get("hostname"))).map(e -> e.get("source_id").toString())
                .collect(Collectors.toSet());
    }

    /** Distinct chunk texts of the given books in a host's ledger. */
    private static long distinctTexts(Database db, Set<String> books) {
        Ledger ledger = new Ledger();
        Set<String> out = new HashSet<>();
        for (DocumentRow r : db.inTransaction(c -> ledger.listAll(c))) {
            if (books.contains(r.key().sourceId())) {
                db.inTransaction(c -> ledger.chunks(c, r.id())).forEach(ch -> out.add(ch.textHash()));
            }
        }
        return out.size();
    }

    private static long embedded(Database db) {
        return db.inTransaction(c -> new Counters().get(c, Counters.embedded("bge-small-en-v1.5-q")));
    }
}
