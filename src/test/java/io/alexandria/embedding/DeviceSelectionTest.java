package io.alexandria.embedding;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.alexandria.testsupport.LocalHttpServer;
import io.alexandria.testsupport.TestModels;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Device strings, the choice between CUDA and the CPU, and the reasons given when CUDA is asked
 * for but cannot be used. This machine has no usable CUDA GPU, and the tests bundle the CPU build
 * of libtorch, so every CUDA request here must end on the CPU with a reason.
 */
class DeviceSelectionTest {
    private static final GpuInfo TWO_GPUS = new GpuInfo(true, 2, "128");

    @TempDir
    Path cache;

    @Test
    void parsesTheAcceptedDeviceStrings() {
        assertEquals(DeviceRequest.AUTO, DeviceRequest.parse(null));
        assertEquals(DeviceRequest.AUTO, DeviceRequest.parse(" Auto "));
        assertEquals(new DeviceRequest("cpu", DeviceRequest.Kind.CPU, -1), DeviceRequest.parse("CPU"));
        assertEquals(new DeviceRequest("cuda:0", DeviceRequest.Kind.CUDA, 0), DeviceRequest.parse("cuda"));
        assertEquals(new DeviceRequest("cuda:3", DeviceRequest.Kind.CUDA, 3), DeviceRequest.parse(" cuda:3"));
        assertEquals(new DeviceRequest("cuda:1", DeviceRequest.Kind.CUDA, 1), DeviceRequest.parse("gpu:1"));
        assertEquals(0, DeviceRequest.AUTO.gpuIndex());
    }

    @Test
    void junkDeviceStringsAreClearErrors() {
        for (String junk : List.of("tpu", "cuda:", "cuda:-1", "cuda:x", "cpu:0", "cuda:1234", "mps")) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> DeviceRequest.parse(junk));
            assertTrue(e.getMessage().contains("unknown device '" + junk + "'"), e.getMessage());
            assertTrue(e.getMessage().contains("use auto, cpu or cuda:N"), e.getMessage());
        }
        EmbeddingException e = assertThrows(EmbeddingException.class,
                () -> Embedders.load(BundledModel.SPEC.id(), "tpu", TestModels.modelsDir()));
        assertTrue(e.getMessage().startsWith("unknown device 'tpu'"), e.getMessage());
    }

    @Test
    void gpuProblemsNameTheCause() {
        assertNull(TWO_GPUS.problemWith(DeviceRequest.parse("cuda:1")));
        assertNull(TWO_GPUS.problemWith(DeviceRequest.AUTO));
        assertNull(GpuInfo.NONE.problemWith(DeviceRequest.parse("cpu")));
        assertEquals("cuda:7 does not exist: this machine has 2 CUDA GPUs (cuda:0 to cuda:1)",
                TWO_GPUS.problemWith(DeviceRequest.parse("cuda:7")));
        assertEquals("cuda:1 does not exist: this machine has 1 CUDA GPU (cuda:0)",
                new GpuInfo(true, 1, "128").problemWith(DeviceRequest.parse("cuda:1")));
        assertTrue(GpuInfo.NONE.problemWith(DeviceRequest.parse("cuda:0")).contains("no CUDA GPU found (no NVIDIA CUDA 12 runtime"));
        assertTrue(new GpuInfo(true, 0, "128").problemWith(DeviceRequest.AUTO).contains("CUDA runtime 12.8 reports 0 devices"));
    }

    @Test
    void deviceChoiceDescribesFallbacks() {
        assertEquals("cuda:0", DeviceChoice.asRequested("auto", "cuda:0").describe());
        assertTrue(DeviceChoice.asRequested("auto", "cuda:0").onGpu());
        DeviceChoice fallback = DeviceChoice.cpuFallback("cuda:1", "no CUDA GPU found");
        assertTrue(fallback.fellBack());
        assertFalse(fallback.onGpu());
        assertEquals("cpu (cuda:1 unavailable: no CUDA GPU found)", fallback.describe());
        assertEquals("cpu (no GPU: no CUDA GPU found)", DeviceChoice.cpuFallback("auto", "no CUDA GPU found").describe());
    }

    @Test
    void onThisMachineCudaRequestsFallBackToTheCpuWithAReason() throws EmbeddingException {
        for (String device : List.of("cuda:0", "cuda:7", "auto")) {
            DeviceChoice choice = PyTorchRuntime.prepare(device, DownloadListener.NONE);
            assertEquals("cpu", choice.actual(), device);
            assertEquals(device, choice.requested());
            assertTrue(choice.fellBack(), device + " must say why it is not on a GPU");
            assertFalse(choice.fallbackReason().isBlank());
        }
        assertEquals(DeviceChoice.asRequested("cpu", "cpu"), PyTorchRuntime.prepare("cpu", DownloadListener.NONE));
        assertTrue(PyTorchRuntime.isLoaded());
    }

    @Test
    void theBundledOnnxModelRunsOnTheCpuAndSaysSoWhenAGpuWasAskedFor() throws EmbeddingException {
        try (Embedder e = Embedders.load(BundledModel.SPEC.id(), "cuda:0", TestModels.modelsDir())) {
            assertEquals("cpu", e.device());
            assertTrue(e.deviceChoice().fellBack());
            assertTrue(e.deviceChoice().fallbackReason().contains("ONNX models run on the CPU only"));
        }
        try (Embedder e = Embedders.load(null, "auto", TestModels.modelsDir())) {
            assertEquals(DeviceChoice.asRequested("auto", "cpu"), e.deviceChoice());
        }
    }

    // The plan, with a fake machine: which build to fetch, and what happens when that fails.

    private LibTorchInstaller notBundled(URI base, boolean offline) {
        Downloader d = new Downloader(Duration.ofSeconds(5), Duration.ofSeconds(5), () -> offline);
        return new LibTorchInstaller(cache, "2.7.1", "linux-x86_64", null, base, d);
    }

    private void fakeInstalled(String flavor) throws IOException {
        Path dir = Files.createDirectories(cache.resolve("2.7.1-" + flavor + "-linux-x86_64"));
        Files.write(dir.resolve(System.mapLibraryName("torch")), new byte[] {1});
    }

    @Test
    void withAGpuAndTheCudaBuildCachedTheGpuIsPlanned() throws Exception {
        fakeInstalled(LibTorchInstaller.CUDA_FLAVOR);
        PyTorchRuntime.Plan plan = PyTorchRuntime.plan(DeviceRequest.parse("cuda:1"), TWO_GPUS,
                notBundled(URI.create("http://127.0.0.1:1/"), true), DownloadListener.NONE);
        assertEquals(new PyTorchRuntime.Plan("cu128", true, null), plan);
    }

    @Test
    void offlineWithoutTheCudaBuildFallsBackToACachedCpuBuild() throws Exception {
        fakeInstalled("cpu");
        PyTorchRuntime.Plan plan = PyTorchRuntime.plan(DeviceRequest.parse("cuda:0"), TWO_GPUS,
                notBundled(URI.create("http://127.0.0.1:1/"), true), DownloadListener.NONE);
        assertEquals("cpu", plan.flavor());
        assertFalse(plan.cuda());
        assertTrue(plan.reason().startsWith("the CUDA build of PyTorch is not installed and could not be downloaded"),
                plan.reason());
        assertTrue(plan.reason().contains("offline mode is on"), plan.reason());
    }

    @Test
    void noNetworkAndNoBuildAtAllIsAClearError() {
        URI nowhere = URI.create("http://127.0.0.1:" + LocalHttpServer.closedPort() + "/");
        DownloadException e = assertThrows(DownloadException.class, () -> PyTorchRuntime.plan(
                DeviceRequest.parse("auto"), TWO_GPUS, notBundled(nowhere, false), DownloadListener.NONE));
        assertTrue(e.isNoNetwork());
        assertTrue(e.getMessage().startsWith("the PyTorch engine cannot start: cannot download PyTorch 2.7.1 (cpu build)"),
                e.getMessage());
        assertTrue(e.getMessage().contains("use the bundled model bge-small-en-v1.5-q"), e.getMessage());
    }

    @Test
    void aBundledCpuBuildRulesOutCuda() throws Exception {
        LibTorchInstaller bundled = new LibTorchInstaller(cache, "2.7.1-20250812", "linux-x86_64", "cpu",
                URI.create("http://127.0.0.1:1/"), new Downloader(Duration.ofSeconds(1), Duration.ofSeconds(1), () -> true));
        PyTorchRuntime.Plan plan = PyTorchRuntime.plan(DeviceRequest.parse("cuda:0"), TWO_GPUS, bundled,
                DownloadListener.NONE);
        assertEquals("cpu", plan.flavor());
        assertTrue(plan.reason().contains("bundles the CPU-only PyTorch library"), plan.reason());
        assertEquals(new PyTorchRuntime.Plan("cpu", false, null),
                PyTorchRuntime.plan(DeviceRequest.parse("cpu"), TWO_GPUS, bundled, DownloadListener.NONE));
    }
}
