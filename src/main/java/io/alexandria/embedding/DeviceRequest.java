package io.alexandria.embedding;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The device a user asked for, parsed from the settings' {@code device} string.
 *
 * @param text  the request as written, normalised to lower case ({@code auto}, {@code cpu},
 *              {@code cuda:N})
 * @param kind  what was asked for
 * @param index the CUDA device index for {@link Kind#CUDA} (0 for {@code cuda}), else -1
 */
public record DeviceRequest(String text, Kind kind, int index) {
    /** What kind of device was asked for. */
    public enum Kind {
        /** The first CUDA GPU when one is usable, else the CPU. */
        AUTO,
        /** The CPU. */
        CPU,
        /** One CUDA GPU, by index. */
        CUDA
    }

    private static final Pattern CUDA = Pattern.compile("(?:cuda|gpu)(?::(\\d{1,3}))?");

    /** {@code auto}. */
    public static final DeviceRequest AUTO = new DeviceRequest("auto", Kind.AUTO, -1);

    /**
     * Parses {@code auto}, {@code cpu}, {@code cuda}, {@code cuda:N} (also {@code gpu}, {@code gpu:N});
     * case and surrounding blanks are ignored; null or blank means {@code auto}.
     *
     * @throws IllegalArgumentException for anything else, with a message saying what is accepted
     */
    public static DeviceRequest parse(String device) {
        if (device == null || device.isBlank()) {
            return AUTO;
        }
        String d = device.strip().toLowerCase(Locale.ROOT);
        if (d.equals("auto")) {
            return AUTO;
        }
        if (d.equals("cpu")) {
            return new DeviceRequest("cpu", Kind.CPU, -1);
        }
        Matcher m = CUDA.matcher(d);
        if (m.matches()) {
            int index = m.group(1) == null ? 0 : Integer.parseInt(m.group(1));
            return new DeviceRequest("cuda:" + index, Kind.CUDA, index);
        }
        throw new IllegalArgumentException("unknown device '" + device.strip()
                + "': use auto, cpu or cuda:N (N = 0 for the first NVIDIA GPU)");
    }

    /** Whether a GPU would be used if one is usable ({@code auto} or {@code cuda:N}). */
    public boolean wantsGpu() {
        return kind != Kind.CPU;
    }

    /** The CUDA index to use when a GPU is usable: {@code index} for {@code cuda:N}, 0 for {@code auto}. */
    public int gpuIndex() {
        return kind == Kind.CUDA ? index : 0;
    }
}
