package io.alexandria.events;

import static io.qdrant.client.PointIdFactory.id;
import static io.qdrant.client.VectorsFactory.namedVectors;

import io.alexandria.index.Payloads;
import io.alexandria.index.PointIds;
import io.alexandria.index.QdrantCalls;
import io.alexandria.store.DocumentKey;
import io.alexandria.store.DocumentRow;
import io.alexandria.store.Stage;
import io.alexandria.store.SyncStatus;
import io.qdrant.client.QdrantClient;
import io.qdrant.client.grpc.Points.PointStruct;
import io.qdrant.client.grpc.Points.UpsertPoints;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.UUID;

/**
 * Generates realistic event logs with {@link EventFactory} (so payloads have the real shape) for
 * several hosts, runs and documents and all five types, and loads them into a Qdrant in random
 * order. Deterministic for a seed. Also a block of events that share one timestamp, events without
 * a run, titles that need CSV quoting, and fixed histories for {@code calibre:42} and an Obsidian
 * note whose path contains ':'.
 */
public final class EventFixtures {
    /** "Now" for the generated log: every event is at most ~400 days before it. */
    public static final Instant NOW = Instant.parse("2026-02-08T12:00:00Z");
    /** Host names, the first {@code hosts} of which a log uses. */
    public static final List<String> HOSTS = List.of("BUCO", "WIN-DESK", "nas-01", "MacBook Pro", "lab-7", "ci-runner");
    /** The run whose events all share {@link #SAME_TIME}. */
    public static final String SAME_TIME_RUN = "00000000-0000-4000-8000-00000000b10c";
    /** The one timestamp of {@link #SAME_TIME_RUN}'s events. */
    public static final Instant SAME_TIME = Instant.parse("2026-02-05T09:30:00.123Z");
    /** The Obsidian note whose path has colons. */
    public static final String MEETING_NOTE = "Inbox/Meeting: 10:30.md";
    /** A title with a comma, quotes and a line break. */
    public static final String AWKWARD_TITLE = "He said \"Hi\", then\nleft";
    private static final List<String> TITLES = List.of("Great Expectations", "Moby-Dick; or, The Whale",
            "War and Peace", "The Old Man and the Sea", "Pride and Prejudice", "Der Zauberberg (Ünïcödé)",
            AWKWARD_TITLE, "A Great Many Things", "Middlemarch");
    private static final String[] MODELS = {"bge-m3", "bge-small-en-v1.5"};

    /**
     * One generated event.
     *
     * @param id      its point id
     * @param payload its payload as Qdrant stores and returns it (integers Long, floats Double)
     * @param at      its timestamp
     */
    public record Generated(String id, Map<String, Object> payload, Instant at) {
        public String type() {
            return (String) payload.get("event_type");
        }

        public String host() {
            return (String) payload.get("hostname");
        }

        public String runId() {
            return (String) payload.get("run_id");
        }

        public String source() {
            return (String) payload.get("source");
        }

        public String sourceId() {
            return (String) payload.get("source_id");
        }

        public String title() {
            return (String) payload.get("title");
        }

        public long chunks() {
            return payload.get("chunks_created") instanceof Long l ? l : 0;
        }

        public double duration() {
            return payload.get("duration_sec") instanceof Double d ? d : 0;
        }
    }

    private EventFixtures() {
    }

    /**
     * A log of {@code count} random events over {@code hosts} hosts (4 runs each), plus
     * {@code sameTime} events of {@link #SAME_TIME_RUN} at {@link #SAME_TIME}, plus the fixed
     * histories (9 events). Error events carry a stack trace when {@code stacktraces}.
     */
    public static List<Generated> generate(long seed, int count, int sameTime, int hosts, boolean stacktraces) {
        Random r = new Random(seed);
        List<Generated> out = new ArrayList<>();
        List<String> hostNames = HOSTS.subList(0, hosts);
        List<UUID> runs = new ArrayList<>();
        List<Instant> runStarts = new ArrayList<>();
        List<Long> runLengths = new ArrayList<>();
        for (int h = 0; h < hosts; h++) {
            for (int k = 0; k < 4; k++) {
                runs.add(new UUID(r.nextLong(), r.nextLong()));
                runStarts.add(NOW.minus(Duration.ofMinutes(r.nextInt(400 * 24 * 60))));
                runLengths.add(1 + (long) r.nextInt(8 * 3600 * 1000));
            }
        }
        for (int i = 0; i < count; i++) {
            int h = r.nextInt(hosts);
            UUID run = null;
            Instant at;
            if (r.nextInt(100) < 3) {
                at = NOW.minusMillis((long) r.nextInt(400 * 24 * 3600) * 1000 + r.nextInt(1000));
            } else {
                int k = h * 4 + r.nextInt(4);
                run = runs.get(k);
                at = runStarts.get(k).plusMillis((long) (r.nextDouble() * runLengths.get(k)));
            }
            out.add(event(seed, out.size(), r, new EventFactory(hostNames.get(h)), randomDocument(r), at, run,
                    pickType(r), stacktraces));
        }
        UUID block = UUID.fromString(SAME_TIME_RUN);
        for (int i = 0; i < sameTime; i++) {
            out.add(event(seed, out.size(), r, new EventFactory(hostNames.getFirst()), randomDocument(r), SAME_TIME,
                    block, i % 2 == 0 ? EventTypes.INGEST_START : EventTypes.INGEST_COMPLETE, stacktraces));
        }
        Doc gatsby = calibre(42);
        Doc meeting = new Doc(new DocumentKey("obsidian", "Vault", MEETING_NOTE), "Meeting: 10:30", MEETING_NOTE);
        Instant t = NOW.minus(Duration.ofDays(20));
        String[][] fixed = {{"0", EventTypes.INGEST_START}, {"0", EventTypes.INGEST_COMPLETE},
            {"1", EventTypes.INGEST_START}, {"1", EventTypes.INGEST_ERROR}, {"2", EventTypes.INGEST_START},
            {"2", EventTypes.INGEST_COMPLETE}, {"2", EventTypes.BOOK_DELETE}};
        for (String[] f : fixed) {
            t = t.plus(Duration.ofHours(7)).plusMillis(r.nextInt(1000));
            int h = Integer.parseInt(f[0]) % hosts;
            out.add(event(seed, out.size(), r, new EventFactory(hostNames.get(h)), gatsby, t, runs.get(h * 4), f[1],
                    stacktraces));
        }
        out.add(event(seed, out.size(), r, new EventFactory(hostNames.getFirst()), meeting, t.plusSeconds(1),
                runs.getFirst(), EventTypes.INGEST_START, stacktraces));
        out.add(event(seed, out.size(), r, new EventFactory(hostNames.getFirst()), meeting, t.plusSeconds(2),
                runs.getFirst(), EventTypes.INGEST_COMPLETE, stacktraces));
        return out;
    }

    /** The events with timestamps no other event has (the first of each timestamp kept). */
    public static List<Generated> distinctTimestamps(List<Generated> events) {
        Set<Instant> seen = new HashSet<>();
        List<Generated> out = new ArrayList<>();
        for (Generated g : events) {
            if (seen.add(g.at())) {
                out.add(g);
            }
        }
        return out;
    }

    /**
     * Creates {@code alexandria_events} with its indexes ({@link EventsCollection#ensure}) and
     * upserts the events in a shuffled order, {@code batch} per request.
     */
    public static void load(QdrantClient client, List<Generated> events, long shuffleSeed, int batch) {
        EventsCollection.ensure(client);
        List<Generated> shuffled = new ArrayList<>(events);
        Collections.shuffle(shuffled, new Random(shuffleSeed));
        for (int i = 0; i < shuffled.size(); i += batch) {
            UpsertPoints.Builder up = UpsertPoints.newBuilder().setCollectionName(EventsCollection.NAME).setWait(true);
            for (Generated g : shuffled.subList(i, Math.min(shuffled.size(), i + batch))) {
                up.addPoints(PointStruct.newBuilder().setId(id(UUID.fromString(g.id())))
                        .setVectors(namedVectors(Map.of())).putAllPayload(Payloads.toPayload(g.payload())));
            }
            QdrantCalls.await(client.upsertAsync(up.build()));
        }
    }

    private record Doc(DocumentKey key, String title, String filePath) {
    }

    private static Doc calibre(int id) {
        String title = id == 42 ? "The Great Gatsby" : TITLES.get(id % TITLES.size()) + (id % 3 == 0 ? "" : " " + id);
        return new Doc(new DocumentKey("calibre", "lib-uuid", Integer.toString(id)), title,
                "Author " + (id % 17) + "/" + title.replaceAll("\\W+", "_") + " (" + id + ")/book.epub");
    }

    private static Doc randomDocument(Random r) {
        if (r.nextInt(10) < 7) {
            return calibre(1 + r.nextInt(120));
        }
        int n = 1 + r.nextInt(40);
        String path = "Notes/Note " + n + ".md";
        return new Doc(new DocumentKey("obsidian", "Vault", path), "Note " + n, path);
    }

    private static String pickType(Random r) {
        int x = r.nextInt(100);
        return x < 35 ? EventTypes.INGEST_START : x < 70 ? EventTypes.INGEST_COMPLETE
                : x < 85 ? EventTypes.INGEST_ERROR : x < 95 ? EventTypes.BOOK_DELETE : EventTypes.COLLECTION_RECREATE;
    }

    private static Generated event(long seed, int index, Random r, EventFactory factory, Doc doc, Instant at, UUID run,
                                   String type, boolean stacktraces) {
        DocumentRow row = new DocumentRow(index, PointIds.document(doc.key()), doc.key(), "/library", doc.filePath(),
                doc.title(), "EPUB", 10, 20, "h", null, null, null, SyncStatus.PENDING, Stage.DETECTED, 0, null, null,
                null, 0, null, run, at, 0, 0, 0, at);
        Map<String, Object> docPayload = Map.of("author", "Author " + (index % 17), "language", index % 5 == 0 ? "de" : "en");
        Map<String, Object> payload = switch (type) {
            case EventTypes.INGEST_START -> factory.ingestStart(row, docPayload, at, run);
            case EventTypes.INGEST_COMPLETE -> {
                double duration = r.nextInt(4) == 0 ? r.nextInt(120) : r.nextInt(600_000) / 1000.0;
                yield factory.ingestComplete(row, docPayload, at, run, 1 + r.nextInt(400), duration, duration * 0.25,
                        duration * 0.6, duration * 0.15, MODELS[r.nextInt(2)], r.nextBoolean() ? "cuda" : "cpu");
            }
            case EventTypes.INGEST_ERROR -> factory.ingestError(row, docPayload, at, run, "ChunkingError",
                    "PDF extraction failed: invalid format #" + index + "\nsecond line", stacktraces
                            ? new IllegalStateException("broken " + index) : null);
            case EventTypes.BOOK_DELETE -> factory.bookDelete(row, docPayload, at, run, r.nextInt(100));
            default -> factory.collectionRecreate("alexandria_chunks_v" + r.nextInt(3), MODELS[r.nextInt(2)],
                    "model switch", at, run);
        };
        String id = UUID.nameUUIDFromBytes(("event-" + seed + "-" + index).getBytes(StandardCharsets.UTF_8)).toString();
        return new Generated(id, stored(payload), at);
    }

    /** A payload as Qdrant stores it and the service returns it (integers Long, floats Double). */
    public static Map<String, Object> stored(Map<String, Object> payload) {
        return Payloads.fromPayload(Payloads.toPayload(payload));
    }
}
