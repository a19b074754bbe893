package io.alexandria.embedding;

/**
 * Where a model ended up running, and why when that is not where it was asked to run. Shown in
 * the status bar, the log and the {@code device} field of events.
 *
 * @param requested      what the settings asked for: {@code auto}, {@code cpu} or {@code cuda:N}
 * @param actual         where it runs: {@code cpu} or {@code cuda:N}
 * @param fallbackReason why a GPU was asked for ({@code cuda:N}) or looked for ({@code auto}) but
 *                       the model runs on the CPU, for people; null when nothing fell back
 */
public record DeviceChoice(String requested, String actual, String fallbackReason) {
    public DeviceChoice {
        if (requested == null || actual == null) {
            throw new IllegalArgumentException("requested and actual device are required");
        }
    }

    /** Ran where asked: no reason needed. */
    public static DeviceChoice asRequested(String requested, String actual) {
        return new DeviceChoice(requested, actual, null);
    }

    /** Runs on the CPU although a GPU was asked for or looked for. */
    public static DeviceChoice cpuFallback(String requested, String reason) {
        return new DeviceChoice(requested, "cpu", reason);
    }

    /** True when a GPU was wanted ({@code auto} or {@code cuda:N}) but the CPU is used. */
    public boolean fellBack() {
        return fallbackReason != null;
    }

    /** True when the model runs on a CUDA GPU. */
    public boolean onGpu() {
        return actual.startsWith("cuda");
    }

    /**
     * One line for people: {@code "cuda:0"}, {@code "cpu"}, or
     * {@code "cpu (cuda:0 unavailable: no CUDA GPU found)"}.
     */
    public String describe() {
        if (fallbackReason == null) {
            return actual;
        }
        String asked = requested.equals("auto") ? "no GPU" : requested + " unavailable";
        return actual + " (" + asked + ": " + fallbackReason + ")";
    }

    @Override
    public String toString() {
        return describe();
    }
}
