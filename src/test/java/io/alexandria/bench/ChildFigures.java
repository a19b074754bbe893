package io.alexandria.bench;

import com.sun.management.OperatingSystemMXBean;
import java.lang.management.ManagementFactory;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The line a benchmark child JVM prints at its end for its parent to read: {@code RESULT } and a
 * JSON object with the child's own figures plus {@code cpu_s} (this process's CPU seconds so far,
 * all threads) and {@code peak_rss_mib} (its peak resident set, Linux {@code VmHWM}).
 */
final class ChildFigures {
    static final String PREFIX = "RESULT ";
    private final Map<String, Object> figures = new LinkedHashMap<>();

    ChildFigures put(String key, Object value) {
        figures.put(key, value);
        return this;
    }

    /**
     * CPU seconds of this process's live threads by name (Linux {@code /proc/self/task}; digits
     * and trailing separators dropped so pools add up, e.g. {@code C2 CompilerThread}), largest
     * first; threads that already ended are not counted. Empty elsewhere.
     */
    static Map<String, Double> threadCpu() {
        Map<String, Double> out = new java.util.HashMap<>();
        try (java.util.stream.Stream<java.nio.file.Path> tasks = java.nio.file.Files.list(java.nio.file.Path.of("/proc/self/task"))) {
            for (java.nio.file.Path t : tasks.toList()) {
                String stat;
                try {
                    stat = java.nio.file.Files.readString(t.resolve("stat"));
                } catch (java.io.IOException e) {
                    continue; // the thread ended meanwhile
                }
                int open = stat.indexOf('(');
                int close = stat.lastIndexOf(')');
                String name = stat.substring(open + 1, close).replaceAll("[0-9]+", "").replaceAll("[-#_ ]+$", "");
                String[] f = stat.substring(close + 2).split(" ");
                double sec = (Long.parseLong(f[11]) + Long.parseLong(f[12])) / 100.0; // utime, stime in clock ticks
                out.merge(name, sec, Double::sum);
            }
        } catch (java.io.IOException | RuntimeException e) {
            return Map.of();
        }
        Map<String, Double> sorted = new LinkedHashMap<>();
        out.entrySet().stream().sorted(Map.Entry.<String, Double>comparingByValue().reversed())
                .forEach(e -> sorted.put(e.getKey(), e.getValue()));
        return sorted;
    }

    /** Prints the line (CPU and memory taken now). */
    void print() {
        if (Boolean.getBoolean("bench.threads")) {
            figures.put("threads_cpu_s", threadCpu());
        }
        double cpu = ((OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime() / 1e9;
        figures.put("cpu_s", Double.parseDouble(String.format(Locale.ROOT, "%.3f", cpu)));
        figures.put("peak_rss_mib", Double.parseDouble(String.format(Locale.ROOT, "%.1f", BenchSupport.peakRssMib())));
        System.out.println(PREFIX + io.alexandria.common.Json.write(figures));
        System.out.flush();
    }
}
