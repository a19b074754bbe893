package io.alexandria.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.alexandria.testserver.QdrantTestServer;
import io.alexandria.testsupport.Ports;
import io.alexandria.testsupport.QdrantProbe;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The packaged app's {@code --smoke} contract as the installer test runs it: {@code java … -jar
 * target/alexandria.jar --smoke --vault DIR --qdrant URL --data-dir DIR} exits 0 after syncing,
 * 1 with one line on failure. No display here, so the jar runs on the headless Monocle platform
 * (its jar added to the class path; the launcher is the same {@code io.alexandria.Launcher}).
 */
class SmokeJarIT {
    @TempDir
    Path tmp;

    record Result(int code, String out, String err) {
    }

    private Result smoke(String... args) throws Exception {
        // failsafe (mvn verify) names the freshly packaged jar; a plain test run skips rather than use a stale one
        assumeTrue(System.getProperty("alexandria.jar") != null, "runs in the integration-test phase (mvn verify)");
        Path jar = Path.of(System.getProperty("alexandria.jar"));
        assertTrue(Files.isRegularFile(jar), "package the jar first: " + jar);
        String monocle = Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
                .filter(p -> p.contains("openjfx-monocle")).findFirst().orElseThrow();
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "--sun-misc-unsafe-memory-access=allow", "--enable-native-access=ALL-UNNAMED",
                "-Dglass.platform=Monocle", "-Dmonocle.platform=Headless", "-Dprism.order=sw",
                "-Dheadless.geometry=1600x1200-32", "-Dalexandria.keyring=off",
                "-cp", jar + File.pathSeparator + monocle, "io.alexandria.Launcher"));
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd);
        pb.redirectOutput(tmp.resolve("out.txt").toFile());
        pb.redirectError(tmp.resolve("err.txt").toFile());
        Process p = pb.start();
        assertTrue(p.waitFor(6, TimeUnit.MINUTES), "finishes");
        return new Result(p.exitValue(), Files.readString(tmp.resolve("out.txt"), StandardCharsets.UTF_8),
                Files.readString(tmp.resolve("err.txt"), StandardCharsets.UTF_8));
    }

    @Test
    void smokeSyncsAVaultAndExitsZero() throws Exception {
        Path vault = UiHarness.copyNotes(tmp.resolve("Smoke Vault"), List.of("Introduction.md", "Advanced/Urgency.md"));
        try (QdrantTestServer server = QdrantTestServer.start()) {
            Result r = smoke("--smoke", "--vault", vault.toString(), "--qdrant", server.url(), "--data-dir",
                    tmp.resolve("data").toString(), "--timeout", "300");
            assertEquals(0, r.code(), r.out() + r.err());
            assertTrue(r.out().contains("alexandria: smoke ok — 2 documents: 2 indexed"), r.out());
            try (var client = server.newClient()) {
                assertTrue(new QdrantProbe(client).chunkCount() > 0);
            }
        }
    }

    @Test
    void smokeExitsOneWithOneLineWhenQdrantIsUnreachable() throws Exception {
        Path vault = UiHarness.copyNotes(tmp.resolve("Smoke Vault"), List.of("Introduction.md"));
        Result r = smoke("--smoke", "--vault", vault.toString(), "--qdrant", "http://127.0.0.1:" + Ports.closedPort(),
                "--data-dir", tmp.resolve("data").toString());
        assertEquals(1, r.code());
        List<String> lines = r.err().lines().filter(l -> l.startsWith("alexandria: smoke failed: ")).toList();
        assertEquals(1, lines.size(), r.err());
        assertTrue(lines.getFirst().contains("Qdrant unreachable"), r.err());
    }
}
