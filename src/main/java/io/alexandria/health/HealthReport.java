package io.alexandria.health;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Sync health of a data directory: the {@code health --json} object of {@code docs/architecture.md}.
 *
 * @param total            documents that should be in Qdrant (all but deleted)
 * @param synced           documents in Qdrant as the ledger says
 * @param pending          documents never indexed yet
 * @param stale            documents changed since indexed, re-sync queued
 * @param failed           documents whose last attempt failed
 * @param deleted          documents removed from their source
 * @param orphans          points whose document is gone, found by the last verify (-1: never verified)
 * @param syncPercentage   synced / total x 100 (100 when total is 0)
 * @param health           {@code healthy} (sync ≥ 95 %, Qdrant reachable, no alarm) or {@code degraded}
 * @param qdrantReachable  Qdrant answered and accepted the key
 * @param qdrantLatencyMs  round trip of the probe, ms (-1 when unreachable)
 * @param qdrantMessage    the probe's one-line verdict
 * @param outboxDepth      events waiting to be published
 * @param oldestPending    age of the oldest document with work waiting, or null
 * @param lastSync         ISO-8601 instant of the last complete sync, or null
 * @param alarms           mass-deletion guard alarms (deletions held), one line each
 * @param lastVerify       ISO-8601 instant of the last verify, or null
 * @param queues           work waiting per pipeline stage ({@code docs/architecture.md}, "Pipeline
 *                         stages and transitions"): {@code detected}, {@code chunks_to_embed},
 *                         {@code embedded}, {@code payload}, {@code deleting} (documents or chunks),
 *                         {@code events}
 * @param engine           the state of the engine syncing this data directory, as it last
 *                         changed ({@link EngineStatus#stopped()} when no engine runs)
 * @param otherHostsPoints points of sources this host does not sync (other hosts' data, never
 *                         touched; {@code docs/architecture.md}, "Ownership"), -1 when unknown
 * @param scanProblems     paths the last scans could not read or follow, one line each
 *                         ({@code source: path: reason})
 * @param eventsParked     events Qdrant rejected {@link io.alexandria.events.EventPublisher#MAX_ATTEMPTS}
 *                         times or more (still queued, retried hourly)
 * @param lastRestore      the last time the index was found missing or emptied and restored (one
 *                         line), or null
 */
public record HealthReport(int total, int synced, int pending, int stale, int failed, int deleted, long orphans,
                           double syncPercentage, String health, boolean qdrantReachable, long qdrantLatencyMs,
                           String qdrantMessage, int outboxDepth, Duration oldestPending, String lastSync,
                           List<String> alarms, String lastVerify, Map<String, Integer> queues, EngineStatus engine,
                           long otherHostsPoints, List<String> scanProblems, int eventsParked, String lastRestore) {
    /** Sync percentage from which health is {@code healthy}. */
    public static final double HEALTHY_PERCENTAGE = 95.0;

    public HealthReport {
        alarms = List.copyOf(alarms);
        queues = Map.copyOf(queues);
        engine = engine == null ? EngineStatus.stopped() : engine;
        scanProblems = scanProblems == null ? List.of() : List.copyOf(scanProblems);
    }

    /** A report without the ownership, scan-problem, parked-event and restore figures. */
    public HealthReport(int total, int synced, int pending, int stale, int failed, int deleted, long orphans,
                        double syncPercentage, String health, boolean qdrantReachable, long qdrantLatencyMs,
                        String qdrantMessage, int outboxDepth, Duration oldestPending, String lastSync,
                        List<String> alarms, String lastVerify, Map<String, Integer> queues, EngineStatus engine) {
        this(total, synced, pending, stale, failed, deleted, orphans, syncPercentage, health, qdrantReachable,
                qdrantLatencyMs, qdrantMessage, outboxDepth, oldestPending, lastSync, alarms, lastVerify, queues, engine,
                -1, List.of(), 0, null);
    }

    /** A report without the engine's state (no engine known: {@code stopped}). */
    public HealthReport(int total, int synced, int pending, int stale, int failed, int deleted, long orphans,
                        double syncPercentage, String health, boolean qdrantReachable, long qdrantLatencyMs,
                        String qdrantMessage, int outboxDepth, Duration oldestPending, String lastSync,
                        List<String> alarms, String lastVerify, Map<String, Integer> queues) {
        this(total, synced, pending, stale, failed, deleted, orphans, syncPercentage, health, qdrantReachable,
                qdrantLatencyMs, qdrantMessage, outboxDepth, oldestPending, lastSync, alarms, lastVerify, queues, null);
    }

    /** True when healthy. */
    public boolean healthy() {
        return "healthy".equals(health);
    }

    /**
     * The {@code health --json} object: {@code total}, {@code synced}, {@code pending},
     * {@code stale}, {@code failed}, {@code deleted}, {@code orphans}, {@code sync_percentage},
     * {@code health}, {@code qdrant_reachable}, {@code outbox_depth}, {@code last_sync}, then extra
     * figures ({@code other_hosts_points}, {@code scan_problems}, {@code events_parked},
     * {@code last_restore} among them), and {@code engine}: the engine's {@code state},
     * {@code reason}, {@code since} and {@code hostname} ({@link EngineStatus#toJson()}).
     */
    public Map<String, Object> toJson() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("total", total);
        m.put("synced", synced);
        m.put("pending", pending);
        m.put("stale", stale);
        m.put("failed", failed);
        m.put("deleted", deleted);
        m.put("orphans", orphans);
        m.put("sync_percentage", Math.round(syncPercentage * 100) / 100.0);
        m.put("health", health);
        m.put("qdrant_reachable", qdrantReachable);
        m.put("outbox_depth", outboxDepth);
        m.put("last_sync", lastSync);
        m.put("qdrant_latency_ms", qdrantLatencyMs);
        m.put("qdrant_message", qdrantMessage);
        m.put("oldest_pending_sec", oldestPending == null ? null : oldestPending.toSeconds());
        m.put("alarms", alarms);
        m.put("last_verify", lastVerify);
        m.put("queues", new java.util.TreeMap<>(queues));
        m.put("other_hosts_points", otherHostsPoints);
        m.put("scan_problems", scanProblems);
        m.put("events_parked", eventsParked);
        m.put("last_restore", lastRestore);
        m.put("engine", engine.toJson());
        return m;
    }
}
