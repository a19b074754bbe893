package io.alexandria.cli;

import io.alexandria.app.ReadServices;
import io.alexandria.common.Json;
import io.alexandria.health.HealthReport;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code health}: sync health of this data directory's ledger against Qdrant, with the active
 * model's embedding queue and the state of the engine syncing the directory (the app or a
 * {@code watch}; {@code stopped} when none runs). Exit 0 healthy, 3 degraded.
 */
@Command(name = "health", mixinStandardHelpOptions = true,
        description = "Show sync health: documents per status, sync percentage, Qdrant reachability, alarms.")
public final class HealthCommand implements Callable<Integer> {
    @Mixin
    ServiceOptions services;

    @Option(names = "--json", description = "Print the health object as JSON.")
    boolean json;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        HealthReport r;
        try (ReadServices read = services.readOnly(Duration.ofSeconds(10))) {
            r = read.health().report();
        }
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            out.println(Json.write(r.toJson()));
        } else {
            out.printf("%s — %.1f %% synced (%d of %d documents)%n", r.health(), r.syncPercentage(), r.synced(),
                    r.total());
            out.printf("pending %d, stale %d, failed %d, deleted %d, orphan points %s%n", r.pending(), r.stale(),
                    r.failed(), r.deleted(), r.orphans() < 0 ? "not verified yet" : Long.toString(r.orphans()));
            out.printf("Qdrant: %s%s; events waiting: %d; last sync: %s%n", r.qdrantMessage(),
                    r.qdrantReachable() ? " (" + r.qdrantLatencyMs() + " ms)" : "", r.outboxDepth(),
                    r.lastSync() == null ? "never" : r.lastSync());
            if (r.oldestPending() != null) {
                out.println("oldest waiting work: " + r.oldestPending().toSeconds() + " s");
            }
            out.println("engine: " + r.engine().state() + (r.engine().reason() == null ? "" : " — "
                    + r.engine().reason()) + (r.engine().hostname() == null ? "" : " (" + r.engine().hostname() + ")"));
            if (r.otherHostsPoints() >= 0) {
                out.println("other hosts' data: " + r.otherHostsPoints() + " points of sources this host does not sync "
                        + "(never touched)");
            }
            if (r.eventsParked() > 0) {
                out.println(r.eventsParked() + " events rejected by Qdrant several times (still queued, retried hourly)");
            }
            if (r.lastRestore() != null) {
                out.println("last restore of the index: " + r.lastRestore());
            }
            if (!r.scanProblems().isEmpty()) {
                out.println(r.scanProblems().size() + " paths could not be scanned:");
                r.scanProblems().stream().limit(20).forEach(p -> out.println("  " + p));
            }
            r.alarms().forEach(a -> out.println("ALARM: " + a));
        }
        out.flush();
        return r.healthy() ? 0 : 3;
    }
}
