package io.alexandria.health;

import io.alexandria.common.Json;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The state of the engine syncing a data directory, as the engine last recorded it in the ledger
 * ({@code app_state.engine_state}; the states are described in {@code docs/architecture.md},
 * "Engine states"): what {@code alexandria health --json} reports under {@code engine}, also from
 * another process than the engine's.
 *
 * @param state    {@code idle}, {@code scanning}, {@code syncing}, {@code paused},
 *                 {@code waiting_for_index}, {@code error} or {@code stopped}
 * @param reason   why, in one line, or null
 * @param since    ISO-8601 instant the state began, or null
 * @param hostname the host running the engine, or null
 */
public record EngineStatus(String state, String reason, String since, String hostname) {
    /** The state when no engine runs on the data directory. */
    public static EngineStatus stopped() {
        return new EngineStatus("stopped", null, null, null);
    }

    /**
     * Reads the engine's recorded state.
     *
     * @param json    the recorded JSON, or null when none was ever recorded
     * @param running whether an engine holds the data directory now; when not, the state is
     *                {@code stopped} whatever was recorded (a crashed process never closed it)
     */
    public static EngineStatus of(String json, boolean running) {
        if (json == null) {
            return stopped();
        }
        Map<String, Object> m = Json.readMap(json);
        String hostname = (String) m.get("hostname");
        if (!running) {
            return new EngineStatus("stopped", null, null, hostname);
        }
        return new EngineStatus(String.valueOf(m.getOrDefault("state", "stopped")), (String) m.get("reason"),
                (String) m.get("since"), hostname);
    }

    /** {@code state}, {@code reason}, {@code since}, {@code hostname} (the components, in order). */
    public Map<String, Object> toJson() {
        return Json.MAPPER.convertValue(this, new com.fasterxml.jackson.core.type.TypeReference<LinkedHashMap<String,
                Object>>() { });
    }
}
