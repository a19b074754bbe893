package io.alexandria.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.alexandria.testserver.QdrantTestServer;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * Issue 11: {@code sync --json} says which paths the scan could not follow and lists the failed
 * documents (which, and why: {@code sync.SyncFailuresTest}), and counts every document in one
 * counter.
 */
class SyncJsonTest {
    @TempDir
    Path tmp;

    @Test
    void theSummaryListsFailuresAndScanProblems() throws Exception {
        Path vault = Files.createDirectories(tmp.resolve("Listed Vault"));
        for (int i = 0; i < 4; i++) {
            Files.writeString(vault.resolve("Note " + i + ".md"), "# Note " + i + "\n\nA short note, number " + i + ".\n");
        }
        Files.createSymbolicLink(vault.resolve("dangling.md"), tmp.resolve("nowhere.md"));
        try (QdrantTestServer server = QdrantTestServer.start()) {
            JsonNode summary = syncJson(server, vault);
            assertEquals(0, summary.get("failed").asLong(), summary.toString());
            assertEquals(0, summary.get("failures").size(), "the failures are listed (none here: see SyncFailuresTest)");
            assertEquals(1, summary.get("scan_problems").size(), summary.toString());
            JsonNode problem = summary.get("scan_problems").get(0);
            assertTrue(problem.get("problem").asText().startsWith("dangling.md"), problem.toString());
            assertTrue(problem.get("source").asText().contains("Listed Vault"), problem.toString());
            assertEquals(4, summary.get("documents").asLong());
            assertEquals(summary.get("documents").asLong(), summary.get("indexed").asLong()
                    + summary.get("unchanged").asLong() + summary.get("updated").asLong() + summary.get("failed").asLong());
            assertFalse(summary.has("message") && summary.get("message").asText().contains("queued"));
        }
    }

    private JsonNode syncJson(QdrantTestServer server, Path vault) throws Exception {
        CommandLine cmd = AlexandriaCommand.commandLine();
        cmd.setErr(new PrintWriter(new StringWriter(), true));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        PrintStream old = System.out;
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
        try {
            cmd.execute("sync", "--vault", vault.toString(), "--qdrant", server.url(), "--data-dir",
                    tmp.resolve("data").toString(), "--json");
        } finally {
            System.setOut(old);
        }
        String text = out.toString(StandardCharsets.UTF_8).strip();
        return new ObjectMapper().readTree(text.substring(text.lastIndexOf("\n{") + 1));
    }
}
