package io.alexandria.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.alexandria.common.Json;
import io.alexandria.events.EventFixtures;
import io.alexandria.events.EventFixtures.Generated;
import io.alexandria.testserver.QdrantTestServer;
import io.qdrant.client.QdrantClient;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.function.Predicate;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * The {@code events}, {@code stats} and {@code book} commands run in-process against the test
 * Qdrant; output captured and checked against values computed from the generated events.
 */
class EventsCliTest {
    private static QdrantTestServer qdrant;
    private static List<Generated> events;

    @TempDir
    static Path dataDir;
    @TempDir
    Path out;

    /** What a run printed and returned. */
    record Run(int code, String out, String err) {
    }

    @BeforeAll
    static void fill() {
        qdrant = QdrantTestServer.start();
        events = EventFixtures.distinctTimestamps(EventFixtures.generate(21, 500, 0, 3, true));
        try (QdrantClient client = qdrant.newClient()) {
            EventFixtures.load(client, events, 4, 1000);
        }
    }

    @AfterAll
    static void stop() {
        qdrant.stop();
    }

    @Test
    void eventsJsonPrintsTheNewestPayloadsExactlyAsStored() throws Exception {
        Run r = run(qdrant, "events", "--json", "--limit", "5");

        assertEquals(0, r.code(), r.err());
        assertEquals("", r.err());
        assertEquals(payloads(newest(g -> true).subList(0, 5)), Json.MAPPER.readTree(r.out()));
    }

    @Test
    void eventsTypeErrorPrintsTheNewestErrorsAsATable() {
        Run r = run(qdrant, "events", "--type", "error");

        assertEquals(0, r.code(), r.err());
        List<Generated> errors = newest(g -> g.type().equals("ingest_error"));
        assertTrue(errors.size() > 20);
        List<String> lines = r.out().lines().toList();
        assertEquals("=== Recent Events (error) (showing 20) ===", lines.get(0));
        assertTrue(lines.get(1).matches("TIMESTAMP +TYPE +HOST +TITLE +DETAILS"), lines.get(1));
        for (int i = 0; i < 20; i++) {
            Generated g = errors.get(i);
            String line = lines.get(2 + i);
            assertTrue(line.startsWith(g.payload().get("timestamp") + "  ingest_error  " + g.host()), line);
            assertTrue(line.endsWith("ERROR: " + ((String) g.payload().get("error_msg")).lines().findFirst().orElseThrow()),
                    line);
        }
        assertEquals("(more events match: raise --limit or narrow the filters)", lines.get(22));
        assertEquals(23, lines.size());
    }

    @Test
    void completesShowChunksDurationAndModel() {
        Run r = run(qdrant, "events", "--type", "complete", "--limit", "3");
        Generated g = newest(e -> e.type().equals("ingest_complete")).getFirst();
        String line = r.out().lines().toList().get(2);
        assertTrue(line.endsWith(String.format(Locale.ROOT, "Chunks: %d | Duration: %.1fs | Model: %s", g.chunks(),
                g.duration(), g.payload().get("model"))), line);
    }

    @Test
    void eventsFiltersCombine() throws Exception {
        Instant since = Instant.parse("2025-06-01T00:00:00Z");
        Instant until = Instant.parse("2026-01-16T00:00:00Z");
        Run r = run(qdrant, "events", "--type", "complete,delete", "--type", "recreate", "--host", "nas-01",
                "--since", "2025-06-01", "--until", "2026-01-15", "--limit", "1000", "--json");

        assertEquals(0, r.code(), r.err());
        List<Generated> want = newest(g -> List.of("ingest_complete", "book_delete", "collection_recreate")
                .contains(g.type()) && g.host().equals("nas-01") && !g.at().isBefore(since) && g.at().isBefore(until));
        assertTrue(want.size() > 5);
        assertEquals(payloads(want), Json.MAPPER.readTree(r.out()));

        Run titled = run(qdrant, "events", "--title", "GATSBY", "--source", "calibre", "--limit", "1000", "--json");
        assertEquals(payloads(newest(g -> "The Great Gatsby".equals(g.title()))), Json.MAPPER.readTree(titled.out()));
    }

    @Test
    void statsJsonHasTheSeedKeysAndValues() throws Exception {
        Run r = run(qdrant, "stats", "--json");

        assertEquals(0, r.code(), r.err());
        JsonNode stats = Json.MAPPER.readTree(r.out());
        List<Generated> completes = events.stream().filter(g -> g.type().equals("ingest_complete")).toList();
        long chunks = completes.stream().mapToLong(Generated::chunks).sum();
        double seconds = completes.stream().mapToDouble(Generated::duration).sum();
        List<String> keys = new ArrayList<>();
        stats.fieldNames().forEachRemaining(keys::add);
        assertEquals(List.of("total_books_ingested", "total_chunks_created", "total_duration_hours",
                "avg_chunks_per_book", "by_hostname"), keys.subList(0, 5));
        assertEquals(completes.size(), stats.get("total_books_ingested").asLong());
        assertEquals(chunks, stats.get("total_chunks_created").asLong());
        assertEquals(seconds / 3600, stats.get("total_duration_hours").asDouble(), 1e-9);
        assertEquals((double) chunks / completes.size(), stats.get("avg_chunks_per_book").asDouble(), 1e-9);
        JsonNode byHost = stats.get("by_hostname");
        assertEquals(3, byHost.size());
        for (String host : List.of("BUCO", "WIN-DESK", "nas-01")) {
            List<Generated> mine = completes.stream().filter(g -> g.host().equals(host)).toList();
            assertEquals(Json.MAPPER.readTree("{\"books\":" + mine.size() + ",\"chunks\":"
                    + mine.stream().mapToLong(Generated::chunks).sum() + "}"), byHost.get(host));
            assertEquals(events.stream().filter(g -> g.host().equals(host) && g.type().equals("ingest_error")).count(),
                    stats.get("hosts").get(host).get("errors").asLong());
        }
        assertEquals(events.size(), stats.get("total_events").asLong());
    }

    @Test
    void statsPrintsTotalsAndAHostTable() {
        Run r = run(qdrant, "stats");

        long books = events.stream().filter(g -> g.type().equals("ingest_complete")).count();
        List<String> lines = r.out().lines().toList();
        assertEquals("=== Ingestion Statistics ===", lines.get(0));
        assertEquals(String.format(Locale.ROOT, "Total books ingested: %,d", books), lines.get(1));
        assertTrue(lines.get(7).startsWith("HOST"), lines.get(7));
        assertEquals(3, lines.stream().filter(l -> l.matches("(BUCO|WIN-DESK|nas-01) .*")).count());
    }

    @Test
    void bookPrintsOneDocumentsHistoryOldestFirst() throws Exception {
        Run r = run(qdrant, "book", "calibre:42", "--json");

        assertEquals(0, r.code(), r.err());
        List<Generated> want = events.stream().filter(g -> "calibre".equals(g.source()) && "42".equals(g.sourceId()))
                .sorted(Comparator.comparing(Generated::at)).toList();
        assertTrue(want.size() >= 7);
        assertEquals(payloads(want), Json.MAPPER.readTree(r.out()));

        Run note = run(qdrant, "book", "obsidian:" + EventFixtures.MEETING_NOTE, "--json");
        JsonNode notes = Json.MAPPER.readTree(note.out());
        assertEquals(2, notes.size());
        assertEquals(EventFixtures.MEETING_NOTE, notes.get(0).get("source_id").asText());

        Run human = run(qdrant, "book", "calibre:42");
        assertEquals("=== History for calibre:42 (" + want.size() + " events) ===", human.out().lines().findFirst()
                .orElseThrow());
        assertEquals("no events for calibre:424242", run(qdrant, "book", "calibre:424242").out().strip());
    }

    @Test
    void exportWritesCsvAndJsonFiles() throws Exception {
        Path csv = out.resolve("buco.csv");
        Run r = run(qdrant, "events", "--host", "BUCO", "--export", csv.toString());

        List<Generated> buco = newest(g -> g.host().equals("BUCO"));
        assertEquals(0, r.code(), r.err());
        assertEquals("Exported " + buco.size() + " events to " + csv.toAbsolutePath(), r.out().strip());
        try (CSVParser p = CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).get()
                .parse(Files.newBufferedReader(csv))) {
            List<CSVRecord> rows = p.getRecords();
            assertEquals(buco.stream().map(Generated::id).toList(), rows.stream().map(x -> x.get("event_id")).toList());
            assertEquals(buco.getFirst().payload().get("timestamp"), rows.getFirst().get("timestamp"));
        }

        Path json = out.resolve("errors.json");
        Run j = run(qdrant, "events", "--type", "error", "--limit", "7", "--export", json.toString(), "--json");
        assertEquals(Json.MAPPER.readTree("{\"exported\":7,\"file\":" + Json.write(json.toAbsolutePath().toString())
                + "}"), Json.MAPPER.readTree(j.out()));
        assertEquals(payloads(newest(g -> g.type().equals("ingest_error")).subList(0, 7)),
                Json.MAPPER.readTree(json.toFile()));
    }

    @Test
    void qdrantProblemsAreOneLine() {
        QdrantTestServer gone = QdrantTestServer.start();
        gone.stop();
        assertOneLineError(run(gone, "events"), "alexandria: Qdrant unreachable at " + gone.url() + " (UNAVAILABLE)");

        try (QdrantTestServer empty = QdrantTestServer.start()) {
            assertOneLineError(run(empty, "stats"), "alexandria: no events yet in Qdrant at " + empty.url()
                    + " (the collection alexandria_events does not exist; run sync first)");
        }
        try (QdrantTestServer locked = QdrantTestServer.start(0, "secret")) {
            assertOneLineError(run(locked, "book", "calibre:1"), "alexandria: Qdrant at " + locked.url()
                    + " refused the API key (UNAUTHENTICATED)");
        }
    }

    @Test
    void badArgumentsAreOneLine() {
        assertOneLineError(run(qdrant, "events", "--type", "bogus"), "alexandria: --type: unknown event type 'bogus' "
                + "(expected start, complete, error, delete or recreate)");
        assertOneLineError(run(qdrant, "events", "--since", "yesterday"), "alexandria: --since: cannot read "
                + "'yesterday' (expected e.g. 2026-02-08, 2026-02-08T15:45:00Z, 24h or 7d)");
        assertOneLineError(run(qdrant, "events", "--since", "2026-02-08", "--until", "2026-02-01"),
                "alexandria: --since must be before --until");
        assertOneLineError(run(qdrant, "events", "--export", out.resolve("x.txt").toString()),
                "alexandria: cannot tell the export format of " + out.resolve("x.txt")
                        + ": the file name must end in .csv or .json");
        assertOneLineError(run(qdrant, "events", "--limit", "0"), "alexandria: --limit must be positive");
        assertOneLineError(run(qdrant, "book", "calibre42"),
                "alexandria: expected SOURCE:ID, e.g. calibre:42 or obsidian:Folder/Note.md, was: calibre42");
    }

    // --- helpers

    private static void assertOneLineError(Run r, String line) {
        assertEquals(1, r.code());
        assertEquals("", r.out());
        assertEquals(line, r.err().strip());
        assertEquals(1, r.err().lines().count());
    }

    static Run run(QdrantTestServer server, String... args) {
        List<String> all = new ArrayList<>(List.of(args));
        int at = 1;
        all.addAll(at, List.of("--data-dir", dataDir.toString(), "--qdrant", server.url()));
        StringWriter o = new StringWriter();
        StringWriter e = new StringWriter();
        CommandLine cmd = AlexandriaCommand.commandLine();
        cmd.setOut(new PrintWriter(o, true));
        cmd.setErr(new PrintWriter(e, true));
        int code = cmd.execute(all.toArray(String[]::new));
        return new Run(code, o.toString(), e.toString());
    }

    private static List<Generated> newest(Predicate<Generated> keep) {
        return events.stream().filter(keep).sorted(Comparator.comparing(Generated::at).reversed()).toList();
    }

    private static JsonNode payloads(List<Generated> list) throws Exception {
        return Json.MAPPER.readTree(Json.write(list.stream().map(Generated::payload).toList()));
    }

    @Test
    void deleteOlderThanRemovesExactlyTheOldEvents() throws Exception {
        try (QdrantTestServer own = QdrantTestServer.start(); QdrantClient client = own.newClient()) {
            EventFixtures.load(client, events, 5, 1000);
            Instant cutoff = events.stream().map(g -> Instant.parse(g.payload().get("timestamp").toString()))
                    .sorted().skip(events.size() / 2).findFirst().orElseThrow();
            long older = events.stream()
                    .filter(g -> Instant.parse(g.payload().get("timestamp").toString()).isBefore(cutoff)).count();
            Run r = run(own, "events", "--delete-older-than", cutoff.toString(), "--json");
            assertEquals(0, r.code(), r.err());
            assertEquals(older, Json.MAPPER.readTree(r.out()).get("deleted").asLong());
            assertEquals(events.size() - older, new io.alexandria.events.EventService(client)
                    .count(io.alexandria.events.EventQuery.all()));
        }
    }
}
