package io.alexandria.health;

import io.alexandria.common.Json;
import io.alexandria.events.EventPublisher;
import io.alexandria.events.EventsCollection;
import io.alexandria.index.ChunkIndex;
import io.alexandria.index.Ownership;
import io.alexandria.index.QdrantCalls;
import io.alexandria.index.QdrantEndpoint;
import io.alexandria.index.QdrantException;
import io.alexandria.index.QdrantHealth;
import io.alexandria.store.AppState;
import io.alexandria.store.Database;
import io.alexandria.store.EventOutbox;
import io.alexandria.store.IndexedDocument;
import io.alexandria.store.Ledger;
import io.alexandria.store.SourceIdentity;
import io.alexandria.store.Stage;
import io.alexandria.store.SyncStatus;
import io.qdrant.client.QdrantClient;
import io.qdrant.client.grpc.Collections.AliasDescription;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/**
 * Computes {@link HealthReport}s from the ledger (counts per status, outbox, oldest waiting work,
 * last sync, alarms, the last verify's orphans, the engine's recorded state, scan problems, the
 * last restore of the index) and a live look at Qdrant: reachable, the search alias and its
 * collection and the events collection present (a missing one is an alarm once this host has
 * indexed something), and the points of sources this host does not sync ({@code docs/architecture.md},
 * "Ownership"). Reads only; safe from any thread except the JavaFX one (it does I/O). Built by the
 * bootstrap ({@code io.alexandria.app.EngineBootstrap}) for the window and the CLI alike.
 */
public final class HealthService {
    private final Database db;
    private final QdrantClient client;
    /** One live probe of Qdrant. */
    private final Supplier<QdrantHealth.Result> probe;
    private final Ledger ledger = new Ledger();
    private final AppState state = new AppState();
    private final EventOutbox outbox = new EventOutbox();

    private final String model;
    private final BooleanSupplier engineRunning;

    /**
     * @param model         the id of the model in use (the active one), whose embedding queue is reported
     * @param engineRunning whether an engine syncs this data directory now (else its state is {@code stopped})
     */
    public HealthService(Database db, QdrantClient client, QdrantEndpoint endpoint, String model,
                         BooleanSupplier engineRunning) {
        this.db = db;
        this.client = client;
        this.probe = () -> QdrantHealth.check(client, endpoint);
        this.model = model;
        this.engineRunning = engineRunning;
    }

    /** What the live look at the index found. */
    private record IndexLook(List<String> missing, long otherPoints) {
    }

    /** A fresh report (a few Qdrant round trips plus a few H2 queries). */
    public HealthReport report() {
        QdrantHealth.Result probe = this.probe.get();
        boolean running = engineRunning.getAsBoolean();
        List<SourceIdentity> identities = db.inTransaction(c -> identities(c));
        List<IndexedDocument> indexed = db.inTransaction(ledger::indexedDocuments);
        boolean published = db.inTransaction(outbox::publishedCount) > 0;
        IndexLook look = probe.reachable() ? look(identities, indexed, published) : new IndexLook(List.of(), -1);
        return db.inTransaction(c -> {
            Map<SyncStatus, Integer> counts = ledger.statusCounts(c);
            int synced = counts.get(SyncStatus.SYNCED);
            int pending = counts.get(SyncStatus.PENDING);
            int stale = counts.get(SyncStatus.STALE);
            int failed = counts.get(SyncStatus.FAILED);
            int deleted = counts.get(SyncStatus.DELETED);
            int total = synced + pending + stale + failed;
            double pct = total == 0 ? 100.0 : synced * 100.0 / total;
            List<String> alarms = new ArrayList<>();
            for (String json : state.withPrefix(c, AppState.DELETE_ALARM).values()) {
                alarms.add(String.valueOf(Json.readMap(json).get("message")));
            }
            alarms.addAll(look.missing());
            long[] restoring = ledger.restoringCounts(c);
            Map<String, Object> restored = Json.readMap(state.get(c, AppState.INDEX_RESTORED).orElse(null));
            String lastRestore = restored.isEmpty() ? null : restored.get("at") + ": " + restored.get("message");
            if (restoring[0] > 0) {
                alarms.add("the index was missing or emptied — " + restoring[0] + " documents still being restored");
            }
            Map<String, Object> verify = Json.readMap(state.get(c, Verifier.LAST_VERIFY).orElse(null));
            long orphans = verify.get("orphan_points") instanceof Number n ? n.longValue() : -1;
            Duration oldest = ledger.oldestWaiting(c).map(t -> Duration.between(t, Instant.now())).orElse(null);
            boolean healthy = pct >= HealthReport.HEALTHY_PERCENTAGE && probe.reachable() && alarms.isEmpty();
            Map<Stage, Integer> stages = ledger.stageCounts(c);
            Map<String, Integer> queues = new LinkedHashMap<>();
            queues.put("detected", stages.get(Stage.DETECTED));
            queues.put("chunks_to_embed", ledger.chunksAwaitingEmbedding(c, model));
            queues.put("embedded", stages.get(Stage.EMBEDDED));
            queues.put("payload", stages.get(Stage.PAYLOAD));
            queues.put("deleting", stages.get(Stage.DELETING));
            int events = outbox.depth(c);
            queues.put("events", events);
            List<String> problems = new ArrayList<>();
            for (String json : state.withPrefix(c, AppState.SCAN_PROBLEMS).values()) {
                Map<String, Object> m = Json.readMap(json);
                if (m.get("problems") instanceof List<?> list) {
                    list.forEach(p -> problems.add(m.get("source") + ": " + p));
                }
            }
            return new HealthReport(total, synced, pending, stale, failed, deleted, orphans, pct,
                    healthy ? "healthy" : "degraded", probe.reachable(), probe.latencyMs(), probe.message(),
                    events, oldest, state.get(c, AppState.LAST_SYNC).orElse(null), alarms,
                    (String) verify.get("at"), queues,
                    EngineStatus.of(state.get(c, AppState.ENGINE_STATE).orElse(null), running),
                    look.otherPoints(), problems, outbox.parked(c, EventPublisher.MAX_ATTEMPTS), lastRestore);
        });
    }

    /** The identities of this host's sources, as its scans recorded them. */
    private List<SourceIdentity> identities(java.sql.Connection c) throws java.sql.SQLException {
        List<SourceIdentity> out = new ArrayList<>();
        for (String json : state.withPrefix(c, AppState.SOURCE_IDENTITY).values()) {
            Map<String, Object> m = Json.readMap(json);
            out.add(new SourceIdentity(String.valueOf(m.get("source")), String.valueOf(m.get("scope")),
                    String.valueOf(m.get("field")), String.valueOf(m.get("value"))));
        }
        return out;
    }

    /**
     * The search alias, its collection and the events collection present (once this host has put
     * something there), and the points of sources this host does not sync: the points matching
     * none of its identities, less its own points of sources without one (dropped files).
     */
    private IndexLook look(List<SourceIdentity> identities, List<IndexedDocument> indexed, boolean published) {
        List<String> missing = new ArrayList<>();
        long others = -1;
        try {
            List<String> names = QdrantCalls.await(client.listCollectionsAsync());
            List<AliasDescription> aliases = QdrantCalls.await(client.listAliasesAsync());
            String target = aliases.stream().filter(a -> a.getAliasName().equals(ChunkIndex.ALIAS))
                    .map(AliasDescription::getCollectionName).findFirst().orElse(null);
            boolean chunks = target != null && names.contains(target);
            if (!chunks && !indexed.isEmpty()) {
                missing.add("the index is missing in Qdrant (" + (target == null ? "no " + ChunkIndex.ALIAS + " alias"
                        : "the collection " + target + " does not exist") + ") — the engine re-creates it and "
                        + "restores " + indexed.size() + " documents from the ledger");
            }
            if (!names.contains(EventsCollection.NAME) && published) {
                missing.add("the events collection " + EventsCollection.NAME + " is missing in Qdrant — each host "
                        + "re-fills it with its own events");
            }
            if (chunks) {
                Set<String> keyed = new HashSet<>();
                identities.forEach(i -> keyed.add(i.key()));
                long unkeyed = indexed.stream().filter(d -> !keyed.contains(d.source() + ":" + d.scope()))
                        .mapToLong(IndexedDocument::chunkCount).sum();
                long notMine = QdrantCalls.await(client.countAsync(ChunkIndex.ALIAS, Ownership.noneOf(identities),
                        true));
                others = Math.max(0, notMine - unkeyed);
            }
        } catch (QdrantException e) {
            others = -1;
        }
        return new IndexLook(missing, others);
    }
}
