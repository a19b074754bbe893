package io.alexandria.ui.status;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.alexandria.embedding.DeviceChoice;
import io.alexandria.embedding.GpuInfo;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The status bar's model and device item, its tooltip, GPU names from nvidia-smi, the device list of Settings. */
class DeviceTextsTest {
    @Test
    void shortModelNames() {
        assertEquals("bge-small", DeviceTexts.shortModel("bge-small-en-v1.5-q"));
        assertEquals("bge-base", DeviceTexts.shortModel("baai/bge-base-en-v1.5"));
        assertEquals("bge-m3", DeviceTexts.shortModel("baai/bge-m3"));
        assertEquals("all-minilm-l6-v2", DeviceTexts.shortModel("sentence-transformers/all-minilm-l6-v2"));
    }

    @Test
    void theItemNamesTheGpuAndTheTooltipSaysWhyItFellBack() {
        var gpu = new DeviceTexts.ModelDevice("baai/bge-m3", 1024, DeviceChoice.asRequested("auto", "cuda:0"));
        Map<Integer, String> names = Map.of(0, "RTX 4070");
        assertEquals("bge-m3 · CUDA 0 (RTX 4070)", DeviceTexts.line(gpu, names));
        assertEquals("bge-m3 · CUDA 0", DeviceTexts.line(gpu, Map.of()));
        var cpu = new DeviceTexts.ModelDevice("bge-small-en-v1.5-q", 384, DeviceChoice.asRequested("cpu", "cpu"));
        assertEquals("bge-small · CPU", DeviceTexts.line(cpu, names));
        var fell = new DeviceTexts.ModelDevice("baai/bge-m3", 1024,
                DeviceChoice.cpuFallback("cuda:1", "cuda:1 does not exist: this machine has 1 CUDA GPU (cuda:0)"));
        assertEquals("bge-m3 · CPU", DeviceTexts.line(fell, names));
        String tip = DeviceTexts.tooltip(fell, names);
        assertTrue(tip.contains("Model: baai/bge-m3 (1024 dimensions)"), tip);
        assertTrue(tip.contains("Device setting: cuda:1"), tip);
        assertTrue(tip.contains("On the CPU because cuda:1 could not be used: cuda:1 does not exist"), tip);
    }

    @Test
    void nvidiaSmiNames() {
        assertEquals(Map.of(0, "RTX 4070", 1, "A100-SXM4-40GB", 2, "H200"),
                GpuNames.parse("0, NVIDIA GeForce RTX 4070\n1, NVIDIA A100-SXM4-40GB\n2, NVIDIA H200\n"));
        assertEquals(Map.of(), GpuNames.parse("NVIDIA-SMI has failed because it couldn't communicate with the driver"));
    }

    @Test
    void detectedDevices() {
        assertEquals(List.of("CPU (8 cores)", "cuda:0 — RTX 4070 (CUDA 12.8)"),
                DeviceTexts.detected(new GpuInfo(true, 1, "128"), Map.of(0, "RTX 4070"), 8));
        List<String> none = DeviceTexts.detected(GpuInfo.NONE, Map.of(), 2);
        assertEquals("CPU (2 cores)", none.getFirst());
        assertTrue(none.get(1).startsWith("No GPU: no CUDA GPU found"), none.toString());
    }
}
