package io.alexandria.cli;

import io.alexandria.common.Json;
import io.alexandria.config.AppPaths;
import io.alexandria.config.Settings;
import io.alexandria.health.HealthReport;
import io.alexandria.health.HealthService;
import io.alexandria.index.QdrantConnector;
import io.alexandria.index.QdrantEndpoint;
import io.alexandria.store.Database;
import io.qdrant.client.QdrantClient;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code health}: sync health of this data directory's ledger against Qdrant. Exit 0 healthy, 3 degraded. */
@Command(name = "health", mixinStandardHelpOptions = true,
        description = "Show sync health: documents per status, sync percentage, Qdrant reachability, alarms.")
public final class HealthCommand implements Callable<Integer> {
    @Mixin
    DataDirOption data;
    @Mixin
    QdrantOptions qdrant;

    @Option(names = "--json", description = "Print the health object as JSON.")
    boolean json;

    @Override
    public Integer call() {
        AppPaths paths = data.paths();
        Settings settings = data.settings();
        QdrantEndpoint endpoint = qdrant.endpoint(settings);
        HealthReport r;
        try (Database db = Database.open(paths.dataDir());
             QdrantClient client = QdrantConnector.connect(endpoint, Duration.ofSeconds(10))) {
            r = new HealthService(db, client, endpoint, settings.model()).report();
        }
        if (json) {
            System.out.println(Json.write(r.toJson()));
        } else {
            System.out.printf("%s — %.1f %% synced (%d of %d documents)%n", r.health(), r.syncPercentage(), r.synced(),
                    r.total());
            System.out.printf("pending %d, stale %d, failed %d, deleted %d, orphan points %s%n", r.pending(), r.stale(),
                    r.failed(), r.deleted(), r.orphans() < 0 ? "not verified yet" : Long.toString(r.orphans()));
            System.out.printf("Qdrant: %s%s; events waiting: %d; last sync: %s%n", r.qdrantMessage(),
                    r.qdrantReachable() ? " (" + r.qdrantLatencyMs() + " ms)" : "", r.outboxDepth(),
                    r.lastSync() == null ? "never" : r.lastSync());
            if (r.oldestPending() != null) {
                System.out.println("oldest waiting work: " + r.oldestPending().toSeconds() + " s");
            }
            r.alarms().forEach(a -> System.out.println("ALARM: " + a));
        }
        return r.healthy() ? 0 : 3;
    }
}
