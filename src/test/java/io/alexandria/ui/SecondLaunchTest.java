package io.alexandria.ui;

import static io.alexandria.ui.FxTestKit.awaitFx;
import static io.alexandria.ui.FxTestKit.onFx;
import static io.alexandria.ui.FxTestKit.runFx;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.alexandria.app.LaunchOptions;
import io.alexandria.config.AppPaths;
import io.alexandria.config.Settings;
import io.alexandria.config.SettingsStore;
import io.alexandria.ipc.InstanceEndpoint;
import io.alexandria.ipc.InstanceServer;
import io.alexandria.ipc.LaunchRequest;
import io.alexandria.ipc.SingleInstance;
import io.alexandria.pipeline.DocumentOutcome;
import io.alexandria.testserver.QdrantTestServer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxToolkit;

/**
 * One app per data folder, for real: the app runs (its window hidden, as after closing it to the
 * tray) and a second launch — a separate JVM running {@code io.alexandria.Launcher --data-dir DIR
 * FILE}, as a file manager's "Open with" does — hands the file over and exits 0 at once without
 * starting JavaFX; the running app shows its window again and indexes the file. After the app
 * quits, its endpoint is gone.
 */
class SecondLaunchTest {
    @TempDir
    Path tmp;

    private record Launch(int code, String out, String err) {
    }

    private Launch secondLaunch(Path data, String... args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "--enable-native-access=ALL-UNNAMED", "--sun-misc-unsafe-memory-access=allow", "-Xmx256m",
                "-Djava.awt.headless=true", "-Dalexandria.log.dir=" + tmp.resolve("second-logs"),
                "-cp", System.getProperty("java.class.path"), "io.alexandria.Launcher", "--data-dir", data.toString()));
        cmd.addAll(List.of(args));
        Path out = tmp.resolve("out.txt");
        Path err = tmp.resolve("err.txt");
        Process p = new ProcessBuilder(cmd).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        assertTrue(p.waitFor(2, TimeUnit.MINUTES), "the second launch ends by itself");
        return new Launch(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                Files.readString(err, StandardCharsets.UTF_8));
    }

    @Test
    void aSecondLaunchHandsItsFileToTheRunningAppAndBringsItForward() throws Exception {
        FxToolkit.registerPrimaryStage();
        Path vault = UiHarness.copyNotes(tmp.resolve("Vault"), List.of("Introduction.md"));
        Path data = tmp.resolve("data");
        QdrantTestServer server = QdrantTestServer.start();
        AlexandriaApp app = null;
        CompletableFuture<Integer> exit = new CompletableFuture<>();
        try {
            Settings d = Settings.defaults();
            new SettingsStore(new AppPaths(data).settingsFile()).save(new Settings(vault.toString(), null, server.url(),
                    d.model(), "cpu", d.chunkTokens(), d.chunkOverlap(), List.of(), false, false, 10,
                    d.formatPreference(), d.massDeleteShare(), "launch-host"));
            InstanceServer ipc = assertInstanceOf(SingleInstance.Primary.class,
                    SingleInstance.claim(data, new LaunchRequest(List.of()), Duration.ofSeconds(5))).server();
            AlexandriaApp running = new AlexandriaApp(LaunchOptions.parse(List.of("--data-dir", data.toString())),
                    List.of(), exit::complete, ipc);
            app = running;
            FxToolkit.setupApplication(() -> running);
            awaitFx(Duration.ofMinutes(2), "ready", () -> running.window().context().model().statusProperty().get()
                    .ready());
            runFx(() -> running.window().stage().hide());

            Path book = Files.writeString(tmp.resolve("Harbour Log.txt"),
                    "The harbour master logged three schooners and a ferry before noon.\n");
            long t0 = System.nanoTime();
            Launch second = secondLaunch(data, book.toString());
            assertEquals(0, second.code(), second.out() + second.err());
            assertTrue(second.out().contains("alexandria: already running on " + data.toAbsolutePath()
                    + ": brought its window forward and handed it 1 file."), second.out());
            assertFalse(second.err().contains("Exception"), second.err());
            System.out.printf("second launch took %.1f s%n", (System.nanoTime() - t0) / 1e9);

            awaitFx(Duration.ofSeconds(30), "the window is shown again", () -> running.window().stage().isShowing());
            awaitFx(Duration.ofMinutes(2), "the handed-over file is indexed", () -> running.window().context().model()
                    .outcomes().stream().anyMatch(o -> "file".equals(o.source()) && "Harbour Log".equals(o.title())
                            && o.kind() == DocumentOutcome.Kind.INDEXED));
            assertEquals("Ingest", onFx(() -> running.window().tabs().getSelectionModel().getSelectedItem().getText()));

            // a plain second launch (no files) only brings the window forward
            Launch plain = secondLaunch(data);
            assertEquals(0, plain.code(), plain.out() + plain.err());
            assertTrue(plain.out().endsWith("brought its window forward.\n"), plain.out());

            runFx(() -> running.shutdown(0));
            assertEquals(0, exit.get(2, TimeUnit.MINUTES));
            assertFalse(Files.exists(InstanceEndpoint.file(data)), "the endpoint goes with the app");
        } finally {
            if (app != null) {
                FxToolkit.cleanupApplication(app);
            }
            server.stop();
        }
    }
}
