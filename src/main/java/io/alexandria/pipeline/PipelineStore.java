package io.alexandria.pipeline;

import io.alexandria.common.Json;
import io.alexandria.events.EventFactory;
import io.alexandria.events.EventPublisher;
import io.alexandria.events.EventRecorder;
import io.alexandria.store.AppState;
import io.alexandria.store.ChunkRow;
import io.alexandria.store.Counters;
import io.alexandria.store.Database;
import io.alexandria.store.DocumentKey;
import io.alexandria.store.DocumentRow;
import io.alexandria.store.EmbeddingCache;
import io.alexandria.store.EventOutbox;
import io.alexandria.store.Ledger;
import io.alexandria.store.PendingChunk;
import io.alexandria.store.PointDeleteQueue;
import io.alexandria.store.RebuildStore;
import io.alexandria.store.RunLog;
import io.alexandria.store.SourceFacts;
import io.alexandria.store.Stage;
import io.qdrant.client.QdrantClient;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * The durable pipeline's one seam onto the local database: every method that changes a document's
 * stage is one transition of the state machine in {@code docs/architecture.md} ("Pipeline stages
 * and transitions"), runs in exactly one transaction of its own, and queues the events that
 * transition produces in the outbox inside that same transaction — so a transition and its events
 * are committed together or not at all, and a crash between two transitions resumes at the
 * second. Reads (claims, vectors, queue depths) are single short transactions too.
 *
 * <p>Nothing outside the engine holds this store; stages get it from their constructor. All
 * methods are thread-safe (each uses its own pooled connection) and throw
 * {@link io.alexandria.store.StoreException} when H2 fails (the stage then backs off and retries:
 * no transition is half-done).
 */
public final class PipelineStore {
    private final Database db;
    private final Ledger ledger = new Ledger();
    private final EmbeddingCache cache = new EmbeddingCache();
    private final Counters counters = new Counters();
    private final PointDeleteQueue pointDeletes = new PointDeleteQueue();
    private final EventOutbox outbox = new EventOutbox();
    private final RebuildStore rebuild = new RebuildStore();
    private final RunLog runs = new RunLog();
    private final AppState state = new AppState();
    private final EventRecorder recorder = new EventRecorder(outbox);
    private final EventFactory events;
    private EventPublisher publisher;
    private QdrantClient publisherClient;

    /**
     * @param db       the ledger
     * @param hostname the host the queued events are attributed to
     */
    public PipelineStore(Database db, String hostname) {
        this.db = db;
        this.events = new EventFactory(hostname);
    }

    /**
     * The publisher that drains this store's outbox into Qdrant's events collection: one per store
     * and client (the events stage and the engine's index guardian share it).
     */
    public synchronized EventPublisher eventPublisher(QdrantClient client) {
        if (publisher == null || publisherClient != client) {
            publisher = new EventPublisher(db, outbox, client, events.hostname());
            publisherClient = client;
        }
        return publisher;
    }

    // ---------------------------------------------------------------- reads

    /**
     * Claims work: up to {@code limit} documents waiting in {@code stage} whose retry backoff has
     * passed, oldest first. One engine runs per data directory ({@link io.alexandria.store.EngineLock})
     * and each stage has one worker, so a claim needs no lock: the rows stay in their stage until
     * the stage's transition moves them on.
     */
    public List<DocumentRow> claim(Stage stage, int limit) {
        return db.inTransaction(c -> ledger.waiting(c, stage, limit));
    }

    /** The document with ledger id {@code id}, if it is still there. */
    public Optional<DocumentRow> document(long id) {
        return db.inTransaction(c -> ledger.get(c, id));
    }

    /** The documents with these keys that the ledger holds (any status), by key. */
    public Map<DocumentKey, DocumentRow> find(Collection<DocumentKey> keys) {
        return db.inTransaction(c -> {
            Map<DocumentKey, DocumentRow> out = new LinkedHashMap<>();
            for (DocumentKey k : keys) {
                ledger.find(c, k).ifPresent(row -> out.put(k, row));
            }
            return out;
        });
    }

    /** Every document, by id. */
    public List<DocumentRow> documents() {
        return db.inTransaction(ledger::listAll);
    }

    /** Every document of one source and scope (a vault, a library), deleted ones included. */
    public List<DocumentRow> documents(String source, String scope) {
        return db.inTransaction(c -> ledger.listScope(c, source, scope));
    }

    /** Pending chunks still waiting for a vector of {@code model} (the embed stage's backlog). */
    public int chunksAwaitingEmbedding(String model) {
        return db.inTransaction(c -> ledger.chunksAwaitingEmbedding(c, model));
    }

    /**
     * Claims embedding work: pending chunks of chunked documents that have no vector for
     * {@code model}, one per distinct text hash, at most {@code limit}, oldest document first.
     */
    public List<PendingChunk> claimChunksToEmbed(String model, int limit) {
        return db.inTransaction(c -> ledger.chunksToEmbed(c, model, limit));
    }

    /** A document's pending chunks (its next version), in ordinal order. */
    public List<PendingChunk> pendingChunks(long documentId) {
        return db.inTransaction(c -> ledger.pending(c, documentId));
    }

    /** The chunks the ledger records as in Qdrant for a document, in ordinal order. */
    public List<ChunkRow> chunks(long documentId) {
        return db.inTransaction(c -> ledger.chunks(c, documentId));
    }

    /** The cached vectors ({@code float[dimension]}) of {@code model} among {@code textHashes}, by hash. */
    public Map<String, float[]> vectors(String model, Collection<String> textHashes) {
        return db.inTransaction(c -> cache.get(c, model, textHashes));
    }

    /** Claims up to {@code limit} queued point deletions, oldest first. */
    public List<PointDeleteQueue.Item> claimPointDeletes(int limit) {
        return db.inTransaction(c -> pointDeletes.peek(c, limit));
    }

    /** The queues' depths now (one transaction of counts), for the engine's state. */
    public Queues queues(String model) {
        return db.inTransaction(c -> {
            int publishable = outbox.publishable(c, EventPublisher.MAX_ATTEMPTS);
            Duration oldest = ledger.oldestWaiting(c).map(t -> Duration.between(t, Instant.now())).orElse(null);
            return new Queues(ledger.stageCounts(c), ledger.chunksAwaitingEmbedding(c, model), outbox.depth(c),
                    publishable, pointDeletes.depth(c), oldest);
        });
    }

    /**
     * What waits to be extracted, per file format ({@code ""} when unknown): documents and their
     * summed size in bytes (for the engine's time-left estimate).
     */
    public Map<String, Ledger.FormatTotals> waitingToExtract() {
        return db.inTransaction(c -> ledger.sizesInStage(c, Stage.DETECTED));
    }

    /**
     * How many chunks a byte of each file format yielded so far: per format, the synced
     * documents' count, summed bytes and summed chunks.
     */
    public Map<String, Ledger.FormatTotals> chunkYield() {
        return db.inTransaction(ledger::chunkYield);
    }

    /** A small durable fact ({@link AppState}'s keys), if set. */
    public Optional<String> fact(String key) {
        return db.inTransaction(c -> state.get(c, key));
    }

    /** Every durable fact whose key starts with {@code prefix}, by key. */
    public Map<String, String> facts(String prefix) {
        return db.inTransaction(c -> state.withPrefix(c, prefix));
    }

    /** Sets (or, with {@code null}, removes) a small durable fact ({@link AppState}'s keys). */
    public void putFact(String key, String value) {
        db.inTransactionVoid(c -> state.put(c, key, value));
    }

    // ---------------------------------------------------------------- scan: a source's listing against the ledger

    /** A new document was listed: inserted as pending, stage detected. Returns its ledger id. */
    public long detected(DocumentKey key, UUID docUuid, SourceFacts facts, UUID runId) {
        return db.inTransaction(c -> ledger.insertDetected(c, key, docUuid, facts, runId));
    }

    /**
     * A known document's content changed (or it came back): queued for re-ingest (stage
     * detected; status stale when an older version is in Qdrant, else pending; errors cleared).
     */
    public void changed(long id, SourceFacts facts, UUID runId) {
        db.inTransactionVoid(c -> ledger.markDetected(c, id, facts, runId));
    }

    /** A vanished note reappeared under a new path with the same content: new identity, re-ingest. */
    public void renamed(long id, DocumentKey newKey, UUID newDocUuid, SourceFacts facts, UUID runId) {
        db.inTransactionVoid(c -> ledger.rename(c, id, newKey, newDocUuid, facts, runId));
    }

    /** Only size or modification time moved (content unchanged): the new facts are kept, no work. */
    public void factsRefreshed(long id, SourceFacts facts) {
        db.inTransactionVoid(c -> ledger.refreshFacts(c, id, facts));
    }

    /** Only metadata changed (a Calibre title, a note's path): queued for a payload update, stage payload. */
    public void metadataChanged(long id, SourceFacts facts, UUID runId) {
        db.inTransactionVoid(c -> ledger.markPayloadUpdate(c, id, facts, runId));
    }

    /**
     * Qdrant lost the points of these synced documents (a wiped or re-created collection): each is
     * queued for a re-upload — stage detected, status pending, {@code restoring} — re-extracted
     * from its source with its vectors from the embedding cache (nothing is embedded again), and
     * its {@code chunked} and {@code uploaded} transitions queue no events (those of its ingest are
     * kept). Documents no longer synced and idle are left alone.
     *
     * @return how many documents were queued
     */
    public int restoring(Collection<Long> ids, UUID runId) {
        return db.inTransaction(c -> ledger.markRestoring(c, ids, runId));
    }

    /** Documents still being restored, and their points by the ledger ({@code [documents, points]}). */
    public long[] restoringCounts() {
        return db.inTransaction(ledger::restoringCounts);
    }

    /**
     * Documents of one source and scope that had been indexed and left their source at or after
     * {@code since} (the mass-deletion guard's window).
     */
    public int recentDeletions(String source, String scope, Instant since) {
        return db.inTransaction(c -> ledger.recentDeletions(c, source, scope, since));
    }

    /** The document left its source: queued for deletion of its points, stage deleting. */
    public void vanished(long id, UUID runId) {
        db.inTransactionVoid(c -> ledger.markDeleting(c, id, runId));
    }

    // ---------------------------------------------------------------- extract: detected → chunked

    /**
     * Extraction and chunking succeeded: the pending chunks are stored, the document moves to the
     * chunked stage under the title extraction found, and {@code ingest_start} is queued.
     *
     * @param started    when the ingest began
     * @param chunkingMs time spent extracting and chunking, ms
     */
    public void chunked(DocumentRow doc, String title, Map<String, Object> docPayload, List<PendingChunk> chunks,
                        Instant started, long chunkingMs) {
        db.inTransactionVoid(c -> {
            boolean restoring = ledger.restoring(c, doc.id());
            ledger.saveChunked(c, doc.id(), title, Json.write(docPayload), chunks, started, chunkingMs);
            if (!restoring) { // a restore re-uploads what was ingested before: its events are there already
                recorder.record(c, events.ingestStart(doc.withTitle(title), docPayload, started, doc.runId()));
            }
        });
    }

    /**
     * Qdrant already holds every point of the freshly chunked document with this content (another
     * host synced it first): its vectors go to the cache and it is committed as synced, chunked
     * and uploaded in one step, without events (they are the other host's).
     */
    public void adopted(DocumentRow doc, Map<String, Object> docPayload, List<PendingChunk> chunks, String model,
                        Map<String, float[]> vectors, Instant started, long chunkingMs) {
        db.inTransactionVoid(c -> {
            cache.put(c, model, vectors);
            ledger.saveChunked(c, doc.id(), doc.title(), Json.write(docPayload), chunks, started, chunkingMs);
            ledger.commitUploaded(c, doc.id(), chunks, 0);
        });
    }

    /**
     * A transient reason to wait (another host holds the lease, Qdrant answered with a
     * server-side error): the document keeps its stage, its attempts grow by one, and it is not
     * claimed again before {@code notBefore}.
     */
    public void deferred(long id, Instant notBefore, String reason) {
        db.inTransactionVoid(c -> ledger.deferRetry(c, id, notBefore, reason));
    }

    /**
     * The document cannot be ingested (bad input, a rejected upload, an error while processing
     * it): status failed, stage idle, reason kept, pending chunks dropped; {@code ingest_start}
     * (when {@code started} is given: the failure happened before it was queued) and
     * {@code ingest_error} are queued. Its previously indexed version, if any, stays in Qdrant.
     *
     * @param payload document fields for the events (author, language), may be empty
     */
    public void failed(DocumentRow doc, Instant started, String errorType, String message, Throwable cause,
                       Map<String, Object> payload) {
        db.inTransactionVoid(c -> {
            ledger.saveFailed(c, doc.id(), errorType, message);
            if (started != null) {
                recorder.record(c, events.ingestStart(doc, payload, started, doc.runId()));
            }
            recorder.record(c, events.ingestError(doc, payload, Instant.now(), doc.runId(), errorType, message, cause));
        });
    }

    /**
     * The user asked to try a failed document again ({@code retried}: {@code IDLE}, {@code failed}
     * → {@code DETECTED}, attempts and backoff reset; its status stays {@code failed} until it is
     * indexed). No event is queued here: the new attempt queues its own.
     *
     * @return whether the document was failed (and is now queued)
     */
    public boolean retried(long id, UUID runId) {
        return db.inTransaction(c -> ledger.requeueFailed(c, List.of(id), runId)) > 0;
    }

    // ---------------------------------------------------------------- embed: chunked → embedded

    /**
     * A batch of texts was embedded: the vectors go to the cache (never computed again for this
     * model), the lifetime counter of embedded texts grows, and each document is credited with its
     * share of the batch time.
     *
     * @param vectors             text hash → {@code float[dimension]}
     * @param embeddingMsByDocument document id → ms to add to its {@code embedding_ms}
     */
    public void embedded(String model, Map<String, float[]> vectors, Map<Long, Long> embeddingMsByDocument) {
        db.inTransactionVoid(c -> {
            cache.put(c, model, vectors);
            counters.add(c, Counters.embedded(model), vectors.size());
            ledger.addEmbeddingMs(c, embeddingMsByDocument);
        });
    }

    /** Chunked documents whose every pending chunk now has a vector of {@code model} move to embedded. */
    public int promoteEmbedded(String model) {
        return db.inTransaction(c -> ledger.promoteEmbedded(c, model));
    }

    // ---------------------------------------------------------------- upload: embedded → synced, payload, deleting

    /** An embedded document lacks a vector after all (the cache was cleared): back to chunked. */
    public void vectorsMissing(long id) {
        db.inTransactionVoid(c -> ledger.setStage(c, id, Stage.CHUNKED, null, null));
    }

    /**
     * The document's points are in Qdrant: its pending chunks become its chunks, it is synced and
     * idle, and {@code ingest_complete} is queued with the ingest's metrics.
     *
     * @param uploadMs ms spent upserting this document's points
     * @param device   the device the model ran on, as events report it
     */
    public void uploaded(DocumentRow doc, Map<String, Object> docPayload, List<PendingChunk> chunks, long uploadMs,
                         String model, String device) {
        Instant now = Instant.now();
        Instant started = doc.workStartedAt() == null ? now : doc.workStartedAt();
        double duration = Duration.between(started, now).toMillis() / 1000.0;
        db.inTransactionVoid(c -> {
            boolean restoring = ledger.restoring(c, doc.id());
            ledger.commitUploaded(c, doc.id(), chunks, uploadMs);
            if (!restoring) {
                recorder.record(c, events.ingestComplete(doc, docPayload, now, doc.runId(), chunks.size(), duration,
                        doc.chunkingMs() / 1000.0, doc.embeddingMs() / 1000.0, (doc.uploadMs() + uploadMs) / 1000.0,
                        model, device));
            }
        });
    }

    /** The new document-level payload is on every point: recorded, synced and idle again. */
    public void payloadUpdated(long id, Map<String, Object> docPayload) {
        db.inTransactionVoid(c -> ledger.commitPayloadUpdated(c, id, Json.write(docPayload)));
    }

    /**
     * The document's points are gone from Qdrant: status deleted, no chunks, idle; {@code book_delete}
     * is queued when a version of it had been indexed.
     */
    public void deleted(DocumentRow doc) {
        db.inTransactionVoid(c -> {
            ledger.commitDeleted(c, doc.id());
            if (doc.indexedAt() != null) {
                recorder.record(c, events.bookDelete(doc, new LinkedHashMap<>(Json.readMap(doc.docPayloadJson())),
                        Instant.now(), doc.runId(), doc.chunkCount()));
            }
        });
    }

    /** Qdrant confirmed queued point deletions: they leave the queue. */
    public void pointDeletesDone(Collection<Long> seqs) {
        db.inTransactionVoid(c -> pointDeletes.remove(c, seqs));
    }

    // ---------------------------------------------------------------- runs

    /** A sync or watch run began ({@code sync_runs}). */
    public void runStarted(UUID runId, String hostname, String kind, Instant at) {
        db.inTransactionVoid(c -> runs.start(c, runId, hostname, kind, at));
    }

    /** A run ended with these totals. */
    public void runEnded(UUID runId, Instant at, int documents, int chunks, int errors) {
        db.inTransactionVoid(c -> runs.end(c, runId, at, documents, chunks, errors));
    }

    // ---------------------------------------------------------------- model switch: a second collection

    /** Content hash per document already rebuilt into {@code collection}. */
    public Map<Long, String> rebuilt(String collection) {
        return db.inTransaction(c -> rebuild.done(c, collection));
    }

    /** One document is in the new collection with these chunks (a resumed rebuild skips it). */
    public void rebuiltDocument(String collection, long documentId, String contentHash, List<PendingChunk> chunks) {
        db.inTransactionVoid(c -> rebuild.record(c, collection, documentId, contentHash, chunks));
    }

    /**
     * The search alias now points at {@code collection}: the rebuilt chunks become the ledger's,
     * {@code model} is recorded as the active one, and {@code collection_recreate} is queued.
     */
    public void switched(String collection, String model, String reason, UUID runId) {
        db.inTransactionVoid(c -> {
            rebuild.promote(c, collection);
            state.put(c, AppState.ACTIVE_MODEL, model);
            recorder.record(c, events.collectionRecreate(collection, model, reason, Instant.now(), runId));
        });
    }
}
