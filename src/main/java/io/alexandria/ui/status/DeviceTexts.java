package io.alexandria.ui.status;

import io.alexandria.embedding.DeviceChoice;
import io.alexandria.embedding.DeviceRequest;
import io.alexandria.embedding.GpuInfo;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The status bar's model and device item ("bge-small · CPU", "bge-m3 · CUDA 0 (RTX 4070)") and
 * its tooltip, which says why the model runs on the CPU when a GPU was wanted. Pure functions.
 */
public final class DeviceTexts {
    private DeviceTexts() {
    }

    /**
     * What the engine runs.
     *
     * @param modelId   the model's id
     * @param dimension its vector size
     * @param device    where it runs and why
     */
    public record ModelDevice(String modelId, int dimension, DeviceChoice device) {
    }

    /** A model's short name: without the organisation and the "-en-v1.5…" suffix ("bge-small", "bge-m3"). */
    public static String shortModel(String id) {
        if (id == null || id.isBlank()) {
            return "?";
        }
        String s = id.strip();
        int slash = s.lastIndexOf('/');
        if (slash >= 0 && slash < s.length() - 1) {
            s = s.substring(slash + 1);
        }
        String cut = s.replaceFirst("(?i)-en-v\\d+(\\.\\d+)?.*$", "");
        return cut.isEmpty() ? s : cut;
    }

    /**
     * The device for people: "CPU", "CUDA 0 (RTX 4070)".
     *
     * @param gpuNames CUDA index → product name (may be empty)
     */
    public static String device(String actual, Map<Integer, String> gpuNames) {
        if (actual == null || actual.equals("cpu")) {
            return "CPU";
        }
        if (actual.startsWith("cuda")) {
            int index = 0;
            int colon = actual.indexOf(':');
            if (colon >= 0) {
                try {
                    index = Integer.parseInt(actual.substring(colon + 1));
                } catch (NumberFormatException e) {
                    return actual.toUpperCase(java.util.Locale.ROOT);
                }
            }
            String name = gpuNames.get(index);
            return "CUDA " + index + (name == null ? "" : " (" + name + ")");
        }
        return actual;
    }

    /** The status bar item. */
    public static String line(ModelDevice m, Map<Integer, String> gpuNames) {
        return shortModel(m.modelId()) + " · " + device(m.device().actual(), gpuNames);
    }

    /** The item's tooltip: the full model, the device, what was asked for and, after a fallback, why. */
    public static String tooltip(ModelDevice m, Map<Integer, String> gpuNames) {
        DeviceChoice d = m.device();
        StringBuilder sb = new StringBuilder("Model: ").append(m.modelId()).append(" (").append(m.dimension())
                .append(" dimensions)\nRuns on: ").append(device(d.actual(), gpuNames))
                .append("\nDevice setting: ").append(d.requested());
        if (d.fellBack()) {
            sb.append("\nOn the CPU because ").append(d.requested().equals("auto") ? "no GPU could be used"
                    : d.requested() + " could not be used").append(": ").append(d.fallbackReason());
        }
        return sb.toString();
    }

    /**
     * What Settings lists as this machine's devices: "CPU (8 cores)", then each CUDA GPU with its
     * name, or why there is none.
     *
     * @param gpu      what DJL found ({@link GpuInfo#probe()})
     * @param gpuNames CUDA index → product name
     * @param cores    the CPU's logical cores
     */
    public static List<String> detected(GpuInfo gpu, Map<Integer, String> gpuNames, int cores) {
        List<String> out = new ArrayList<>();
        out.add("CPU (" + cores + (cores == 1 ? " core)" : " cores)"));
        for (int i = 0; i < gpu.gpuCount(); i++) {
            String name = gpuNames.get(i);
            out.add("cuda:" + i + (name == null ? "" : " — " + name) + cudaVersion(gpu));
        }
        if (gpu.gpuCount() == 0) {
            out.add("No GPU: " + gpu.problemWith(DeviceRequest.AUTO));
        }
        return out;
    }

    private static String cudaVersion(GpuInfo gpu) {
        String v = gpu.cudaRuntimeVersion();
        if (v == null || v.length() < 2) {
            return "";
        }
        return " (CUDA " + v.substring(0, v.length() - 1) + "." + v.substring(v.length() - 1) + ")";
    }
}
