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

    /** Prints the line (CPU and memory taken now). */
    void print() {
        double cpu = ((OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime() / 1e9;
        figures.put("cpu_s", Double.parseDouble(String.format(Locale.ROOT, "%.3f", cpu)));
        figures.put("peak_rss_mib", Double.parseDouble(String.format(Locale.ROOT, "%.1f", BenchSupport.peakRssMib())));
        System.out.println(PREFIX + io.alexandria.common.Json.write(figures));
        System.out.flush();
    }
}
