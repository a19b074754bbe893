package io.alexandria.embedding;

import ai.djl.engine.Engine;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Loads DJL's PyTorch engine once per process, on the device the settings ask for, falling back
 * to the CPU with a reason when CUDA is asked for but unusable.
 *
 * <p>Order of events for {@code auto} or {@code cuda:N}:
 * <ol>
 *   <li>Count CUDA GPUs through DJL ({@link GpuInfo#probe()}); none, or {@code N} out of range:
 *       CPU, with the reason.</li>
 *   <li>Make the CUDA build of libtorch ({@value LibTorchInstaller#CUDA_FLAVOR}) available,
 *       downloading it (some GB, once, into DJL's cache in the app's data folder) with
 *       progress; offline or no network: CPU, with the reason.</li>
 *   <li>Load the engine with that build ({@code PYTORCH_FLAVOR} pinned) and check it sees CUDA.</li>
 * </ol>
 * The CPU build is used for {@code cpu} and every fallback; in the installed app it is not
 * bundled either and is downloaded the same way (about 110 MB compressed on Linux x86-64) when
 * first needed. Where a native
 * jar is on the classpath (the tests' {@code pytorch-native-cpu}) DJL always uses it, so CUDA
 * cannot be used there.
 *
 * <p>A process loads one libtorch build for good: once the CPU build is loaded, asking for CUDA
 * falls back to the CPU until the app restarts (the reason says so).
 */
public final class PyTorchRuntime {
    /** DJL's name of the engine. */
    public static final String ENGINE = "PyTorch";
    private static final Logger LOG = LoggerFactory.getLogger(PyTorchRuntime.class);
    private static String loadedFlavor;

    private PyTorchRuntime() {
    }

    /**
     * Loads the engine (once) and decides the device.
     *
     * @param device   {@code auto}, {@code cpu} or {@code cuda:N}
     * @param listener told about libtorch downloads
     * @return where models should run, with the reason when a wanted GPU is not used
     * @throws EmbeddingException for a malformed device string, or when no libtorch build can be
     *                            loaded at all (e.g. offline and not yet downloaded)
     */
    public static synchronized DeviceChoice prepare(String device, DownloadListener listener)
            throws EmbeddingException {
        DeviceRequest request = parse(device);
        if (loadedFlavor != null) {
            return choiceForLoadedEngine(request);
        }
        GpuInfo gpu = request.wantsGpu() ? GpuInfo.probe() : GpuInfo.NONE;
        LibTorchInstaller installer = LibTorchInstaller.forThisMachine(Downloader.standard());
        return prepare(request, gpu, installer, listener);
    }

    /** Whether this process has loaded the PyTorch engine. */
    public static synchronized boolean isLoaded() {
        return loadedFlavor != null;
    }

    /** The engine's libtorch flavor ({@code cpu}, {@code cu128}), or null before it is loaded. */
    public static synchronized String loadedFlavor() {
        return loadedFlavor;
    }

    static DeviceRequest parse(String device) throws EmbeddingException {
        try {
            return DeviceRequest.parse(device);
        } catch (IllegalArgumentException e) {
            throw new EmbeddingException(e.getMessage(), e);
        }
    }

    /** Decides the build and the device (the engine is not loaded yet), then loads the engine. */
    static DeviceChoice prepare(DeviceRequest request, GpuInfo gpu, LibTorchInstaller installer,
                                DownloadListener listener) throws EmbeddingException {
        Plan plan = plan(request, gpu, installer, listener);
        if (installer.bundledFlavor() == null) {
            System.setProperty("PYTORCH_FLAVOR", plan.flavor());
        }
        Engine engine = loadEngine(plan.flavor());
        boolean cuda = plan.cuda();
        String reason = plan.reason();
        if (cuda) {
            int gpus = engine.getGpuCount();
            if (!engine.hasCapability("CUDA")) {
                cuda = false;
                reason = "the loaded PyTorch library has no CUDA support";
            } else if (request.gpuIndex() >= gpus) {
                cuda = false;
                reason = new GpuInfo(true, gpus, gpu.cudaRuntimeVersion()).problemWith(request);
            }
        }
        DeviceChoice choice = cuda ? DeviceChoice.asRequested(request.text(), "cuda:" + request.gpuIndex())
                : request.wantsGpu() ? DeviceChoice.cpuFallback(request.text(), reason)
                : DeviceChoice.asRequested(request.text(), "cpu");
        log(choice);
        return choice;
    }

    /**
     * Which libtorch build to load and whether CUDA is to be used.
     *
     * @param flavor the build: {@code cpu}, {@value LibTorchInstaller#CUDA_FLAVOR}, or the bundled one
     * @param cuda   whether the model should go to the GPU
     * @param reason why not, when a GPU was wanted; else null
     */
    record Plan(String flavor, boolean cuda, String reason) {
    }

    /**
     * Decides the build, downloading it when needed (CUDA first when a GPU is wanted and present;
     * its failure falls back to the CPU build, whose own failure is fatal).
     *
     * @throws DownloadException when no build can be made available
     */
    static Plan plan(DeviceRequest request, GpuInfo gpu, LibTorchInstaller installer, DownloadListener listener)
            throws DownloadException {
        String reason = gpu.problemWith(request);
        boolean cuda = request.wantsGpu() && reason == null;
        String bundled = installer.bundledFlavor();
        if (bundled != null) {
            if (cuda && !bundled.startsWith("cu")) {
                cuda = false;
                reason = "this build of Alexandria bundles the CPU-only PyTorch library (" + bundled
                        + "), so CUDA cannot be used";
            }
            return new Plan(bundled, cuda, reason);
        }
        if (cuda && !installer.hasCudaBuild()) {
            cuda = false;
            reason = "DJL has no CUDA build of PyTorch for " + installer.classifier();
        } else if (cuda) {
            try {
                installer.ensure(LibTorchInstaller.CUDA_FLAVOR, listener);
            } catch (DownloadException e) {
                cuda = false;
                reason = "the CUDA build of PyTorch is not installed and could not be downloaded: " + e.getMessage();
            }
        }
        String flavor = cuda ? LibTorchInstaller.CUDA_FLAVOR : LibTorchInstaller.CPU_FLAVOR;
        if (!cuda) {
            try {
                installer.ensure(flavor, listener);
            } catch (DownloadException e) {
                throw new DownloadException(e.reason(), "the PyTorch engine cannot start: " + e.getMessage()
                        + (e.isNoNetwork() ? " (PyTorch is downloaded once, on first use; connect to the internet, "
                        + "or use the bundled model " + BundledModel.SPEC.id() + ", which needs no download)" : ""), e);
            }
        }
        return new Plan(flavor, cuda, reason);
    }

    private static DeviceChoice choiceForLoadedEngine(DeviceRequest request) {
        if (!request.wantsGpu()) {
            return DeviceChoice.asRequested(request.text(), "cpu");
        }
        Engine engine = Engine.getEngine(ENGINE);
        if (!engine.hasCapability("CUDA")) {
            String noGpu = GpuInfo.probe().problemWith(request);
            return DeviceChoice.cpuFallback(request.text(), noGpu != null ? noGpu
                    : "the CPU build of PyTorch is already loaded in this process; restart the app to use the GPU");
        }
        String reason = new GpuInfo(true, engine.getGpuCount(), null).problemWith(request);
        return reason == null ? DeviceChoice.asRequested(request.text(), "cuda:" + request.gpuIndex())
                : DeviceChoice.cpuFallback(request.text(), reason);
    }

    private static Engine loadEngine(String flavor) throws EmbeddingException {
        if (System.getProperty("ai.djl.pytorch.graph_optimizer") == null) {
            // Text batches change shape all the time; the profiling executor would re-optimise each.
            System.setProperty("ai.djl.pytorch.graph_optimizer", "false");
        }
        try {
            Engine engine = Engine.getEngine(ENGINE);
            loadedFlavor = flavor;
            LOG.info("PyTorch engine {} loaded ({} build)", engine.getVersion(), flavor);
            return engine;
        } catch (RuntimeException | LinkageError e) {
            throw new EmbeddingException("the PyTorch engine (" + flavor + " build) failed to load: "
                    + rootMessage(e), e);
        }
    }

    private static void log(DeviceChoice choice) {
        if (choice.fellBack()) {
            LOG.warn("embedding on the CPU: {}", choice.fallbackReason());
        } else {
            LOG.info("embedding on {}", choice.actual());
        }
    }

    static String rootMessage(Throwable e) {
        Throwable t = e;
        StringBuilder out = new StringBuilder(String.valueOf(e.getMessage()));
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
            if (t.getMessage() != null && !out.toString().contains(t.getMessage())) {
                out.append(": ").append(t.getMessage());
            }
        }
        return out.toString();
    }
}
