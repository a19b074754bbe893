package io.alexandria.index;

import static io.qdrant.client.ConditionFactory.isEmpty;
import static io.qdrant.client.ConditionFactory.matchKeyword;
import static io.qdrant.client.ConditionFactory.matchKeywords;
import static io.qdrant.client.ValueFactory.value;

import io.alexandria.store.Database;
import io.alexandria.store.IndexedDocument;
import io.alexandria.store.Ledger;
import io.alexandria.store.SourceIdentity;
import io.qdrant.client.grpc.Collections.AliasDescription;
import io.qdrant.client.grpc.Common.Filter;
import io.qdrant.client.grpc.JsonWithInt.Value;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the index there ({@code docs/architecture.md}, "Healing the index"): on its own thread
 * ({@code alexandria-guard}) it looks at Qdrant every few seconds — the chunk collection, the
 * search alias and the other collections it watches (the events) exist, and the points of this
 * host's sources in Qdrant fall no further short of what the ledger holds than at the last full
 * check — and on a shortfall, on a missing collection, on a NOT_FOUND a write met
 * ({@link #trigger}), when Qdrant answers again after failing, and once at start, it makes a full
 * check: re-creates the collection, its payload indexes and the alias ({@link ChunkIndex#check()}),
 * tags points written before sources had identities with their source's identity field, and
 * compares every synced document of the ledger with Qdrant. Documents with no point left are handed
 * to the {@link Listener} to be re-uploaded from the ledger and the embedding cache. The guardian
 * only reads and re-creates; it never deletes.
 *
 * <p>Only documents with no point at all count as lost: one with fewer points than the ledger says
 * is verify's business (another host sharing the document may be mid-update).
 */
public final class IndexGuardian implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(IndexGuardian.class);
    /** How often Qdrant is looked at while a stage waits for it. */
    private static final Duration WHILE_WAITING = Duration.ofSeconds(1);

    /** Told what the guardian found; called on its thread. */
    public interface Listener {
        /**
         * Synced documents of the ledger have no point in Qdrant: re-upload them.
         *
         * @param documents the documents (their ledger rows' light form)
         * @param points    their points in all, by the ledger
         * @param why       one line: what was found (e.g. the collection was missing)
         */
        void pointsLost(List<IndexedDocument> documents, long points, String why);

        /** Qdrant answers again after a failure (of this guardian's check, or of a stage). */
        default void reconnected() {
        }

        /** A watched collection (e.g. {@code alexandria_events}) does not exist. */
        default void collectionMissing(String name) {
        }

        /** A look at Qdrant succeeded (every few seconds): e.g. compare what else should be there. */
        default void checked() {
        }
    }

    private final ChunkIndex index;
    private final Database db;
    private final Ledger ledger = new Ledger();
    private final Supplier<Collection<SourceIdentity>> identities;
    private final List<String> watched;
    private final Duration every;
    private final BooleanSupplier stagesWaiting;
    private final Listener listener;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition wake = lock.newCondition();
    private final Thread thread;
    private String pendingWhy = "the engine started";
    private volatile boolean running = true;
    private volatile boolean down;
    private boolean armed;
    /** The ledger's points of sources with an identity minus those Qdrant holds, at the last full check or lower since. */
    private long lastDeficit = Long.MAX_VALUE;
    private volatile long checks;
    private volatile long fullChecks;

    /**
     * @param index         the chunk collection of the model in use
     * @param db            the ledger (read only: synced documents and their chunk counts)
     * @param identities    the identities of the sources this host syncs now
     * @param watched       other collections whose absence is reported (e.g. {@code alexandria_events})
     * @param every         how often Qdrant is looked at while all is well
     * @param stagesWaiting whether a stage waits for Qdrant now (then it is looked at every second,
     *                      and the first success is a reconnect)
     */
    public IndexGuardian(ChunkIndex index, Database db, Supplier<Collection<SourceIdentity>> identities,
                         List<String> watched, Duration every, BooleanSupplier stagesWaiting, Listener listener) {
        this.index = index;
        this.db = db;
        this.identities = identities;
        this.watched = List.copyOf(watched);
        this.every = every;
        this.stagesWaiting = stagesWaiting;
        this.listener = listener;
        this.thread = Thread.ofPlatform().daemon().name("alexandria-guard").unstarted(this::loop);
    }

    /** Starts looking (the first look is a full check). */
    public void start() {
        thread.start();
    }

    /** Asks for a full check as soon as possible (e.g. a write met NOT_FOUND). Never blocks on I/O. */
    public void trigger(String why) {
        lock.lock();
        try {
            if (pendingWhy == null) {
                pendingWhy = why;
            }
            wake.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /** Looks at Qdrant made so far (for tests and figures). */
    public long checks() {
        return checks;
    }

    /** Full checks made so far. */
    public long fullChecks() {
        return fullChecks;
    }

    @Override
    public void close() {
        running = false;
        lock.lock();
        try {
            wake.signalAll();
        } finally {
            lock.unlock();
        }
        thread.interrupt();
        try {
            thread.join(TimeUnit.SECONDS.toMillis(10));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void loop() {
        while (running) {
            String why;
            lock.lock();
            try {
                if (pendingWhy == null) {
                    Duration wait = down || stagesWaiting.getAsBoolean() ? WHILE_WAITING : every;
                    wake.await(wait.toMillis(), TimeUnit.MILLISECONDS);
                }
                why = pendingWhy;
                pendingWhy = null;
            } catch (InterruptedException e) {
                if (!running) {
                    return;
                }
                continue;
            } finally {
                lock.unlock();
            }
            if (!running) {
                return;
            }
            try {
                look(why);
            } catch (QdrantException e) {
                if (e.isTransient() || e.isAuthFailure()) {
                    if (!down) {
                        LOG.info("index guardian: Qdrant does not answer ({}); looking again every second",
                                e.getMessage());
                    }
                    down = true;
                } else {
                    LOG.warn("index guardian: checking the index failed: {}", e.getMessage());
                }
                if (why != null) {
                    trigger(why); // the full check is still owed
                }
            } catch (RuntimeException e) {
                LOG.warn("index guardian: checking the index failed", e);
            }
        }
    }

    /** One look; a full check when {@code why} is set or something is missing. */
    private void look(String why) {
        boolean waiting = stagesWaiting.getAsBoolean();
        if (waiting && !armed) {
            armed = true;
        }
        List<String> names = QdrantCalls.await(index.client().listCollectionsAsync());
        checks++;
        boolean reconnected = down || (armed && waiting);
        if (reconnected) {
            down = false;
            armed = false;
            if (why == null) {
                why = "Qdrant answered again";
            }
        } else if (!waiting) {
            armed = false;
        }
        for (String name : watched) {
            if (!names.contains(name)) {
                listener.collectionMissing(name);
            }
        }
        if (!names.contains(index.collection())) {
            why = "the collection " + index.collection() + " was missing";
        } else if (why == null) {
            List<AliasDescription> aliases = QdrantCalls.await(index.client().listAliasesAsync());
            if (aliases.stream().noneMatch(a -> a.getAliasName().equals(ChunkIndex.ALIAS))) {
                why = "the search alias " + ChunkIndex.ALIAS + " was missing";
            }
        }
        long deficit = why == null ? deficit() : -1;
        if (why == null && deficit > lastDeficit) {
            why = "points of this host's sources went missing (" + deficit + " fewer than the ledger holds)";
        }
        if (why != null) {
            fullCheck(why);
        } else {
            lastDeficit = Math.min(lastDeficit, deficit);
        }
        if (reconnected) {
            listener.reconnected();
        }
        listener.checked();
    }

    /**
     * Re-creates what is missing and reports the documents with no point left; also called by the
     * engine at once (e.g. before a verify).
     *
     * @return the documents found without points (already reported to the listener)
     * @throws QdrantException when Qdrant fails
     */
    public List<IndexedDocument> fullCheck(String why) {
        fullChecks++;
        ChunkIndex.Check check = index.check();
        List<IndexedDocument> docs = db.inTransaction(ledger::indexedDocuments);
        tagOwnership(docs);
        List<IndexedDocument> lost = new ArrayList<>();
        if (check.collectionCreated()) {
            lost.addAll(docs);
        } else if (!docs.isEmpty()) {
            Map<UUID, Long> counts = index.countsOf(docs.stream().map(IndexedDocument::docUuid).toList());
            for (IndexedDocument d : docs) {
                if (counts.getOrDefault(d.docUuid(), 0L) == 0) {
                    lost.add(d);
                }
            }
        }
        if (check.repaired()) {
            LOG.warn("index guardian: {}; re-created: {}{}{}", why,
                    check.collectionCreated() ? "the collection " + index.collection() + " " : "",
                    check.aliasCreated() ? "the alias " + ChunkIndex.ALIAS + " " : "",
                    check.indexesCreated().isEmpty() ? "" : "payload indexes " + check.indexesCreated());
        }
        if (!lost.isEmpty()) {
            long points = lost.stream().mapToLong(IndexedDocument::chunkCount).sum();
            LOG.warn("index guardian: {} — {} documents ({} points) have no point in {}: restoring them", why,
                    lost.size(), points, index.collection());
            listener.pointsLost(lost, points, why);
        }
        lastDeficit = deficit(); // points of another host's vault id on shared notes stay a steady deficit
        return lost;
    }

    /**
     * How many points of this host's sources with an identity the ledger has that Qdrant does not
     * hold tagged with it (0 when all is well). A wipe makes it jump; uploads and deletions move it
     * by a little, for a moment.
     */
    private long deficit() {
        Collection<SourceIdentity> ids = identities.get();
        if (ids.isEmpty()) {
            return 0;
        }
        Set<String> keys = new HashSet<>();
        ids.forEach(i -> keys.add(i.key()));
        long expected = db.inTransaction(ledger::indexedDocuments).stream()
                .filter(d -> keys.contains(d.source() + ":" + d.scope())).mapToLong(IndexedDocument::chunkCount).sum();
        return expected - index.count(Ownership.anyOf(ids));
    }

    /**
     * Points written before their source had an identity lack its field: the points of this host's
     * documents of that source get it (only where the field is empty: a point another host tagged
     * is never rewritten).
     */
    private void tagOwnership(List<IndexedDocument> docs) {
        for (SourceIdentity id : identities.get()) {
            Set<UUID> ofSource = new HashSet<>();
            for (IndexedDocument d : docs) {
                if (d.source().equals(id.source()) && d.scope().equals(id.scope())) {
                    ofSource.add(d.docUuid());
                }
            }
            if (ofSource.isEmpty()) {
                continue;
            }
            Filter untagged = Filter.newBuilder().addMust(matchKeyword("source", id.source()))
                    .addMust(isEmpty(id.field())).build();
            if (index.count(untagged) == 0) {
                continue;
            }
            Map<String, Value> payload = Map.of(id.field(), value(id.value()));
            List<UUID> all = List.copyOf(ofSource);
            for (int from = 0; from < all.size(); from += 1000) {
                List<String> batch = all.subList(from, Math.min(all.size(), from + 1000)).stream()
                        .map(UUID::toString).toList();
                Filter f = Filter.newBuilder().addMust(matchKeywords("doc_id", batch)).addMust(isEmpty(id.field()))
                        .build();
                QdrantCalls.await(index.client().setPayloadAsync(index.collection(), payload, f, true, null, null));
            }
            LOG.info("index guardian: points of {} tagged with {}", id.key(), id.field());
        }
    }
}
