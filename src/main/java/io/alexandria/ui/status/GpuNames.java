package io.alexandria.ui.status;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

/**
 * The product names of this machine's NVIDIA GPUs, from {@code nvidia-smi
 * --query-gpu=index,name --format=csv,noheader} (installed with the driver on Linux and Windows),
 * shortened ("NVIDIA GeForce RTX 4070" → "RTX 4070"). nvidia-smi numbers GPUs in PCI bus order;
 * CUDA does too when {@code CUDA_DEVICE_ORDER=PCI_BUS_ID}, and on a single-GPU machine always.
 * Runs a command: never on the JavaFX thread.
 */
public final class GpuNames {
    private GpuNames() {
    }

    /** Index → short name; empty without nvidia-smi or a GPU. */
    public static Map<Integer, String> query() {
        try {
            Process p = new ProcessBuilder("nvidia-smi", "--query-gpu=index,name", "--format=csv,noheader")
                    .redirectErrorStream(true).start();
            p.getOutputStream().close();
            if (!p.waitFor(5, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                return Map.of();
            }
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            return p.exitValue() == 0 ? parse(out) : Map.of();
        } catch (IOException e) {
            return Map.of();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Map.of();
        }
    }

    /** Parses nvidia-smi's CSV lines ("0, NVIDIA GeForce RTX 4070"). */
    static Map<Integer, String> parse(String csv) {
        Map<Integer, String> names = new TreeMap<>();
        for (String line : csv.split("\\R")) {
            int comma = line.indexOf(',');
            if (comma < 0) {
                continue;
            }
            try {
                int index = Integer.parseInt(line.substring(0, comma).strip());
                names.put(index, shorten(line.substring(comma + 1).strip()));
            } catch (NumberFormatException e) {
                // a warning line, not a GPU
            }
        }
        return names;
    }

    /** Drops the vendor and brand words people do not need in a status bar. */
    static String shorten(String name) {
        return name.replaceFirst("^NVIDIA\\s+", "").replaceFirst("^(GeForce|Tesla|Quadro)\\s+", "").strip();
    }
}
