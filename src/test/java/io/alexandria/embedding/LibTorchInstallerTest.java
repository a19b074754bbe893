package io.alexandria.embedding;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.alexandria.testsupport.LocalHttpServer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Downloading libtorch the way DJL publishes it ({@code <version>/files.txt} and gzip files under
 * {@code <flavor>/<classifier>/}), into the folder DJL loads it from, with progress; and the
 * failures a user can meet (offline, no network, stalled server, missing build).
 */
class LibTorchInstallerTest {
    private static final String TORCH = System.mapLibraryName("torch");
    private static final String C10 = System.mapLibraryName("c10");

    @TempDir
    Path cache;

    private static byte[] gzip(byte[] data) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
            gz.write(data);
        }
        return out.toByteArray();
    }

    private static byte[] random(int n, long seed) {
        byte[] b = new byte[n];
        new Random(seed).nextBytes(b);
        return b;
    }

    private static Downloader online() {
        return new Downloader(Duration.ofSeconds(5), Duration.ofSeconds(5), () -> false);
    }

    private LibTorchInstaller installer(URI base, Downloader downloader) {
        return new LibTorchInstaller(cache, "2.7.1", "linux-x86_64", null, base, downloader);
    }

    @Test
    void downloadsTheFlavorIntoDjlsCacheLayoutWithProgress() throws Exception {
        byte[] torch = random(700_000, 1);
        byte[] c10 = random(300_000, 2);
        byte[] gzTorch = gzip(torch);
        byte[] gzC10 = gzip(c10);
        try (LocalHttpServer server = new LocalHttpServer()) {
            server.put("/2.7.1/files.txt", String.join("\n",
                    "cpu/linux-x86_64/native/lib/" + TORCH + ".gz",
                    "cpu/linux-x86_64/native/lib/" + C10 + ".gz",
                    "cu128/linux-x86_64/native/lib/" + TORCH + ".gz",
                    "cpu/osx-aarch64/native/lib/libtorch.dylib.gz").getBytes(StandardCharsets.UTF_8));
            server.put("/2.7.1/cpu/linux-x86_64/native/lib/" + TORCH + ".gz", gzTorch);
            server.put("/2.7.1/cpu/linux-x86_64/native/lib/" + C10 + ".gz", gzC10);
            LibTorchInstaller installer = installer(server.base(), online());
            assertFalse(installer.isInstalled("cpu"));

            List<DownloadProgress> events = new ArrayList<>();
            Path folder = installer.ensure("cpu", events::add);

            assertEquals(cache.resolve("2.7.1-cpu-linux-x86_64"), folder);
            assertArrayEquals(torch, Files.readAllBytes(folder.resolve(TORCH)));
            assertArrayEquals(c10, Files.readAllBytes(folder.resolve(C10)));
            assertTrue(installer.isInstalled("cpu"));
            try (var left = Files.list(cache)) {
                assertEquals(List.of(folder), left.toList(), "no temporary folder left behind");
            }
            long total = gzTorch.length + gzC10.length;
            assertEquals(DownloadProgress.Phase.CONNECTING, events.getFirst().phase());
            assertEquals(DownloadProgress.Phase.DONE, events.getLast().phase());
            long last = -1;
            for (DownloadProgress p : events) {
                if (p.phase() == DownloadProgress.Phase.DOWNLOADING) {
                    assertEquals(total, p.bytesTotal());
                    assertTrue(p.bytesDone() >= last, "bytes never go back");
                    last = p.bytesDone();
                }
            }
            assertEquals(total, last, "the last report counts every byte");
            assertTrue(events.stream().filter(p -> p.phase() == DownloadProgress.Phase.DOWNLOADING).count() >= 4,
                    "several reports for a megabyte: " + events.size());
            assertTrue(events.getLast().describe().startsWith("Downloaded PyTorch 2.7.1 (cpu build)"),
                    events.getLast().describe());

            int before = server.requests().size();
            assertEquals(folder, installer.ensure("cpu", events::add));
            assertEquals(before, server.requests().size(), "a cached build is not fetched again");
        }
    }

    @Test
    void offlineModeFailsAtOnceWithoutTouchingTheNetwork() {
        try (LocalHttpServer server = new LocalHttpServer()) {
            Downloader offline = new Downloader(Duration.ofSeconds(5), Duration.ofSeconds(5), () -> true);
            List<DownloadProgress> events = new ArrayList<>();
            DownloadException e = assertThrows(DownloadException.class,
                    () -> installer(server.base(), offline).ensure(LibTorchInstaller.CUDA_FLAVOR, events::add));
            assertEquals(DownloadException.Reason.OFFLINE, e.reason());
            assertTrue(e.isNoNetwork());
            assertTrue(e.getMessage().contains("offline mode is on"), e.getMessage());
            assertTrue(e.getMessage().contains("PyTorch 2.7.1 (CUDA 12.8 build)"), e.getMessage());
            assertEquals(List.of(), server.requests());
            assertEquals(DownloadProgress.Phase.FAILED, events.getLast().phase());
        }
    }

    @Test
    void unreachableHostIsAClearNoNetworkError() {
        URI nowhere = URI.create("http://127.0.0.1:" + LocalHttpServer.closedPort() + "/");
        DownloadException e = assertTimeoutPreemptively(Duration.ofSeconds(20), () -> assertThrows(
                DownloadException.class, () -> installer(nowhere, online()).ensure("cpu", DownloadListener.NONE)));
        assertEquals(DownloadException.Reason.UNREACHABLE, e.reason());
        assertTrue(e.getMessage().contains("cannot reach 127.0.0.1:"), e.getMessage());
    }

    @Test
    void aServerThatNeverAnswersTimesOutInsteadOfHanging() throws Exception {
        try (LocalHttpServer.Silent silent = new LocalHttpServer.Silent()) {
            Downloader impatient = new Downloader(Duration.ofSeconds(2), Duration.ofMillis(700), () -> false);
            DownloadException e = assertTimeoutPreemptively(Duration.ofSeconds(20), () -> assertThrows(
                    DownloadException.class, () -> installer(silent.base(), impatient).ensure("cpu", DownloadListener.NONE)));
            assertEquals(DownloadException.Reason.TIMEOUT, e.reason());
            assertTrue(e.getMessage().contains("stopped answering"), e.getMessage());
        }
    }

    @Test
    void aFlavorThatIsNotPublishedForThisMachineIsNamed() {
        try (LocalHttpServer server = new LocalHttpServer()) {
            server.put("/2.7.1/files.txt", ("cpu/osx-aarch64/native/lib/libtorch.dylib.gz\n").getBytes(StandardCharsets.UTF_8));
            DownloadException e = assertThrows(DownloadException.class,
                    () -> installer(server.base(), online()).ensure(LibTorchInstaller.CUDA_FLAVOR, DownloadListener.NONE));
            assertEquals(DownloadException.Reason.HTTP_ERROR, e.reason());
            assertTrue(e.getMessage().contains("publishes no cu128 build for linux-x86_64"), e.getMessage());
        }
    }

    @Test
    void aMissingFileListIsAnHttpErrorWithTheStatus() {
        try (LocalHttpServer server = new LocalHttpServer()) {
            DownloadException e = assertThrows(DownloadException.class,
                    () -> installer(server.base(), online()).ensure("cpu", DownloadListener.NONE));
            assertTrue(e.getMessage().contains("HTTP 404 (not found)"), e.getMessage());
        }
    }

    @Test
    void aDamagedGzipLeavesNothingBehind() throws Exception {
        try (LocalHttpServer server = new LocalHttpServer()) {
            server.put("/2.7.1/files.txt", ("cpu/linux-x86_64/native/lib/" + TORCH + ".gz\n").getBytes(StandardCharsets.UTF_8));
            server.put("/2.7.1/cpu/linux-x86_64/native/lib/" + TORCH + ".gz", random(1000, 3));
            DownloadException e = assertThrows(DownloadException.class,
                    () -> installer(server.base(), online()).ensure("cpu", DownloadListener.NONE));
            assertEquals(DownloadException.Reason.CORRUPT, e.reason());
            try (var left = Files.list(cache)) {
                assertEquals(List.of(), left.toList());
            }
        }
    }

    @Test
    void theBundledFlavorNeedsNoDownload() throws Exception {
        LibTorchInstaller bundled = new LibTorchInstaller(cache, "2.7.1-20250812", "linux-x86_64", "cpu",
                URI.create("http://127.0.0.1:" + LocalHttpServer.closedPort() + "/"), online());
        assertTrue(bundled.isInstalled("cpu"));
        assertEquals(null, bundled.ensure("cpu", DownloadListener.NONE));
        assertEquals("PyTorch 2.7.1 (CUDA 12.8 build)", bundled.describe("cu128"));
    }
}
