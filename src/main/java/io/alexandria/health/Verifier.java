package io.alexandria.health;

import io.alexandria.common.Json;
import io.alexandria.extraction.ExtractionException;
import io.alexandria.index.ChunkIndex;
import io.alexandria.index.Ownership;
import io.alexandria.store.AppState;
import io.alexandria.store.Database;
import io.alexandria.store.DocumentRow;
import io.alexandria.store.Ledger;
import io.alexandria.store.SourceIdentity;
import io.alexandria.store.Stage;
import io.alexandria.store.SyncStatus;
import io.qdrant.client.grpc.Common.Filter;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Verify and repair ({@code docs/architecture.md}, "Verify and repair" and "Ownership"): compares
 * this host's ledger with Qdrant in a collection other hosts share, and repairs only what is this
 * host's.
 *
 * <ul>
 *   <li>The points of every document of the ledger are counted exactly (Facet on {@code doc_id},
 *       narrowed to those documents), so other hosts' documents never crowd them out; a synced
 *       document whose count differs is confirmed with the Count API. Repair deletes its points and
 *       queues it again (vectors from the embedding cache: nothing is embedded again) — only when
 *       its source is configured on this host, since its text comes from there.</li>
 *   <li>A point is an orphan only when it belongs to a source this host syncs (its identity field:
 *       {@code vault_id}, {@code library_id}; or its document is in this host's ledger) <b>and</b>
 *       the source itself, asked now, no longer holds its document. The ledger's not knowing a
 *       document is never enough: a document another host synced and this one has not scanned yet
 *       is kept, and so is one whose source cannot be asked now.</li>
 *   <li>Points of sources this host does not sync are other hosts' data: counted, never
 *       touched.</li>
 *   <li>Failed documents are queued again unless the failure was bad input (it would fail again
 *       until the file changes) or their source is not configured here.</li>
 * </ul>
 */
public final class Verifier {
    /** app_state key of the last verify's summary (JSON). */
    public static final String LAST_VERIFY = "last_verify";
    /** Error types of bad input: retrying them before the file changes would only fail again. */
    static final java.util.Set<String> BAD_INPUT = java.util.Set.of(ExtractionException.CORRUPT,
            ExtractionException.ENCRYPTED, ExtractionException.NO_TEXT_LAYER, ExtractionException.NO_TEXT,
            ExtractionException.ZIP_BOMB, ExtractionException.TOO_LARGE, ExtractionException.UNSUPPORTED,
            ExtractionException.TIMEOUT);
    private static final List<String> OWNER_FIELDS = List.of("source", "source_id", SourceIdentity.VAULT_ID,
            SourceIdentity.LIBRARY_ID);
    private final Database db;
    private final ChunkIndex index;
    private final List<SourceIdentity> identities;
    private final SourceCheck sources;
    private final Ledger ledger = new Ledger();
    private final AppState state = new AppState();

    /**
     * Asks this host's sources about documents, now.
     */
    public interface SourceCheck {
        /** What a source said about one document. */
        enum Answer {
            /** The source holds the document. */
            PRESENT,
            /** The source was read and does not hold it. */
            GONE,
            /** The source is not configured here or cannot be read now: nothing may be decided. */
            UNKNOWN
        }

        /** Whether the source {@code source}/{@code scope} holds the document {@code sourceId} now. */
        Answer holds(String source, String scope, String sourceId);

        /** Whether the source {@code source}/{@code scope} is configured on this host (its documents can be re-ingested). */
        boolean configured(String source, String scope);
    }

    /**
     * @param identities the identities of the sources this host syncs (configured now or recorded
     *                   by earlier scans)
     * @param sources    asks those sources about single documents
     */
    public Verifier(Database db, ChunkIndex index, Collection<SourceIdentity> identities, SourceCheck sources) {
        this.db = db;
        this.index = index;
        this.identities = List.copyOf(identities);
        this.sources = sources;
    }

    /**
     * What verify found.
     *
     * @param documentsChecked synced documents compared
     * @param mismatched       synced documents whose point count differs: doc id → (expected, actual)
     * @param orphanDocuments  doc ids of this host's sources whose source no longer holds them → points
     * @param failed           failed documents
     * @param otherPoints      points of sources this host does not sync (other hosts' data, untouched)
     * @param keptDocuments    documents of this host's sources with points but not in its ledger that
     *                         the source still holds (another host synced them first): kept
     * @param uncheckedDocuments documents not in this host's ledger whose source could not be asked: kept
     * @param failedRetryable  failed documents repair queues again (not bad input, source configured)
     * @param orphanOwners     the identity each orphan's points carry (absent: a document of this
     *                         host's ledger, deleted by its {@code doc_id} alone)
     */
    public record Report(int documentsChecked, Map<UUID, long[]> mismatched, Map<String, Long> orphanDocuments,
                         int failed, long otherPoints, int keptDocuments, int uncheckedDocuments, int failedRetryable,
                         Map<String, SourceIdentity> orphanOwners) {
        public Report {
            mismatched = Map.copyOf(mismatched);
            orphanDocuments = Map.copyOf(orphanDocuments);
            orphanOwners = Map.copyOf(orphanOwners);
        }

        /** Total orphan points. */
        public long orphanPoints() {
            return orphanDocuments.values().stream().mapToLong(Long::longValue).sum();
        }

        /** Missing points over all mismatched documents (expected minus actual, when positive). */
        public long missingPoints() {
            return mismatched.values().stream().mapToLong(v -> Math.max(0, v[0] - v[1])).sum();
        }

        /** Whether nothing is left for repair to do. */
        public boolean clean() {
            return mismatched.isEmpty() && orphanDocuments.isEmpty() && failedRetryable == 0;
        }
    }

    /**
     * What repair did.
     *
     * @param requeued          mismatched documents queued again (points deleted first)
     * @param skipped           mismatched documents left alone: their source is not configured here
     * @param orphanPointsDeleted orphan points deleted
     * @param failedRequeued    failed documents queued again
     * @param failedLeft        failed documents left failed (bad input, or their source is not configured)
     */
    public record Repair(int requeued, int skipped, long orphanPointsDeleted, int failedRequeued, int failedLeft) {
    }

    /**
     * Compares ledger and Qdrant; records the summary for the health report. Reads only.
     *
     * @throws io.alexandria.index.QdrantException when Qdrant is unreachable
     */
    public Report verify() {
        List<DocumentRow> rows = db.inTransaction(c -> ledger.listAll(c));
        Map<UUID, DocumentRow> byId = new LinkedHashMap<>();
        int failed = 0;
        for (DocumentRow r : rows) {
            byId.put(r.docUuid(), r);
            if (r.status() == SyncStatus.FAILED) {
                failed++;
            }
        }
        Map<UUID, Long> counts = index.countsOf(byId.keySet());
        Map<UUID, long[]> mismatched = new LinkedHashMap<>();
        Map<String, Long> orphans = new LinkedHashMap<>();
        Map<String, SourceIdentity> owners = new HashMap<>();
        int checked = 0;
        int kept = 0;
        int unchecked = 0;
        for (DocumentRow r : byId.values()) {
            long seen = counts.getOrDefault(r.docUuid(), 0L);
            boolean gone = r.status() == SyncStatus.DELETED && r.stage() == Stage.IDLE;
            if (gone) {
                if (seen > 0) { // points came back for a document the ledger deleted: ask its source
                    switch (sources.holds(r.key().source(), r.key().scope(), r.key().sourceId())) {
                        case GONE -> orphans.put(r.docUuid().toString(), seen);
                        case PRESENT -> kept++;
                        case UNKNOWN -> unchecked++;
                    }
                }
                continue;
            }
            if (r.stage() != Stage.IDLE || !(r.status() == SyncStatus.SYNCED || r.status() == SyncStatus.FAILED)) {
                continue;
            }
            checked++;
            if (seen != r.chunkCount()) {
                long confirmed = index.countDocument(r.docUuid());
                if (confirmed != r.chunkCount()) {
                    mismatched.put(r.docUuid(), new long[] {r.chunkCount(), confirmed});
                }
            }
        }
        if (!identities.isEmpty()) {
            Map<String, Long> owned = index.countsByDocument(Ownership.anyOf(identities),
                    Math.max(1000, rows.size() * 4L + 10_000));
            for (var e : owned.entrySet()) {
                UUID doc = UUID.fromString(e.getKey());
                if (byId.containsKey(doc)) {
                    continue;
                }
                Map<String, Object> p = index.documentPayload(doc, OWNER_FIELDS);
                SourceIdentity owner = ownerOf(p);
                Object sourceId = p.get("source_id");
                if (owner == null || sourceId == null) {
                    unchecked++;
                    continue;
                }
                switch (sources.holds(owner.source(), owner.scope(), sourceId.toString())) {
                    case GONE -> {
                        long confirmed = index.count(Ownership.within(ChunkIndex.byDocument(doc), owner));
                        if (confirmed > 0) {
                            orphans.put(e.getKey(), confirmed);
                            owners.put(e.getKey(), owner);
                        }
                    }
                    case PRESENT -> kept++;
                    case UNKNOWN -> unchecked++;
                }
            }
        }
        // other hosts' data: points of none of this host's identities, less this host's own among them
        // (its documents' points written before their source had an identity, or of dropped files)
        Filter notOwned = Ownership.noneOf(identities);
        long untaggedOwn = index.countsOf(byId.keySet(), notOwned).values().stream().mapToLong(Long::longValue).sum();
        long others = Math.max(0, index.count(notOwned) - untaggedOwn);
        int retryable = 0;
        for (DocumentRow r : rows) {
            if (retryable(r)) {
                retryable++;
            }
        }
        Report report = new Report(checked, mismatched, orphans, failed, others, kept, unchecked, retryable, owners);
        Map<String, Object> summary = new LinkedHashMap<>();
        summary.put("at", Instant.now().toString());
        summary.put("documents_checked", checked);
        summary.put("mismatched_documents", mismatched.size());
        summary.put("missing_points", report.missingPoints());
        summary.put("orphan_points", report.orphanPoints());
        summary.put("other_hosts_points", others);
        summary.put("kept_documents", kept);
        summary.put("unchecked_documents", unchecked);
        db.inTransactionVoid(c -> state.put(c, LAST_VERIFY, Json.write(summary)));
        return report;
    }

    /** The identity among this host's that the payload carries, or null. */
    private SourceIdentity ownerOf(Map<String, Object> payload) {
        for (SourceIdentity id : identities) {
            if (id.source().equals(payload.get("source")) && id.value().equals(payload.get(id.field()))) {
                return id;
            }
        }
        return null;
    }

    private boolean retryable(DocumentRow r) {
        return r.status() == SyncStatus.FAILED && !BAD_INPUT.contains(r.errorType())
                && sources.configured(r.key().source(), r.key().scope());
    }

    /**
     * Applies the fixes of {@code report}: orphans are deleted now (only points carrying the
     * identity of this host's source, or of a document in its ledger); mismatched documents whose
     * source is configured have their points deleted and go back to the detected stage (their
     * chunk rows cleared, so the re-upload is complete); failed documents that may succeed now are
     * queued again.
     */
    public Repair repair(Report report, UUID runId) {
        long orphanPoints = 0;
        for (var e : report.orphanDocuments().entrySet()) {
            UUID doc = UUID.fromString(e.getKey());
            SourceIdentity owner = report.orphanOwners().get(e.getKey());
            if (owner != null) {
                index.deleteDocument(doc, Ownership.of(owner));
            } else {
                index.deleteDocument(doc);
            }
            orphanPoints += e.getValue();
        }
        int requeued = 0;
        int skipped = 0;
        for (UUID docId : report.mismatched().keySet()) {
            DocumentRow row = db.inTransaction(c -> ledger.getByUuid(c, docId)).orElse(null);
            if (row == null || !sources.configured(row.key().source(), row.key().scope())) {
                skipped++;
                continue;
            }
            index.deleteDocument(docId);
            requeued += db.inTransaction(c -> {
                ledger.clearChunks(c, row.id());
                ledger.setStage(c, row.id(), Stage.DETECTED, SyncStatus.PENDING, runId);
                return 1;
            });
        }
        List<Long> failedIds = new ArrayList<>();
        int failedLeft = 0;
        for (DocumentRow r : db.inTransaction(c -> ledger.listByStatus(c, SyncStatus.FAILED, Integer.MAX_VALUE))) {
            if (retryable(r)) {
                failedIds.add(r.id());
            } else {
                failedLeft++; // bad input fails again until the file changes (then a scan retries it)
            }
        }
        int failedRequeued = db.inTransaction(c -> ledger.requeueFailed(c, failedIds, runId));
        if (!report.orphanDocuments().isEmpty()) {
            Map<String, Object> summary = Json.readMap(db.inTransaction(c -> state.get(c, LAST_VERIFY).orElse(null)));
            summary.put("orphan_points", 0);
            summary.put("orphans_deleted", orphanPoints);
            db.inTransactionVoid(c -> state.put(c, LAST_VERIFY, Json.write(summary)));
        }
        return new Repair(requeued, skipped, orphanPoints, failedRequeued, failedLeft);
    }
}
