package io.alexandria.cli;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.alexandria.app.Assembly;
import io.alexandria.app.EngineBootstrap;
import io.alexandria.common.Json;
import io.alexandria.config.AppPaths;
import io.alexandria.config.Settings;
import io.alexandria.config.SettingsStore;
import io.alexandria.index.QdrantEndpoint;
import io.alexandria.sync.EngineProgress;
import io.alexandria.sync.SyncEngine;
import io.alexandria.testserver.QdrantTestServer;
import io.alexandria.testsupport.Corpus;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * Issue 13: the engine's pushed state and {@code alexandria health --json} — a separate reader of
 * the same data directory, as another process would be — report the same state, reason and start
 * time: idle after a sync, paused, waiting for the index while Qdrant is down, and stopped once
 * the engine has closed. The engine comes from the one bootstrap, with the real model.
 */
class EngineStateReportTest {
    @TempDir
    Path tmp;

    private JsonNode healthJson(Path data, String url) throws Exception {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cmd = AlexandriaCommand.commandLine();
        cmd.setOut(new PrintWriter(out));
        cmd.setErr(new PrintWriter(err));
        int code = cmd.execute("health", "--json", "--data-dir", data.toString(), "--qdrant", url);
        assertTrue(code == 0 || code == 3, code + ": " + err);
        return Json.MAPPER.readTree(out.toString()).get("engine");
    }

    private static void assertSameState(EngineProgress pushed, JsonNode reported) {
        assertEquals(pushed.state().key(), reported.get("state").asText(), reported.toString());
        assertEquals(pushed.reason() == null ? "null" : pushed.reason(), reported.get("reason").asText(),
                reported.toString());
        assertEquals(pushed.since().toString(), reported.get("since").asText(), reported.toString());
    }

    @Test
    void theListenerAndHealthJsonReportTheSameState() throws Exception {
        Path vault = Corpus.copyNotes(tmp.resolve("Reported Vault"), 3);
        Path data = tmp.resolve("data");
        QdrantTestServer server = QdrantTestServer.start();
        String url = server.url();
        Settings settings = Settings.defaults().withVaultPath(vault.toString()).withQdrantUrl(url);
        AppPaths paths = new AppPaths(data);
        new SettingsStore(paths.settingsFile()).save(settings);
        List<EngineProgress> pushed = new CopyOnWriteArrayList<>();
        try (Assembly assembly = EngineBootstrap.open(paths, settings, QdrantEndpoint.parse(url, null), "state-host")) {
            SyncEngine engine = assembly.engine();
            assembly.sources().configured().forEach(engine::addSource);
            engine.state().addListener(pushed::add);
            engine.start("sync");
            assertTrue(engine.syncNow(false, Duration.ofMinutes(5)).complete());
            await().atMost(Duration.ofSeconds(10)).until(() -> pushed.getLast().state() == EngineProgress.State.IDLE);
            JsonNode idle = healthJson(data, url);
            assertSameState(pushed.getLast(), idle);
            assertEquals("state-host", idle.get("hostname").asText());

            engine.pause();
            await().atMost(Duration.ofSeconds(10)).until(() -> pushed.getLast().state() == EngineProgress.State.PAUSED);
            assertSameState(pushed.getLast(), healthJson(data, url));

            server.stop();
            engine.resume();
            Path note;
            try (Stream<Path> notes = Files.walk(vault)) {
                note = notes.filter(p -> p.toString().endsWith(".md")).findFirst().orElseThrow();
            }
            Files.writeString(note, "\n\nAn edit while Qdrant is away.\n", StandardOpenOption.APPEND);
            engine.scanOnly(false);
            await().atMost(Duration.ofMinutes(2))
                    .until(() -> pushed.getLast().state() == EngineProgress.State.WAITING_FOR_INDEX);
            EngineProgress waiting = pushed.getLast();
            assertTrue(waiting.reason().contains("UNAVAILABLE"), waiting.reason());
            // each stage meets the outage in its own time: once they all have, the state holds still
            await().atMost(Duration.ofMinutes(1)).untilAsserted(() -> assertSameState(pushed.getLast(),
                    healthJson(data, url)));
            assertEquals(EngineProgress.State.WAITING_FOR_INDEX, pushed.getLast().state());
        } finally {
            server.stop();
        }
        assertEquals(EngineProgress.State.STOPPED, pushed.getLast().state());
        assertEquals("stopped", healthJson(data, url).get("state").asText(), "no engine holds the data directory");
    }
}
