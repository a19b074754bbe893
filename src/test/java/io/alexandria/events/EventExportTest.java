package io.alexandria.events;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.alexandria.common.Json;
import io.alexandria.events.EventFixtures.Generated;
import io.alexandria.testserver.QdrantTestServer;
import io.qdrant.client.QdrantClient;
import io.qdrant.client.grpc.Points.ScrollPoints;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** CSV and JSON exports, streamed page by page, checked cell by cell against the generated events. */
class EventExportTest {
    /** The CSV header, spelled out: seed 000's payload fields in the seed's order first. */
    private static final List<String> HEADER = List.of("event_type", "timestamp", "hostname", "book_id", "source",
            "source_id", "title", "author", "language", "chunks_created", "duration_sec", "chunking_sec",
            "embedding_sec", "upload_sec", "model", "device", "error_type", "error_msg", "stacktrace",
            "ingest_version", "code_commit", "run_id", "doc_id", "file_path", "chunks_deleted", "collection", "reason",
            "event_id", "other");

    private static QdrantTestServer qdrant;
    private static RecordingInterceptor recorder;
    private static QdrantClient client;
    private static EventService service;
    private static List<Generated> events;

    @TempDir
    Path dir;

    @BeforeAll
    static void fill() {
        qdrant = QdrantTestServer.start();
        recorder = new RecordingInterceptor();
        client = recorder.client(qdrant.port());
        service = new EventService(client);
        events = EventFixtures.distinctTimestamps(EventFixtures.generate(11, 2400, 0, 3, true));
        EventFixtures.load(client, events, 5, 1000);
    }

    @AfterAll
    static void stop() {
        client.close();
        qdrant.stop();
    }

    @Test
    void csvHasTheStableColumnsAndQuotesEverything() throws Exception {
        Path file = dir.resolve("sub/events.csv");
        recorder.clear();
        long n = service.export(EventQuery.all(), Long.MAX_VALUE, file);

        List<Generated> want = EventServiceTest.expected(events, g -> true, true);
        assertEquals(want.size(), n);
        assertEquals(3, recorder.of(ScrollPoints.class).size(), "pages of 1,000");
        String text = Files.readString(file, StandardCharsets.UTF_8);
        assertTrue(text.startsWith(String.join(",", HEADER) + "\r\n"));
        List<CSVRecord> rows;
        try (Reader r = Files.newBufferedReader(file);
             CSVParser p = CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).get().parse(r)) {
            assertEquals(HEADER, p.getHeaderNames());
            rows = p.getRecords();
        }
        assertEquals(want.size(), rows.size());
        boolean awkward = false;
        for (int i = 0; i < rows.size(); i++) {
            CSVRecord row = rows.get(i);
            Generated g = want.get(i);
            assertEquals(g.id(), row.get("event_id"));
            for (String column : HEADER.subList(0, HEADER.size() - 2)) {
                assertEquals(cell(g.payload().get(column)), row.get(column), column + " of " + g.id());
            }
            assertEquals("", row.get("other"));
            awkward |= EventFixtures.AWKWARD_TITLE.equals(row.get("title"));
        }
        assertTrue(awkward, "a title with a comma, quotes and a line break came back whole");
        assertTrue(rows.stream().anyMatch(r -> r.get("stacktrace").contains("\n")));
    }

    @Test
    void csvWritesNumbersPlainlyAndUnknownFieldsAsJson() throws Exception {
        assertEquals("29.0", CsvEventSink.cell(29.0));
        assertEquals("0.0001", CsvEventSink.cell(1.0E-4));
        assertEquals("12345678.9", CsvEventSink.cell(12345678.9));
        assertEquals("10000000.0", CsvEventSink.cell(1.0E7));
        assertEquals("42", CsvEventSink.cell(42L));
        assertEquals("", CsvEventSink.cell(null));
        assertEquals("[1,\"a\"]", CsvEventSink.cell(List.of(1, "a")));
        java.io.StringWriter w = new java.io.StringWriter();
        try (CsvEventSink sink = new CsvEventSink(w)) {
            Map<String, Object> p = new java.util.LinkedHashMap<>();
            p.put("zeta", "z");
            p.put("event_type", "ingest_start");
            p.put("alpha", Map.of("k", 1));
            sink.write(new EventRecord("7", p));
        }
        String[] lines = w.toString().split("\r\n");
        assertTrue(lines[1].startsWith("ingest_start,"));
        assertTrue(lines[1].endsWith(",7,\"{\"\"zeta\"\":\"\"z\"\",\"\"alpha\"\":{\"\"k\"\":1}}\""), lines[1]);
    }

    @Test
    void jsonIsTheArrayOfPayloadsExactlyAsStored() throws Exception {
        Path file = dir.resolve("errors.JSON");
        EventQuery q = EventQuery.all().withTypes(EventTypes.INGEST_ERROR, EventTypes.INGEST_COMPLETE)
                .withHostname("WIN-DESK");
        long n = service.export(q, Long.MAX_VALUE, file);

        List<Generated> want = EventServiceTest.expected(events,
                g -> g.host().equals("WIN-DESK") && (g.type().equals("ingest_error") || g.type().equals("ingest_complete")),
                true);
        assertEquals(want.size(), n);
        JsonNode array = Json.MAPPER.readTree(file.toFile());
        assertEquals(want.size(), array.size());
        for (int i = 0; i < want.size(); i++) {
            assertEquals(Json.MAPPER.readTree(Json.write(want.get(i).payload())), array.get(i));
        }
        for (JsonNode e : array) {
            if (e.get("event_type").asText().equals("ingest_complete")) {
                assertTrue(e.get("duration_sec").isDouble(), "floats stay floats, even 29.0");
                assertTrue(e.get("chunks_created").isIntegralNumber());
            }
        }
        assertEquals(List.of("event_type", "timestamp", "hostname"), fieldNames(array.get(0)).subList(0, 3));
    }

    @Test
    void exportsHonourTheLimitAndRefuseOtherExtensions() throws Exception {
        Path file = dir.resolve("few.json");
        assertEquals(5, service.export(EventQuery.all(), 5, file));
        assertEquals(5, Json.MAPPER.readTree(file.toFile()).size());
        assertThrows(IllegalArgumentException.class, () -> service.export(EventQuery.all(), 5, dir.resolve("x.txt")));
        assertFalse(Files.exists(dir.resolve("x.txt")));
        try (var left = Files.list(dir)) {
            assertEquals(List.of(file), left.toList(), "no temporary file is left behind");
        }
    }

    @Test
    void anEmptyResultIsAHeaderOrAnEmptyArray() throws Exception {
        EventQuery none = EventQuery.all().withHostname("nobody");
        Path csv = dir.resolve("none.csv");
        Path json = dir.resolve("none.json");
        assertEquals(0, service.export(none, Long.MAX_VALUE, csv));
        assertEquals(0, service.export(none, Long.MAX_VALUE, json));
        assertEquals(String.join(",", HEADER) + "\r\n", Files.readString(csv));
        assertEquals(0, Json.MAPPER.readTree(json.toFile()).size());
    }

    private static List<String> fieldNames(JsonNode node) {
        List<String> out = new ArrayList<>();
        node.fieldNames().forEachRemaining(out::add);
        return out;
    }

    /** The expected cell, written independently of the exporter. */
    private static String cell(Object v) {
        if (v == null) {
            return "";
        }
        String s = v.toString();
        assertFalse(v instanceof Double && s.contains("E"), "the generated floats need no exponent");
        return s;
    }

    static Map<String, Generated> byId(List<Generated> events) {
        Map<String, Generated> out = new HashMap<>();
        events.forEach(g -> out.put(g.id(), g));
        return out;
    }
}
