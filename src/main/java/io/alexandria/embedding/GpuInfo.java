package io.alexandria.embedding;

import ai.djl.util.cuda.CudaUtils;

/**
 * What this machine offers for CUDA, as DJL sees it before any engine is loaded: DJL counts GPUs
 * through the CUDA runtime library ({@code libcudart.so.12} on Linux, {@code cudart64_12.dll} on
 * Windows, found on the library path), not through the NVIDIA driver alone.
 *
 * @param cudaRuntimeFound   whether DJL could load the CUDA runtime library
 * @param gpuCount           CUDA devices the runtime reports (0 without runtime, driver or GPU)
 * @param cudaRuntimeVersion the runtime's version as DJL writes it (e.g. {@code "128"} for 12.8),
 *                           or null without runtime
 */
public record GpuInfo(boolean cudaRuntimeFound, int gpuCount, String cudaRuntimeVersion) {
    /** No CUDA runtime at all. */
    public static final GpuInfo NONE = new GpuInfo(false, 0, null);

    /** Asks DJL's {@link CudaUtils} (loads the CUDA runtime through JNA; cheap, no engine needed). */
    public static GpuInfo probe() {
        try {
            int count = CudaUtils.getGpuCount();
            String version;
            try {
                version = CudaUtils.getCudaVersionString();
            } catch (IllegalStateException | IllegalArgumentException e) {
                version = null;
            }
            return new GpuInfo(version != null, count, version);
        } catch (RuntimeException | LinkageError e) {
            return NONE;
        }
    }

    /**
     * Why {@code request} cannot run on a GPU here, or null when it can (for {@code cpu}: null).
     * The reason names what is missing and what would fix it.
     */
    public String problemWith(DeviceRequest request) {
        if (!request.wantsGpu()) {
            return null;
        }
        if (gpuCount <= 0) {
            if (!cudaRuntimeFound) {
                return "no CUDA GPU found (no NVIDIA CUDA 12 runtime library, libcudart.so.12 / cudart64_12.dll, "
                        + "on the library path; a GPU needs the NVIDIA driver and the CUDA 12 runtime)";
            }
            return "no CUDA GPU found (the CUDA runtime " + versionText()
                    + " reports 0 devices; is the NVIDIA driver installed and recent enough?)";
        }
        if (request.gpuIndex() >= gpuCount) {
            return request.text() + " does not exist: this machine has " + gpuCount + " CUDA GPU"
                    + (gpuCount == 1 ? " (cuda:0)" : "s (cuda:0 to cuda:" + (gpuCount - 1) + ")");
        }
        return null;
    }

    private String versionText() {
        if (cudaRuntimeVersion == null || cudaRuntimeVersion.length() < 2) {
            return "";
        }
        String v = cudaRuntimeVersion;
        return v.substring(0, v.length() - 1) + "." + v.substring(v.length() - 1);
    }
}
