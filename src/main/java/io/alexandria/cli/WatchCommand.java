package io.alexandria.cli;

import io.alexandria.common.Json;
import io.alexandria.config.Settings;
import io.alexandria.embedding.EmbeddingException;
import io.alexandria.index.QdrantEndpoint;
import io.alexandria.index.QdrantHealth;
import io.alexandria.pipeline.DocumentOutcome;
import io.alexandria.sync.EngineListener;
import io.alexandria.sync.SyncEngine;
import io.alexandria.sync.SyncWatcher;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code watch}: the same engine, headless, for a NAS or server: an initial sync, then file
 * events (or polling) and periodic reconcile scans until stopped. SIGTERM / Ctrl-C stops it
 * cleanly, without a stack trace (see {@link StopSignals}): the watcher closes, each stage finishes
 * its current unit, the run is ended in the ledger ({@code sync_runs.ended_at}) and the database
 * closes last; unfinished work stays queued in H2 and resumes on the next start. Qdrant being down
 * at start is not an error: work queues up. Each document's outcome is printed on stdout; each
 * state transition of the engine on stderr ({@code alexandria: waiting_for_index — …}), or with
 * {@code --json} as a JSON line {@code {"engine":{"state":…,"reason":…,"since":…}}} on stdout
 * beside the outcome lines.
 */
@Command(name = "watch", mixinStandardHelpOptions = true,
        description = "Watch a vault and/or Calibre library and keep Qdrant in step until stopped.")
public final class WatchCommand implements Callable<Integer> {
    /** How long an orderly stop may take before the process exits anyway (stages finish their unit). */
    private static final java.time.Duration STOP_LIMIT = java.time.Duration.ofSeconds(90);
    @Mixin
    ServiceOptions services;
    @Mixin
    SourceOptions sourceOptions;

    @Option(names = "--polling", description = "Scan on a timer instead of file events (network shares).")
    boolean polling;

    @Option(names = "--reconcile-minutes", paramLabel = "N", description = "Minutes between safety-net scans "
            + "(default: the settings', 10).")
    Integer reconcileMinutes;

    @Option(names = "--hostname", paramLabel = "NAME", description = "Host name for points and events.")
    String hostname;

    @Option(names = "--json", description = "Print one JSON line per document outcome.")
    boolean json;

    @Override
    public Integer call() throws EmbeddingException, InterruptedException {
        Settings settings = services.settings();
        QdrantEndpoint endpoint = services.endpoint();
        sourceOptions.check();
        QdrantHealth.Result health = QdrantOptions.probe(endpoint);
        if (health.authFailed()) {
            throw new CliException(health.message());
        }
        if (!health.reachable()) {
            System.err.println("alexandria: " + health.message() + " — watching anyway; work queues until it is back");
        }
        SyncEngine engine = services.openEngine(hostname, sourceOptions, true).engine();
        engine.addListener(new EngineListener() {
            @Override
            public void documentDone(DocumentOutcome o) {
                print(o);
            }
        });
        StateLines states = new StateLines(json ? System.out : System.err, json, true);
        engine.state().addListener(s -> {
            synchronized (this) {
                states.engineStateChanged(s);
            }
        });
        SyncWatcher watcher = new SyncWatcher(engine, SyncWatcher.Options.defaults(
                reconcileMinutes != null ? reconcileMinutes : settings.reconcileMinutes(), polling || settings.polling()));
        CountDownLatch stopped = new CountDownLatch(1);
        AtomicBoolean stopping = new AtomicBoolean();
        // SIGTERM / Ctrl-C: stop the watcher and the engine (which ends the run in the ledger and
        // closes the database) before the JVM's shutdown hooks run (H2 closes the database in one)
        StopSignals.install(() -> {
            try {
                synchronized (stopping) {
                    stopping.set(true);
                    watcher.close();
                }
                engine.close();
            } finally {
                stopped.countDown();
            }
        }, STOP_LIMIT);
        try {
            engine.start("watch");
            engine.scanOnly(false);
            synchronized (stopping) {
                if (!stopping.get()) {
                    watcher.start();
                }
            }
        } catch (RuntimeException e) {
            if (!stopping.get()) {
                throw e;
            }
            // stopped during the first scan: the shutdown hook is closing everything
        }
        if (!stopping.get()) {
            System.err.println("alexandria: watching " + String.join(", ", watcher.states().keySet())
                    + " — Ctrl-C to stop");
        }
        stopped.await();
        return 0;
    }

    private synchronized void print(DocumentOutcome o) {
        if (json) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("outcome", o.kind().name().toLowerCase(java.util.Locale.ROOT));
            m.put("source", o.key().source());
            m.put("source_id", o.key().sourceId());
            m.put("title", o.title());
            m.put("chunks", o.chunks());
            if (o.errorType() != null) {
                m.put("error_type", o.errorType());
                m.put("error", o.detail());
            }
            System.out.println(Json.write(m));
        } else {
            System.out.println(o.kind() + " " + o.key().source() + ":" + o.key().sourceId()
                    + (o.kind() == DocumentOutcome.Kind.INDEXED ? " (" + o.chunks() + " chunks)" : "")
                    + (o.detail() == null ? "" : " — " + o.errorType() + ": " + o.detail()));
        }
        System.out.flush();
    }
}
