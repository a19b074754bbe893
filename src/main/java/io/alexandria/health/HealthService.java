package io.alexandria.health;

import io.alexandria.common.Json;
import io.alexandria.index.QdrantEndpoint;
import io.alexandria.index.QdrantHealth;
import io.alexandria.store.AppState;
import io.alexandria.store.Database;
import io.alexandria.store.EventOutbox;
import io.alexandria.store.Ledger;
import io.alexandria.store.Stage;
import io.alexandria.store.SyncStatus;
import io.qdrant.client.QdrantClient;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/**
 * Computes {@link HealthReport}s from the ledger (counts per status, outbox, oldest waiting work,
 * last sync, alarms, the last verify's orphans, the engine's recorded state) and a live Qdrant
 * probe. Reads only; safe from any thread except the JavaFX one (it does I/O). Built by the
 * bootstrap ({@code io.alexandria.app.EngineBootstrap}) for the window and the CLI alike.
 */
public final class HealthService {
    private final Database db;
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
        this.probe = () -> QdrantHealth.check(client, endpoint);
        this.model = model;
        this.engineRunning = engineRunning;
    }

    /** A fresh report (one Qdrant round trip plus a few H2 queries). */
    public HealthReport report() {
        QdrantHealth.Result probe = this.probe.get();
        boolean running = engineRunning.getAsBoolean();
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
            return new HealthReport(total, synced, pending, stale, failed, deleted, orphans, pct,
                    healthy ? "healthy" : "degraded", probe.reachable(), probe.latencyMs(), probe.message(),
                    events, oldest, state.get(c, AppState.LAST_SYNC).orElse(null), alarms,
                    (String) verify.get("at"), queues,
                    EngineStatus.of(state.get(c, AppState.ENGINE_STATE).orElse(null), running));
        });
    }
}
