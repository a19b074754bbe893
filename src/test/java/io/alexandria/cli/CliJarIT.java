package io.alexandria.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.alexandria.testserver.QdrantTestServer;
import io.alexandria.testsupport.Corpus;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The packaged jar, run as a user runs it ({@code java -jar target/alexandria.jar …}), against the
 * Qdrant test server: {@code --help}, {@code sync --json} with issue #2's keys, {@code search --json},
 * one-line errors with a non-zero exit for an unreachable Qdrant and a refused API key, a key typed
 * onto the command line never echoed (output or log file), owner-only files, and {@code watch}
 * stopping on SIGTERM without a stack trace, with its run ended and no listener beyond loopback.
 */
class CliJarIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    @TempDir
    Path tmp;

    record Result(int code, String out, String err) {
    }

    private Result run(Map<String, String> env, String... args) throws IOException, InterruptedException {
        Path jar = Path.of(System.getProperty("alexandria.jar", "target/alexandria.jar"));
        assertTrue(Files.isRegularFile(jar), "package the jar first: " + jar);
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "--sun-misc-unsafe-memory-access=allow", "-jar", jar.toString()));
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd);
        pb.environment().putAll(env);
        pb.redirectOutput(tmp.resolve("out.txt").toFile());
        pb.redirectError(tmp.resolve("err.txt").toFile());
        Process p = pb.start();
        assertTrue(p.waitFor(10, TimeUnit.MINUTES), "finishes");
        return new Result(p.exitValue(), Files.readString(tmp.resolve("out.txt"), StandardCharsets.UTF_8),
                Files.readString(tmp.resolve("err.txt"), StandardCharsets.UTF_8));
    }

    private Path smallVault() throws IOException {
        Path corpus = Corpus.root().resolve("obsidian-tasks-docs");
        Path vault = tmp.resolve("Small Vault");
        if (Files.isDirectory(vault)) {
            return vault;
        }
        for (String note : List.of("Introduction.md", "Editing/Quick Search.md", "Advanced/Urgency.md")) {
            Path target = vault.resolve(note);
            Files.createDirectories(target.getParent());
            Files.copy(corpus.resolve(note), target);
        }
        return vault;
    }

    @Test
    void helpWorks() throws Exception {
        Result r = run(Map.of(), "--help");
        assertEquals(0, r.code());
        assertTrue(r.out().contains("sync") && r.out().contains("search"), r.out());
    }

    @Test
    void syncPrintsTheJsonSummaryAndSearchFindsTheNote() throws Exception {
        Path vault = smallVault();
        try (QdrantTestServer server = QdrantTestServer.start()) {
            Result r = run(Map.of(), "sync", "--vault", vault.toString(), "--qdrant", server.url(), "--json",
                    "--data-dir", tmp.resolve("data").toString());
            assertEquals(0, r.code(), r.err());
            JsonNode s = JSON.readTree(r.out());
            for (String key : List.of("documents", "indexed", "unchanged", "failed", "deleted", "chunks",
                    "chunks_embedded", "points_upserted", "points_deleted", "stage_seconds", "model", "device")) {
                assertTrue(s.has(key), "summary has " + key + ": " + r.out());
            }
            assertEquals(3, s.get("documents").asInt());
            assertEquals(3, s.get("indexed").asInt());
            assertTrue(s.get("chunks").asInt() > 0);
            assertEquals(s.get("chunks").asInt(), s.get("points_upserted").asInt());
            assertTrue(s.get("stage_seconds").has("embed"));
            assertEquals("cpu", s.get("device").asText());
            assertEquals("idle", s.get("engine").get("state").asText(), "the engine's final state: " + r.out());

            Result found = run(Map.of(), "search", "how urgent is a task", "--qdrant", server.url(), "--json",
                    "--limit", "2", "--data-dir", tmp.resolve("data").toString());
            assertEquals(0, found.code(), found.err());
            JsonNode hits = JSON.readTree(found.out());
            assertEquals(2, hits.size());
            for (String key : List.of("score", "title", "source", "source_id", "file_path", "text")) {
                assertTrue(hits.get(0).has(key), key);
            }
            assertEquals("Advanced/Urgency.md", hits.get(0).get("source_id").asText());

            Result again = run(Map.of(), "sync", "--vault", vault.toString(), "--qdrant", server.url(), "--json",
                    "--data-dir", tmp.resolve("data").toString());
            JsonNode s2 = JSON.readTree(again.out());
            assertEquals(0, s2.get("chunks_embedded").asInt());
            assertEquals(3, s2.get("unchanged").asInt());
        }
    }

    @Test
    void anUnreachableQdrantIsOneLineAndNothingIsSynced() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        Result r = run(Map.of(), "sync", "--vault", smallVault().toString(), "--qdrant", "http://127.0.0.1:" + port,
                "--data-dir", tmp.resolve("data").toString());
        assertEquals(1, r.code());
        assertTrue(r.err().strip().lines().count() == 1 && r.err().contains("Qdrant unreachable"), r.err());
        assertFalse(Files.exists(tmp.resolve("data/alexandria.mv.db")) && r.out().contains("indexed"));
    }

    @Test
    void aRefusedApiKeyIsOneLineAndTheKeyIsNeverPrinted() throws Exception {
        try (QdrantTestServer server = QdrantTestServer.start(0, "right-key")) {
            Result r = run(Map.of("QDRANT_KEY", "wrong-key-123"), "sync", "--vault", smallVault().toString(),
                    "--qdrant", server.url(), "--api-key-env", "QDRANT_KEY", "--data-dir", tmp.resolve("d").toString());
            assertEquals(1, r.code());
            assertTrue(r.err().contains("refused the API key"), r.err());
            assertFalse((r.out() + r.err()).contains("wrong-key-123"));
            Result unset = run(Map.of(), "sync", "--vault", smallVault().toString(), "--qdrant", server.url(),
                    "--api-key-env", "NOT_SET_ANYWHERE", "--data-dir", tmp.resolve("d").toString());
            assertEquals(1, unset.code());
            assertTrue(unset.err().contains("NOT_SET_ANYWHERE"), unset.err());
        }
    }

    @Test
    void aKeyTypedOnTheCommandLineIsNeverEchoedNorLogged() throws Exception {
        String key = "s3cr3t-Key_9f8e7d";
        Path data = tmp.resolve("keyless");
        List<List<String>> invocations = List.of(
                List.of("sync", "--api-key", key),
                List.of("sync", "--api-key=" + key),
                List.of("sync", "--qdrant", "https://user:" + key + "@nas.local:6334"),
                List.of("sync", "--api-key-env", key),
                List.of("search", "--qdrant", key, "text"),
                List.of("health", "--limit", key));
        for (List<String> invocation : invocations) {
            List<String> args = new ArrayList<>(invocation);
            args.addAll(List.of("--data-dir", data.toString()));
            Result r = run(Map.of(), args.toArray(String[]::new));
            assertTrue(r.code() != 0 && !r.err().isBlank(), invocation + ": " + r);
            assertFalse((r.out() + r.err()).contains(key) || (r.out() + r.err()).contains("9f8e7d"), r.toString());
        }
        if (Files.isDirectory(data.resolve("logs"))) {
            try (var logs = Files.list(data.resolve("logs"))) {
                for (Path log : logs.toList()) {
                    assertFalse(Files.readString(log).contains("9f8e7d"), "the key is not in " + log);
                }
            }
        }
    }

    @Test
    void theDataFolderDatabaseAndLogsAreOwnerOnlyAfterASync() throws Exception {
        org.junit.jupiter.api.Assumptions.assumeTrue(io.alexandria.config.OwnerOnly.posix(), "POSIX permissions");
        Path data = tmp.resolve("modes");
        try (QdrantTestServer server = QdrantTestServer.start()) {
            Result r = run(Map.of(), "sync", "--vault", smallVault().toString(), "--qdrant", server.url(),
                    "--data-dir", data.toString());
            assertEquals(0, r.code(), r.err());
        }
        assertEquals("rwx------", mode(data));
        assertEquals("rwx------", mode(data.resolve("logs")));
        assertEquals("rw-------", mode(data.resolve("alexandria.mv.db")));
        assertEquals("rw-------", mode(data.resolve("logs/alexandria.log")));
    }

    private static String mode(Path p) throws IOException {
        return java.nio.file.attribute.PosixFilePermissions.toString(Files.getPosixFilePermissions(p));
    }

    @Test
    void watchStopsCleanlyOnSigtermAndLeavesNothingToRedo() throws Exception {
        Path vault = smallVault();
        try (QdrantTestServer server = QdrantTestServer.start()) {
            Path jar = Path.of(System.getProperty("alexandria.jar", "target/alexandria.jar"));
            ProcessBuilder pb = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "--sun-misc-unsafe-memory-access=allow", "-jar", jar.toString(), "watch", "--vault",
                    vault.toString(), "--qdrant", server.url(), "--json", "--data-dir", tmp.resolve("w").toString());
            pb.redirectOutput(tmp.resolve("watch.out").toFile());
            pb.redirectError(tmp.resolve("watch.err").toFile());
            Process watch = pb.start();
            org.awaitility.Awaitility.await().atMost(java.time.Duration.ofMinutes(3)).until(() ->
                    Files.readString(tmp.resolve("watch.out")).lines().filter(l -> l.contains("\"indexed\"")).count() == 3);
            if (io.alexandria.testsupport.ListeningSockets.supported()) {
                var listeners = io.alexandria.testsupport.ListeningSockets.of(watch.pid());
                assertFalse(listeners.isEmpty(), "H2's AUTO_SERVER listens (for the CLI next to the watch)");
                assertTrue(listeners.stream().allMatch(io.alexandria.testsupport.ListeningSockets.Listener::loopback),
                        "the watch listens on loopback only: " + listeners);
            }
            Files.writeString(vault.resolve("Added later.md"), "# Added\n\nA note written while watching.\n");
            org.awaitility.Awaitility.await().atMost(java.time.Duration.ofMinutes(1)).until(() ->
                    Files.readString(tmp.resolve("watch.out")).contains("Added later.md"));
            watch.destroy(); // SIGTERM
            assertTrue(watch.waitFor(1, TimeUnit.MINUTES), "watch stops on SIGTERM");
            String stderr = Files.readString(tmp.resolve("watch.err"));
            assertFalse(stderr.contains("Exception") || stderr.contains("\tat "), "no stack trace: " + stderr);
            assertEquals(0, watch.exitValue(), stderr);
            try (io.alexandria.store.Database db = io.alexandria.store.Database.open(tmp.resolve("w"))) {
                long open = db.inTransaction(c -> {
                    try (var rs = c.createStatement().executeQuery(
                            "SELECT COUNT(*) FROM sync_runs WHERE kind = 'watch' AND ended_at IS NULL")) {
                        rs.next();
                        return rs.getLong(1);
                    }
                });
                assertEquals(0, open, "the watch's run is ended in the ledger");
            }
            Result after = run(Map.of(), "sync", "--vault", vault.toString(), "--qdrant", server.url(), "--json",
                    "--data-dir", tmp.resolve("w").toString());
            assertEquals(0, after.code(), after.err());
            JsonNode s = JSON.readTree(after.out());
            assertEquals(4, s.get("unchanged").asInt(), "everything the watch saw is synced");
            assertEquals(0, s.get("chunks_embedded").asInt());
        }
    }
}
