package io.alexandria.cli;

import io.alexandria.common.Json;
import io.alexandria.events.EventFactory;
import io.alexandria.events.EventStats;
import io.alexandria.events.HostStats;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code stats}: ingestion totals and a per-host table (as the user's {@code view_events.py --stats});
 * {@code --json} prints the user's {@code get_stats()} keys plus Alexandria's ({@link EventStats#toJson()}).
 */
@Command(name = "stats", mixinStandardHelpOptions = true,
        description = "Show ingestion statistics: totals and per host.")
public final class StatsCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;
    @Mixin
    ServiceOptions services;

    @Option(names = "--json", description = "Print one JSON object: the get_stats keys plus per-host figures.")
    boolean json;

    @Override
    public Integer call() throws Exception {
        EventStats stats = EventsCli.run(services, service -> service.stats());
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            out.println(Json.write(stats.toJson()));
            out.flush();
            return 0;
        }
        out.println("=== Ingestion Statistics ===");
        out.printf(Locale.ROOT, "Total books ingested: %,d%n", stats.totalBooksIngested());
        out.printf(Locale.ROOT, "Total chunks created: %,d%n", stats.totalChunksCreated());
        out.printf(Locale.ROOT, "Total duration: %.1f hours%n", stats.totalDurationHours());
        out.printf(Locale.ROOT, "Avg chunks/book: %.0f%n", stats.avgChunksPerBook());
        out.printf(Locale.ROOT, "Events: %,d (errors: %,d)%n", stats.totalEvents(), stats.totalErrors());
        if (stats.hosts().isEmpty()) {
            out.flush();
            return 0;
        }
        out.println();
        List<String[]> rows = new ArrayList<>();
        rows.add(new String[] {"HOST", "EVENTS", "BOOKS", "CHUNKS", "ERRORS", "CHUNKS/S", "AVG DOC (s)",
            "LAST ACTIVITY"});
        for (HostStats h : stats.hosts().values()) {
            rows.add(new String[] {h.hostname(), String.format(Locale.ROOT, "%,d", h.events()),
                String.format(Locale.ROOT, "%,d", h.books()), String.format(Locale.ROOT, "%,d", h.chunks()),
                String.format(Locale.ROOT, "%,d", h.errors()), String.format(Locale.ROOT, "%.1f", h.chunksPerSecond()),
                String.format(Locale.ROOT, "%.1f", h.avgDocumentSec()),
                h.lastActivity() == null ? "-" : EventFactory.timestamp(h.lastActivity())});
        }
        int[] width = new int[rows.getFirst().length];
        for (String[] r : rows) {
            for (int i = 0; i < r.length; i++) {
                width[i] = Math.max(width[i], r[i].length());
            }
        }
        for (String[] r : rows) {
            StringBuilder line = new StringBuilder();
            for (int i = 0; i < r.length; i++) {
                boolean numeric = i > 0 && i < r.length - 1;
                String pad = " ".repeat(width[i] - r[i].length());
                line.append(numeric ? pad + r[i] : r[i] + pad).append("  ");
            }
            out.println(line.toString().stripTrailing());
        }
        out.flush();
        return 0;
    }
}
