package io.alexandria.cli;

import io.alexandria.app.Assembly;
import io.alexandria.common.Json;
import io.alexandria.embedding.EmbeddingException;
import io.alexandria.health.Verifier;
import io.alexandria.sync.SyncEngine;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code verify}: compare the ledger with Qdrant and repair what is wrong ({@code docs/architecture.md},
 * "Verify and repair" and "Ownership"): only points of sources this host syncs are deleted, and only
 * once the source itself no longer holds their document; other hosts' data is counted, never
 * touched. Exit 0 when the repairs are done, 2 when some are still queued.
 */
@Command(name = "verify", mixinStandardHelpOptions = true,
        description = "Compare the local ledger with Qdrant (points per document, orphans) and repair.")
public final class VerifyCommand implements Callable<Integer> {
    @Mixin
    ServiceOptions services;
    @Mixin
    SourceOptions sourceOptions;

    @Option(names = "--json", description = "Print the findings as JSON.")
    boolean json;

    @Option(names = "--max-wait", paramLabel = "SECONDS", defaultValue = "600",
            description = "How long to wait for the repairs to finish (default: ${DEFAULT-VALUE}).")
    long maxWaitSeconds;

    @Override
    public Integer call() throws EmbeddingException, InterruptedException {
        QdrantOptions.requireReachable(services.endpoint());
        // verify works on the ledger alone; re-ingesting and deciding about orphans needs the sources
        try (Assembly assembly = services.openEngine(null, sourceOptions, false)) {
            SyncEngine engine = assembly.engine();
            engine.start("verify");
            SyncEngine.Verification v = engine.verify(true);
            Verifier.Report r = v.report();
            Verifier.Repair done = v.repair();
            boolean idle = engine.awaitIdle(Duration.ofSeconds(maxWaitSeconds));
            Map<String, Object> out = new LinkedHashMap<>();
            out.put("documents_checked", r.documentsChecked());
            out.put("mismatched_documents", r.mismatched().size());
            out.put("missing_points", r.missingPoints());
            out.put("orphan_documents", r.orphanDocuments().size());
            out.put("orphan_points", r.orphanPoints());
            out.put("orphan_points_deleted", done.orphanPointsDeleted());
            out.put("documents_requeued", done.requeued());
            out.put("documents_not_repaired", done.skipped());
            out.put("failed", r.failed());
            out.put("failed_requeued", done.failedRequeued());
            out.put("failed_left", done.failedLeft());
            out.put("other_hosts_points", r.otherPoints());
            out.put("kept_documents", r.keptDocuments());
            out.put("unchecked_documents", r.uncheckedDocuments());
            out.put("repairs_complete", idle);
            if (json) {
                System.out.println(Json.write(out));
            } else {
                System.out.printf("checked %d documents: %d with wrong point counts (%d points missing; %d re-queued%s)%n",
                        r.documentsChecked(), r.mismatched().size(), r.missingPoints(), done.requeued(),
                        done.skipped() == 0 ? "" : ", " + done.skipped() + " not repaired: their source is not "
                                + "configured here");
                System.out.printf("%d orphan points of %d documents their source no longer holds: %d deleted%n",
                        r.orphanPoints(), r.orphanDocuments().size(), done.orphanPointsDeleted());
                System.out.printf("%d failed: %d re-queued, %d left (bad input, or their source is not configured "
                        + "here)%n", r.failed(), done.failedRequeued(), done.failedLeft());
                System.out.printf("%d points of other hosts' sources (not touched)%s%s%n", r.otherPoints(),
                        r.keptDocuments() == 0 ? "" : "; " + r.keptDocuments() + " documents of this host's sources "
                                + "synced by another host kept",
                        r.uncheckedDocuments() == 0 ? "" : "; " + r.uncheckedDocuments() + " documents kept: their "
                                + "source could not be asked");
                System.out.println("repairs " + (idle ? "done" : "still queued"));
            }
            return idle ? 0 : 2;
        }
    }
}
