package io.alexandria.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import io.alexandria.common.Json;
import io.alexandria.config.AppPaths;
import io.alexandria.config.Settings;
import io.alexandria.config.SettingsStore;
import io.alexandria.index.PointIds;
import io.alexandria.pipeline.PipelineStore;
import io.alexandria.store.AppState;
import io.alexandria.store.Database;
import io.alexandria.store.DocumentKey;
import io.alexandria.store.PendingChunk;
import io.alexandria.store.SourceFacts;
import io.alexandria.testsupport.Ports;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * {@code health} builds its services through the one bootstrap, so it counts the embedding queue
 * of the model search uses (the active one), not the one the settings name while a switch is
 * pending; with no engine on the data directory the engine's state is {@code stopped}. No model
 * and no Qdrant needed: the ledger is written through the pipeline store.
 */
class HealthCommandTest {
    @TempDir
    Path tmp;

    @Test
    void healthCountsTheActiveModelsQueue() throws Exception {
        AppPaths paths = new AppPaths(tmp.resolve("data"));
        new SettingsStore(paths.settingsFile()).save(Settings.defaults().withModel("settings-model"));
        try (Database db = Database.open(paths.dataDir())) {
            PipelineStore store = new PipelineStore(db, "host");
            store.putFact(AppState.ACTIVE_MODEL, "active-model");
            DocumentKey key = new DocumentKey("obsidian", "Vault", "note.md");
            long id = store.detected(key, PointIds.document(key), new SourceFacts("/v", "note.md", "Note", "MD", 10,
                    1, "h", null, null), null);
            List<PendingChunk> chunks = List.of(
                    new PendingChunk(id, 0, "t0", PointIds.chunk(PointIds.document(key), "t0", 0), 3, "a", "a",
                            List.of(), null, null),
                    new PendingChunk(id, 1, "t1", PointIds.chunk(PointIds.document(key), "t1", 0), 3, "b", "b",
                            List.of(), null, null));
            store.chunked(store.document(id).orElseThrow(), "Note", Map.of(), chunks, Instant.now(), 1);
            store.embedded("active-model", Map.of("t0", new float[] {1, 0}), Map.of());
        }
        StringWriter out = new StringWriter();
        CommandLine cmd = AlexandriaCommand.commandLine();
        cmd.setOut(new PrintWriter(out));
        cmd.setErr(new PrintWriter(new StringWriter()));
        int code = cmd.execute("health", "--json", "--data-dir", paths.dataDir().toString(), "--qdrant",
                "http://127.0.0.1:" + Ports.closedPort());
        assertEquals(3, code, "degraded: Qdrant is unreachable");
        JsonNode health = Json.MAPPER.readTree(out.toString());
        assertEquals(1, health.get("queues").get("chunks_to_embed").asInt(),
                "one text still lacks a vector of the active model (the settings' model would count two)");
        assertEquals("stopped", health.get("engine").get("state").asText());
    }
}
