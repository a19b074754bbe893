package io.alexandria.pipeline;

import io.alexandria.chunking.Chunk;
import io.alexandria.chunking.Chunker;
import io.alexandria.common.Json;
import io.alexandria.embedding.ModelSpec;
import io.alexandria.extraction.ExtractedDocument;
import io.alexandria.extraction.ExtractionException;
import io.alexandria.extraction.ExtractionLimits;
import io.alexandria.index.LeaseManager;
import io.alexandria.index.QdrantException;
import io.alexandria.sources.DocumentFile;
import io.alexandria.sources.DocumentSource;
import io.alexandria.store.DocumentRow;
import io.alexandria.store.PendingChunk;
import io.alexandria.store.Stage;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Stage detected → chunked: extracts and chunks claimed documents and makes the
 * {@link PipelineStore#chunked} transition (pending chunks plus {@code ingest_start}, one
 * transaction per document), or {@link PipelineStore#adopted} when Qdrant already holds the
 * document. Anything that goes wrong with one document — bad input, a chunker failure, even an
 * {@link Error} — fails only that document; only outages and database failures hold the stage.
 *
 * <p>Documents are taken in batches so that a vault of many small notes costs a few Qdrant round
 * trips per batch, not per note: the batch's leases are taken in one go ({@link Leases#acquireAll}),
 * the documents are extracted and chunked one after another, and the batch's adoption check is one
 * retrieve ({@link Adopter#adoptAll}). The batch's size follows the chunks per document seen so
 * far, so the backlog stays near {@code maxAhead}; documents a batch could not take (the backlog
 * filled up, the engine closes) give their lease back and stay detected.
 *
 */
final class ExtractStage implements PipelineStage {
    private static final Logger LOG = LoggerFactory.getLogger(ExtractStage.class);
    /** Most documents per batch. */
    static final int CLAIM = 32;
    private static final long LEASE_RECHECK_MS = 2_000;
    /** Chunks per document assumed before any was chunked. */
    private static final int FIRST_GUESS = 8;
    private final PipelineStore store;
    private final SourceRegistry sources;
    private final Chunker chunker;
    private final ModelSpec model;
    private final int prefixTokens;
    private final ExtractionLimits limits;
    private final int maxAhead;
    private final Leases leases;
    private final Adopter adopter;
    private final DocumentFailures failures;
    private final PipelineObserver observer;
    private final Supplier<RunStats> stats;
    private final BooleanSupplier stopping;
    /** Chunks per document so far, for sizing batches (the stage's worker thread only). */
    private final Average averageChunks = new Average();

    /**
     * @param model        the model in use: its passage input makes each chunk's model input, its
     *                     {@link ModelSpec#key()} keys the embedding backlog that bounds this stage
     * @param prefixTokens model tokens of the model's passage prefix (0 when it has none)
     * @param maxAhead     most pending chunks waiting for the model before this stage pauses (backpressure)
     * @param stopping     true once the engine closes: the stage stops between documents
     */
    ExtractStage(PipelineStore store, SourceRegistry sources, Chunker chunker, ModelSpec model, int prefixTokens,
                 ExtractionLimits limits, int maxAhead, Leases leases, Adopter adopter, DocumentFailures failures,
                 PipelineObserver observer, Supplier<RunStats> stats, BooleanSupplier stopping) {
        this.store = store;
        this.sources = sources;
        this.chunker = chunker;
        this.model = model;
        this.prefixTokens = prefixTokens;
        this.limits = limits;
        this.maxAhead = maxAhead;
        this.leases = leases;
        this.adopter = adopter;
        this.failures = failures;
        this.observer = observer;
        this.stats = stats;
        this.stopping = stopping;
    }

    @Override
    public String name() {
        return "extract";
    }

    /**
     * Extracts one batch of detected documents, as many as the backlog's room and the chunks per
     * document seen so far allow (at least one, at most {@value #CLAIM}); nothing while more than
     * half of {@code maxAhead} waits for the model (backpressure): a host does not lease more
     * documents than it can embed soon, so several hosts share a library's work, and the backlog
     * is refilled in large batches.
     */
    @Override
    public boolean runOnce() {
        int waiting = store.chunksAwaitingEmbedding(model.key());
        int room = maxAhead - waiting;
        if (room <= 0 || stopping.getAsBoolean() || (waiting > 0 && room < maxAhead / 2)) {
            return false; // the backlog refills once half of it is embedded: fewer, larger batches
        }
        int perDoc = Math.max(1, averageChunks.perDocument());
        List<DocumentRow> docs = store.claim(Stage.DETECTED, Math.clamp(room / perDoc, 1, CLAIM));
        if (docs.isEmpty()) {
            return false;
        }
        List<DocumentRow> mine = leased(docs);
        List<Adopter.Candidate> ready = new ArrayList<>();
        int taken = 0;
        try {
            for (DocumentRow doc : mine) {
                if (stopping.getAsBoolean() || (taken > 0 && room <= 0)) {
                    break;
                }
                long t0 = System.nanoTime();
                Instant started = Instant.now();
                Adopter.Candidate c = null;
                try {
                    c = extract(doc, started);
                } catch (RuntimeException | Error e) {
                    failures.failOrRethrow(doc, started, e, Json.readMap(doc.metadataJson()));
                }
                stats.get().extractNanos.addAndGet(System.nanoTime() - t0);
                taken++;
                if (c != null) {
                    ready.add(c);
                    room -= c.pending().size();
                    averageChunks.add(c.pending().size());
                }
            }
            commit(ready);
        } finally {
            List<UUID> untouched = new ArrayList<>();
            for (DocumentRow doc : mine.subList(taken, mine.size())) {
                untouched.add(doc.docUuid());
            }
            leases.releaseAll(untouched);
        }
        return taken > 0 || mine.size() < docs.size();
    }

    /** A running mean (thread-confined to the stage's worker). */
    private static final class Average {
        private long docs;
        private long chunks;

        void add(int n) {
            docs++;
            chunks += n;
        }

        int perDocument() {
            return docs == 0 ? FIRST_GUESS : (int) Math.ceil((double) chunks / docs);
        }
    }

    /**
     * Extracts and chunks one document.
     *
     * @return the document ready to be committed, or null when it failed (already recorded)
     */
    private Adopter.Candidate extract(DocumentRow doc, Instant started) {
        long t0 = System.nanoTime();
        DocumentSource source = sources.find(doc.key().source(), doc.key().scope());
        if (source == null) {
            failures.fail(doc, started, "SourceNotConfigured", "no configured source for " + doc.key(), null, Map.of());
            return null;
        }
        observer.activity(name(), doc.title());
        DocumentFile file = new DocumentFile(doc.filePath(), doc.format());
        ExtractedDocument extracted;
        try {
            extracted = source.extract(file, limits);
        } catch (ExtractionException e) {
            failures.fail(doc, started, e.errorType(), e.getMessage(), e, Json.readMap(doc.metadataJson()));
            return null;
        }
        Map<String, Object> docPayload = new LinkedHashMap<>(source.contentPayload(file, extracted));
        docPayload.putAll(Json.readMap(doc.metadataJson()));
        Object payloadTitle = docPayload.remove("title");
        String title = payloadTitle != null ? payloadTitle.toString() : doc.title();
        List<Chunk> chunks;
        try {
            chunks = chunker.chunk(extracted);
        } catch (RuntimeException e) {
            failures.fail(doc, started, "ChunkingError", String.valueOf(e.getMessage()), e, docPayload);
            return null;
        }
        if (!extracted.warnings().isEmpty()) {
            LOG.info("{}: {}", doc.key(), String.join("; ", extracted.warnings()));
        }
        List<PendingChunk> pending = PendingChunks.of(doc, chunks, model, prefixTokens);
        return new Adopter.Candidate(doc.withTitle(title), pending, docPayload, started,
                (System.nanoTime() - t0) / 1_000_000);
    }

    /**
     * Commits a batch: the documents Qdrant already holds are adopted (one check for the batch,
     * their leases given back together), the others move to the chunked stage.
     */
    private void commit(List<Adopter.Candidate> ready) {
        if (ready.isEmpty()) {
            return;
        }
        Set<Long> adopted = adopter.adoptAll(ready);
        List<UUID> release = new ArrayList<>();
        for (Adopter.Candidate c : ready) {
            if (adopted.contains(c.doc().id())) {
                release.add(c.doc().docUuid());
                continue;
            }
            try {
                store.chunked(c.doc(), c.doc().title(), c.docPayload(), c.pending(), c.started(), c.chunkingMs());
            } catch (RuntimeException | Error e) {
                failures.failOrRethrow(c.doc(), c.started(), e, c.docPayload());
            }
        }
        leases.releaseAll(release);
    }

    /**
     * Takes the batch's leases when leases are on. Documents another host holds wait (the
     * {@link PipelineStore#deferred} transition: still detected, retried shortly) and are left
     * out. When Qdrant cannot be reached the work goes on without leases (it is queued anyway).
     *
     * @return the documents this host may work on, in claim order
     */
    private List<DocumentRow> leased(List<DocumentRow> docs) {
        if (!leases.on()) {
            return docs;
        }
        Map<UUID, LeaseManager.Lease> taken;
        try {
            taken = leases.acquireAll(docs.stream().map(DocumentRow::docUuid).toList());
        } catch (QdrantException e) {
            return docs;
        }
        List<DocumentRow> mine = new ArrayList<>();
        long now = System.currentTimeMillis();
        for (DocumentRow doc : docs) {
            LeaseManager.Lease lease = taken.get(doc.docUuid());
            if (lease != null && lease.acquired()) {
                mine.add(doc);
                continue;
            }
            long until = lease == null ? 0 : lease.expiresAtMs();
            Instant retry = Instant.ofEpochMilli(Math.min(until + 1, now + LEASE_RECHECK_MS));
            String why = "being ingested by " + (lease == null ? "another host" : lease.holder());
            store.deferred(doc.id(), retry, why);
            observer.documentDone(new DocumentOutcome(doc.key(), doc.title(), DocumentOutcome.Kind.SKIPPED, 0,
                    "Leased", why));
        }
        return mine;
    }
}
