package io.alexandria.bench;

import com.sun.management.OperatingSystemMXBean;
import io.alexandria.sources.vault.VaultSource;
import io.alexandria.sync.SyncEngine;
import io.alexandria.sync.SyncSummary;
import io.alexandria.testsupport.Corpus;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.management.ObjectName;

/**
 * One JVM of {@link MemoryBenchmark}: three first syncs of the corpus vault, one after the
 * other, each by a new engine (a fresh data folder: nothing cached; a fresh Qdrant: nothing to
 * adopt), as the app does after a model switch or a data-folder change. After each sync, and after
 * each engine closed, prints the resident set now and at its peak, the heap in use after a GC,
 * and the JVM's own native memory (Native Memory Tracking, when on): what is left — the resident
 * set beyond the JVM's committed memory — is the model's native side (ONNX Runtime's session and
 * arena, the tokenizers). Arguments: vault folder, work folder, then one Qdrant URL per sync.
 */
final class MemoryChild {
    private MemoryChild() {
    }

    public static void main(String[] args) throws Exception {
        Path vault = Path.of(args[0]);
        Path work = Path.of(args[1]);
        OperatingSystemMXBean os = (OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        line("start", 0, 0);
        for (int i = 2; i < args.length; i++) {
            int n = i - 1;
            Path copy = Corpus.copy(vault, work.resolve("vault-" + n).resolve("obsidian-tasks-docs"));
            System.setProperty("bench.qdrant", args[i]);
            long cpu0 = os.getProcessCpuTime();
            long t0 = System.nanoTime();
            SyncSummary s;
            try (BenchSupport.Target target = new BenchSupport.Target();
                 SyncEngine engine = BenchSupport.engine(work.resolve("data-" + n), target, "bench-host")) {
                engine.addSource(new VaultSource(copy, List.of()));
                engine.start("sync");
                long s0 = System.nanoTime();
                s = engine.syncNow(false, Duration.ofHours(1));
                double sync = (System.nanoTime() - s0) / 1e9;
                System.out.printf(Locale.ROOT, "sync %d: %d chunks in %.1f s (%.1f chunks/s), CPU %.1f s%n", n, s.chunks(),
                        sync, s.chunks() / sync, (os.getProcessCpuTime() - cpu0) / 1e9);
                line("after sync " + n, cpu0, t0);
            }
            line("after close " + n, cpu0, t0);
        }
        new ChildFigures().print();
        System.exit(0);
    }

    private static void line(String when, long cpu0, long t0) {
        System.gc();
        MemoryMXBean mem = ManagementFactory.getMemoryMXBean();
        double heapUsed = mem.getHeapMemoryUsage().getUsed() / 1048576.0;
        double heapCommitted = mem.getHeapMemoryUsage().getCommitted() / 1048576.0;
        double nmt = nmtCommittedMib();
        double rss = rssMib("VmRSS:");
        System.out.printf(Locale.ROOT, "%-14s RSS %5.0f MiB (peak %5.0f), heap used %4.0f of %4.0f MiB committed%s%n",
                when, rss, rssMib("VmHWM:"), heapUsed, heapCommitted, nmt < 0 ? ""
                        : String.format(Locale.ROOT, ", JVM native memory (NMT) %4.0f MiB committed, the rest %4.0f MiB",
                                nmt, rss - nmt));
    }

    private static double rssMib(String key) {
        try {
            for (String l : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (l.startsWith(key)) {
                    return Long.parseLong(l.replaceAll("[^0-9]", "")) / 1024.0;
                }
            }
        } catch (Exception e) {
            return -1;
        }
        return -1;
    }

    /** The JVM's committed memory as Native Memory Tracking reports it, MiB, or -1 when NMT is off. */
    private static double nmtCommittedMib() {
        try {
            String out = (String) ManagementFactory.getPlatformMBeanServer().invoke(
                    new ObjectName("com.sun.management:type=DiagnosticCommand"), "vmNativeMemory",
                    new Object[] {new String[] {"summary", "scale=KB"}}, new String[] {String[].class.getName()});
            Matcher m = Pattern.compile("Total: reserved=\\d+KB, committed=(\\d+)KB").matcher(out);
            return m.find() ? Long.parseLong(m.group(1)) / 1024.0 : -1;
        } catch (Exception e) {
            return -1;
        }
    }
}
