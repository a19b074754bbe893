package io.alexandria.sync;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.alexandria.chunking.Chunker;
import io.alexandria.chunking.ChunkingOptions;
import io.alexandria.events.EventTypes;
import io.alexandria.extraction.markdown.NoteParser;
import io.alexandria.store.Counters;
import io.alexandria.store.Database;
import io.alexandria.store.DocumentRow;
import io.alexandria.store.EmbeddingCache;
import io.alexandria.store.Ledger;
import io.alexandria.store.SyncStatus;
import io.alexandria.testserver.QdrantTestServer;
import io.alexandria.testsupport.Corpus;
import io.alexandria.testsupport.QdrantProbe;
import io.alexandria.testsupport.TestModels;
import io.qdrant.client.QdrantClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issues #4 and 11 (fault suite): the syncing process killed abruptly ({@code kill -9} of a child
 * JVM running {@code alexandria sync}) again and again — 8 times in the default suite, 20 in the
 * slow variant — at the moments that matter, and restarted: every point arrives (0 lost), none
 * twice (0 duplicated), ledger and Qdrant agree, events are complete and single, and no committed
 * vector is computed twice (0 re-embedded).
 */
class CrashRecoveryTest {
    private static final String MODEL = "bge-small-en-v1.5-q";
    @TempDir
    Path tmp;

    /** Default suite: 8 kills (issue 11 asks for 20: see the slow variant). */
    @Test
    void killedEightTimesTheSyncStillEndsExactlyRight() throws Exception {
        killedRepeatedly(8);
    }

    /** Issue 11's full count: 20 kills of the syncing child. */
    @Test
    @Tag("slow")
    void killedTwentyTimesTheSyncStillEndsExactlyRight() throws Exception {
        killedRepeatedly(20);
    }

    private void killedRepeatedly(int kills) throws Exception {
        Path vault = Corpus.copyNotes(tmp.resolve("Crash Vault"), 25);
        long expected = expectedChunks(vault);
        Path data = tmp.resolve("data");
        try (QdrantTestServer server = QdrantTestServer.start(); QdrantClient client = server.newClient()) {
            QdrantProbe probe = new QdrantProbe(client);
            List<String> killedAt = new ArrayList<>();
            int killed = 0;
            for (int i = 0; i < kills; i++) {
                long p0 = points(probe);
                Process p = start(vault, data, server.url());
                Moment moment = moment(i, p0, expected);
                long t0 = System.nanoTime();
                await().atMost(Duration.ofMinutes(5)).pollInterval(Duration.ofMillis(25)).until(() ->
                        !p.isAlive() || moment.reached((System.nanoTime() - t0) / 1e9, points(probe)));
                if (p.isAlive()) {
                    p.destroyForcibly(); // SIGKILL on Linux: kill -9
                    killed++;
                    killedAt.add("kill " + (i + 1) + " at " + points(probe) + "/" + expected + " points");
                } else {
                    killedAt.add("run " + (i + 1) + " ended by itself with " + p.exitValue());
                }
                assertTrue(p.waitFor(1, TimeUnit.MINUTES));
            }
            Process last = start(vault, data, server.url());
            assertTrue(last.waitFor(10, TimeUnit.MINUTES));
            String out = Files.readString(tmp.resolve("out.txt"));
            assertEquals(0, last.exitValue(), out + Files.readString(tmp.resolve("err.txt")));
            JsonNode summary = new ObjectMapper().readTree(out);
            assertTrue(summary.get("complete").asBoolean());
            System.out.println("crash recovery: " + killed + " of " + kills + " runs killed with SIGKILL " + killedAt
                    + "; final run " + summary);

            try (Database db = Database.open(data)) {
                Ledger ledger = new Ledger();
                List<DocumentRow> rows = db.inTransaction(c -> ledger.listAll(c));
                assertEquals(25, rows.size());
                assertTrue(rows.stream().allMatch(r -> r.status() == SyncStatus.SYNCED), "every note synced");
                long ledgerChunks = db.inTransaction(c -> ledger.chunkRowCount(c));
                assertEquals(expected, ledgerChunks, "the ledger holds every chunk");
                List<Map<String, Object>> points = probe.chunks();
                assertEquals(ledgerChunks, points.size(), "every point arrived, ledger and Qdrant agree");
                Set<String> seen = new HashSet<>();
                for (Map<String, Object> pt : points) {
                    assertTrue(seen.add(pt.get("doc_id") + "#" + pt.get("chunk_ordinal")), "no chunk twice");
                }
                long embedded = db.inTransaction(c -> new Counters().get(c, Counters.embedded(MODEL)));
                long cached = db.inTransaction(c -> new EmbeddingCache().count(c, MODEL));
                assertEquals(cached, embedded, "no committed vector was computed twice");
            }
            Map<String, Long> completes = probe.events(EventTypes.INGEST_COMPLETE).stream()
                    .collect(Collectors.groupingBy(e -> e.get("source_id").toString(), Collectors.counting()));
            assertEquals(25, completes.size(), "events complete");
            assertTrue(completes.values().stream().allMatch(n -> n == 1), "one ingest_complete per note");
            Map<String, Long> starts = probe.events(EventTypes.INGEST_START).stream()
                    .collect(Collectors.groupingBy(e -> e.get("source_id").toString(), Collectors.counting()));
            assertEquals(25, starts.size());
            assertTrue(starts.values().stream().allMatch(n -> n == 1), "one ingest_start per note");
        }
    }

    /**
     * When to kill the {@code i}-th child, cycling through the moments that matter: while it
     * starts, extracts and embeds; right after an upsert; a third of the way; with every point up
     * and commits or events pending.
     */
    private static Moment moment(int i, long atLaunch, long expected) {
        long left = Math.max(1, expected - atLaunch);
        return switch (i % 4) {
            case 0 -> (seconds, points) -> seconds >= 3 + i % 3;
            case 1 -> (seconds, points) -> points > atLaunch || seconds >= 20;
            case 2 -> (seconds, points) -> points >= atLaunch + Math.max(1, left / 3) || seconds >= 20;
            default -> (seconds, points) -> points >= expected || seconds >= 20;
        };
    }

    /** When to kill the child: after some seconds and/or once some points are in Qdrant. */
    @FunctionalInterface
    private interface Moment {
        boolean reached(double seconds, long points);
    }

    private static long points(QdrantProbe probe) {
        try {
            return probe.chunkCount();
        } catch (RuntimeException notYet) {
            return 0;
        }
    }

    private Process start(Path vault, Path data, String url) throws Exception {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "--enable-native-access=ALL-UNNAMED", "--sun-misc-unsafe-memory-access=allow", "-Xmx1g",
                "-Dai.djl.offline=true", "-Dalexandria.log.dir=" + tmp.resolve("logs"),
                "-cp", System.getProperty("java.class.path"), "io.alexandria.Launcher",
                "sync", "--vault", vault.toString(), "--qdrant", url, "--data-dir", data.toString(), "--json",
                "--hostname", "crash-host"));
        ProcessBuilder pb = new ProcessBuilder(cmd);
        pb.redirectOutput(tmp.resolve("out.txt").toFile());
        pb.redirectError(tmp.resolve("err.txt").toFile());
        return pb.start();
    }

    /** The chunk count computed independently of the engine: parse and chunk every note. */
    private static long expectedChunks(Path vault) throws Exception {
        Chunker chunker = new Chunker(TestModels.tokenCounter(), ChunkingOptions.defaults());
        long n = 0;
        try (Stream<Path> s = Files.walk(vault)) {
            for (Path note : s.filter(p -> p.toString().endsWith(".md")).toList()) {
                n += chunker.chunk(NoteParser.parse(Files.readString(note))).size();
            }
        }
        return n;
    }
}
