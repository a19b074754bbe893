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
 * "Verify and repair").
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
        // verify works on the ledger alone; re-ingesting needs the sources
        try (Assembly assembly = services.openEngine(null, sourceOptions, false)) {
            SyncEngine engine = assembly.engine();
            engine.start("verify");
            Verifier.Report r = engine.verifyAndRepair();
            boolean done = engine.awaitIdle(Duration.ofSeconds(maxWaitSeconds));
            Map<String, Object> out = new LinkedHashMap<>();
            out.put("documents_checked", r.documentsChecked());
            out.put("mismatched_documents", r.mismatched().size());
            out.put("missing_points", r.missingPoints());
            out.put("orphan_documents", r.orphanDocuments().size());
            out.put("orphan_points", r.orphanPoints());
            out.put("failed_requeued", r.failed());
            out.put("repairs_complete", done);
            if (json) {
                System.out.println(Json.write(out));
            } else {
                System.out.printf("checked %d documents: %d with wrong point counts (%d points missing), %d orphan "
                        + "points of %d vanished documents, %d failed re-queued — repairs %s%n", r.documentsChecked(),
                        r.mismatched().size(), r.missingPoints(), r.orphanPoints(), r.orphanDocuments().size(),
                        r.failed(), done ? "done" : "still queued");
            }
            return done ? 0 : 2;
        }
    }
}
