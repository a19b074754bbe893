package io.alexandria.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.alexandria.app.LaunchOptions;
import io.alexandria.testserver.QdrantTestServer;
import io.alexandria.testsupport.Ports;
import io.alexandria.testsupport.QdrantProbe;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxToolkit;

/**
 * The app's entry point, in process: without options it opens the window on the embedded defaults
 * (H2 ledger, bundled model) even when no Qdrant answers, and closing it exits 0; the
 * {@code --smoke} contract: {@code --smoke --vault DIR --qdrant URL --data-dir DIR} opens the main
 * window, syncs the vault into that Qdrant and exits 0 with a one-line summary; an unreachable
 * Qdrant or a folder that is not a vault exit 1 with a one-line reason.
 */
class AlexandriaAppTest {
    @TempDir
    Path tmp;

    @BeforeAll
    static void toolkit() throws Exception {
        FxToolkit.registerPrimaryStage();
    }

    record Run(int code, String out, String err, boolean windowShown) {
    }

    private Run smoke(String... args) throws Exception {
        CompletableFuture<Integer> exit = new CompletableFuture<>();
        LaunchOptions options = LaunchOptions.parse(List.of(args));
        PrintStream out = System.out;
        PrintStream err = System.err;
        ByteArrayOutputStream outBytes = new ByteArrayOutputStream();
        ByteArrayOutputStream errBytes = new ByteArrayOutputStream();
        AlexandriaApp app = new AlexandriaApp(options, exit::complete);
        boolean shown;
        System.setOut(new PrintStream(outBytes, true, StandardCharsets.UTF_8));
        System.setErr(new PrintStream(errBytes, true, StandardCharsets.UTF_8));
        try {
            FxToolkit.setupApplication(() -> app);
            shown = FxTestKit.onFx(() -> app.window() != null && app.window().stage().getScene() != null);
            exit.get(4, TimeUnit.MINUTES);
        } finally {
            System.setOut(out);
            System.setErr(err);
            FxToolkit.cleanupApplication(app);
        }
        return new Run(exit.get(), outBytes.toString(StandardCharsets.UTF_8), errBytes.toString(StandardCharsets.UTF_8),
                shown);
    }

    @Test
    void withoutOptionsTheWindowOpensOnTheEmbeddedDefaultsEvenWithoutQdrant() throws Exception {
        Path data = tmp.resolve("fresh-data");
        CompletableFuture<Integer> exit = new CompletableFuture<>();
        // only the data directory differs from a plain start (tests never touch the user's own)
        AlexandriaApp app = new AlexandriaApp(LaunchOptions.parse(List.of("--data-dir", data.toString())),
                exit::complete);
        try {
            FxToolkit.setupApplication(() -> app);
            FxTestKit.awaitFx(java.time.Duration.ofMinutes(2), "ready", () -> app.window().context().model()
                    .statusProperty().get().ready() && app.window().context().model().healthProperty().get() != null);
            var settings = app.session().settings();
            assertEquals(io.alexandria.config.Settings.defaults(), settings, "the embedded defaults");
            assertTrue(Files.isRegularFile(data.resolve("alexandria.mv.db")), "the H2 ledger");
            assertTrue(Files.isRegularFile(data.resolve("models/bge-small-en-v1.5-q/model.onnx")), "the bundled model");
            // nothing set up: one invitation to choose a vault or a library, whether a Qdrant
            // answers at the default address or not (no alarm about it)
            String banner = FxTestKit.onFx(() -> ((javafx.scene.control.Label) app.window().stage().getScene()
                    .lookup("#bannerText")).getText());
            assertEquals(io.alexandria.ui.status.AppStatus.SET_UP_TEXT, banner);
            assertTrue(FxTestKit.onFx(() -> app.window().stage().getScene().lookup("#setUpButton").isVisible()));
            FxTestKit.runFx(() -> app.shutdown(0));
            assertEquals(0, exit.get(2, TimeUnit.MINUTES));
            assertTrue(FxTestKit.onFx(() -> !app.window().stage().isShowing()));
        } finally {
            FxToolkit.cleanupApplication(app);
        }
    }

    private Path vault() throws Exception {
        return UiHarness.copyNotes(tmp.resolve("Smoke Vault"), List.of("Introduction.md", "Editing/Quick Search.md",
                "Getting Started/Statuses/Core Statuses.md"));
    }

    @Test
    void smokeSyncsTheVaultIntoQdrantAndExitsZero() throws Exception {
        QdrantTestServer server = QdrantTestServer.start();
        try {
            Run r = smoke("--smoke", "--vault", vault().toString(), "--qdrant", server.url(), "--data-dir",
                    tmp.resolve("data").toString(), "--timeout", "240");
            assertEquals(0, r.code(), r.out() + r.err());
            assertTrue(r.windowShown(), "the main window was open");
            assertTrue(r.out().contains("alexandria: smoke ok — 3 documents: 3 indexed, 0 unchanged, 0 failed"),
                    r.out());
            try (var client = server.newClient()) {
                QdrantProbe probe = new QdrantProbe(client);
                assertTrue(probe.chunkCount() >= 3, "points in that Qdrant");
                assertEquals(3, probe.events("ingest_complete").size());
            }
            assertTrue(Files.isRegularFile(tmp.resolve("data").resolve("alexandria.mv.db")), "ledger in --data-dir");
        } finally {
            server.stop();
        }
    }

    @Test
    void smokeExitsOneWithAReasonWhenQdrantIsUnreachable() throws Exception {
        Run r = smoke("--smoke", "--vault", vault().toString(), "--qdrant",
                "http://127.0.0.1:" + Ports.closedPort(), "--data-dir", tmp.resolve("data").toString());
        assertEquals(1, r.code());
        String line = r.err().lines().filter(l -> l.startsWith("alexandria: smoke failed: ")).findFirst().orElse("");
        assertTrue(line.contains("Qdrant unreachable at http://127.0.0.1:"), r.err());
    }

    @Test
    void smokeExitsOneWhenTheFolderIsNotAVault() throws Exception {
        Path empty = Files.createDirectories(tmp.resolve("empty"));
        QdrantTestServer server = QdrantTestServer.start();
        try {
            Run r = smoke("--smoke", "--vault", empty.toString(), "--qdrant", server.url(), "--data-dir",
                    tmp.resolve("data").toString());
            assertEquals(1, r.code());
            assertTrue(r.err().contains("alexandria: smoke failed: The folder " + empty.toAbsolutePath()
                    + " is not an Obsidian vault"), r.err());
        } finally {
            server.stop();
        }
    }
}
