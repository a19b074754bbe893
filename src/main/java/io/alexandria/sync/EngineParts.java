package io.alexandria.sync;

import io.alexandria.chunking.Chunker;
import io.alexandria.embedding.Embedder;
import io.alexandria.events.EventFactory;
import io.alexandria.events.EventRecorder;
import io.alexandria.index.ChunkIndex;
import io.alexandria.index.LeaseManager;
import io.alexandria.sources.DocumentSource;
import io.alexandria.store.Counters;
import io.alexandria.store.Database;
import io.alexandria.store.DocumentRow;
import io.alexandria.store.EmbeddingCache;
import io.alexandria.store.Ledger;
import io.alexandria.store.PointDeleteQueue;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** What the stages share: stores, model, index, event factory, sources and listeners. */
final class EngineParts {
    private static final Logger LOG = LoggerFactory.getLogger(EngineParts.class);
    final Database db;
    final Ledger ledger = new Ledger();
    final EmbeddingCache cache = new EmbeddingCache();
    final Counters counters = new Counters();
    final PointDeleteQueue pointDeletes = new PointDeleteQueue();
    final EventRecorder recorder;
    final EventFactory events;
    final Embedder embedder;
    final Chunker chunker;
    final ChunkIndex index;
    final EngineConfig config;
    final Map<String, DocumentSource> sources = new ConcurrentHashMap<>();
    final List<EngineListener> listeners = new CopyOnWriteArrayList<>();
    final Supplier<RunStats> stats;
    /** Set when the engine closes: stages stop between units of work. */
    volatile boolean stopping;
    /** Per-document leases in Qdrant, or null when turned off. */
    final LeaseManager leases;

    EngineParts(Database db, EventRecorder recorder, Embedder embedder, ChunkIndex index, LeaseManager leases,
                EngineConfig config, Supplier<RunStats> stats) {
        this.db = db;
        this.recorder = recorder;
        this.events = new EventFactory(config.hostname());
        this.embedder = embedder;
        this.chunker = new Chunker(embedder.tokenCounter(), config.chunking());
        this.index = index;
        this.config = config;
        this.stats = stats;
        this.leases = leases;
    }

    /** Gives a document's lease back, if leases are on. */
    void release(DocumentRow doc) {
        if (leases != null) {
            leases.release(doc.docUuid());
        }
    }

    static String sourceKey(String kind, String scope) {
        return kind + "\u0000" + scope;
    }

    DocumentSource source(String kind, String scope) {
        return sources.get(sourceKey(kind, scope));
    }

    String model() {
        return embedder.model().id();
    }

    void outcome(DocumentOutcome o) {
        for (EngineListener l : listeners) {
            try {
                l.documentDone(o);
            } catch (RuntimeException ignored) {
                // a listener's bug must not stop the pipeline
            }
        }
    }

    /**
     * Fails one document for bad input: ledger row failed with the reason, and {@code ingest_start}
     * (when {@code started} is given) plus {@code ingest_error} queued, in one transaction.
     */
    void fail(DocumentRow doc, Instant started, String type, String message, Throwable cause,
              Map<String, Object> payload) {
        LOG.warn("cannot ingest {}: {} ({})", doc.key(), message, type);
        db.inTransactionVoid(c -> {
            ledger.saveFailed(c, doc.id(), type, message);
            if (started != null) {
                recorder.record(c, events.ingestStart(doc, payload, started, doc.runId()));
            }
            recorder.record(c, events.ingestError(doc, payload, Instant.now(), doc.runId(), type, message, cause));
        });
        release(doc);
        stats.get().failed.incrementAndGet();
        outcome(new DocumentOutcome(doc.key(), doc.title(), DocumentOutcome.Kind.FAILED, 0, type, message));
    }

    void activity(String stage, String title) {
        for (EngineListener l : listeners) {
            try {
                l.activity(stage, title);
            } catch (RuntimeException ignored) {
                // a listener's bug must not stop the pipeline
            }
        }
    }
}
