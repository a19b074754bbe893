package io.alexandria.health;

import io.alexandria.common.Json;
import io.alexandria.extraction.ExtractionException;
import io.alexandria.index.ChunkIndex;
import io.alexandria.store.AppState;
import io.alexandria.store.Database;
import io.alexandria.store.DocumentRow;
import io.alexandria.store.Ledger;
import io.alexandria.store.Stage;
import io.alexandria.store.SyncStatus;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Verify and repair ({@code docs/architecture.md}, "Verify and repair"): compares the ledger with
 * Qdrant and queues what is wrong. Points per document come from one Facet call on {@code doc_id}, and every suspicious
 * document is confirmed with the Count API and a {@code doc_id} filter before anything is
 * touched. Repair deletes orphan points (documents the ledger does not hold as live), clears and
 * re-queues documents whose point count differs from the ledger (vectors come from the embedding
 * cache, so nothing is re-embedded), and re-queues failed documents whose failure was not bad input
 * (Qdrant rejections, embedding errors, a missing or unreadable file).
 */
public final class Verifier {
    /** app_state key of the last verify's summary (JSON). */
    public static final String LAST_VERIFY = "last_verify";
    /** Error types of bad input: retrying them before the file changes would only fail again. */
    static final java.util.Set<String> BAD_INPUT = java.util.Set.of(ExtractionException.CORRUPT,
            ExtractionException.ENCRYPTED, ExtractionException.NO_TEXT_LAYER, ExtractionException.NO_TEXT,
            ExtractionException.ZIP_BOMB, ExtractionException.TOO_LARGE, ExtractionException.UNSUPPORTED,
            ExtractionException.TIMEOUT);
    private final Database db;
    private final ChunkIndex index;
    private final Ledger ledger = new Ledger();
    private final AppState state = new AppState();

    public Verifier(Database db, ChunkIndex index) {
        this.db = db;
        this.index = index;
    }

    /**
     * What verify found.
     *
     * @param documentsChecked synced documents compared
     * @param mismatched       synced documents whose point count differs: doc id → (expected, actual)
     * @param orphanDocuments  doc ids with points in Qdrant but no live ledger document → points
     * @param failed           failed documents (re-queued by repair)
     */
    public record Report(int documentsChecked, Map<UUID, long[]> mismatched, Map<String, Long> orphanDocuments,
                         int failed) {
        /** Total orphan points. */
        public long orphanPoints() {
            return orphanDocuments.values().stream().mapToLong(Long::longValue).sum();
        }

        /** Missing points over all mismatched documents (expected minus actual, when positive). */
        public long missingPoints() {
            return mismatched.values().stream().mapToLong(v -> Math.max(0, v[0] - v[1])).sum();
        }

        /** Whether nothing is wrong. */
        public boolean clean() {
            return mismatched.isEmpty() && orphanDocuments.isEmpty() && failed == 0;
        }
    }

    /**
     * Compares ledger and Qdrant; records the summary for the health report.
     *
     * @throws io.alexandria.index.QdrantException when Qdrant is unreachable
     */
    public Report verify() {
        List<DocumentRow> rows = db.inTransaction(c -> ledger.listAll(c));
        Map<String, DocumentRow> live = new HashMap<>();
        int failed = 0;
        for (DocumentRow r : rows) {
            if (r.status() != SyncStatus.DELETED || r.stage() != Stage.IDLE) {
                live.put(r.docUuid().toString(), r);
            }
            if (r.status() == SyncStatus.FAILED) {
                failed++;
            }
        }
        Map<String, Long> counts = index.countsByDocument(Math.max(1000, rows.size() * 2L + 1000));
        Map<UUID, long[]> mismatched = new LinkedHashMap<>();
        int checked = 0;
        for (DocumentRow r : live.values()) {
            if (r.stage() != Stage.IDLE || !(r.status() == SyncStatus.SYNCED || r.status() == SyncStatus.FAILED)) {
                continue;
            }
            checked++;
            long seen = counts.getOrDefault(r.docUuid().toString(), 0L);
            if (seen != r.chunkCount()) {
                long confirmed = index.countDocument(r.docUuid());
                if (confirmed != r.chunkCount()) {
                    mismatched.put(r.docUuid(), new long[] {r.chunkCount(), confirmed});
                }
            }
        }
        Map<String, Long> orphans = new LinkedHashMap<>();
        for (var e : counts.entrySet()) {
            if (!live.containsKey(e.getKey())) {
                long confirmed = index.countDocument(UUID.fromString(e.getKey()));
                if (confirmed > 0) {
                    orphans.put(e.getKey(), confirmed);
                }
            }
        }
        Report report = new Report(checked, mismatched, orphans, failed);
        Map<String, Object> summary = new LinkedHashMap<>();
        summary.put("at", Instant.now().toString());
        summary.put("documents_checked", checked);
        summary.put("mismatched_documents", mismatched.size());
        summary.put("missing_points", report.missingPoints());
        summary.put("orphan_points", report.orphanPoints());
        db.inTransactionVoid(c -> state.put(c, LAST_VERIFY, Json.write(summary)));
        return report;
    }

    /**
     * Queues the fixes for {@code report}: orphans are deleted now, mismatched and failed documents
     * go back to the detected stage (their chunk rows cleared after their points are deleted, so
     * the re-upload is complete). Returns how many documents were re-queued.
     */
    public int repair(Report report, UUID runId) {
        for (String docId : report.orphanDocuments().keySet()) {
            index.deleteDocument(UUID.fromString(docId));
        }
        int requeued = 0;
        for (UUID docId : report.mismatched().keySet()) {
            index.deleteDocument(docId);
            requeued += db.inTransaction(c -> {
                var row = ledger.getByUuid(c, docId);
                if (row.isEmpty()) {
                    return 0;
                }
                ledger.clearChunks(c, row.get().id());
                ledger.setStage(c, row.get().id(), Stage.DETECTED, SyncStatus.PENDING, runId);
                return 1;
            });
        }
        List<Long> failedIds = new ArrayList<>();
        for (DocumentRow r : db.inTransaction(c -> ledger.listByStatus(c, SyncStatus.FAILED, Integer.MAX_VALUE))) {
            if (!BAD_INPUT.contains(r.errorType())) {
                failedIds.add(r.id()); // bad input fails again until the file changes (then a scan retries it)
            }
        }
        requeued += db.inTransaction(c -> ledger.requeueFailed(c, failedIds, runId));
        if (!report.orphanDocuments().isEmpty()) {
            Map<String, Object> summary = Json.readMap(db.inTransaction(c -> state.get(c, LAST_VERIFY).orElse(null)));
            summary.put("orphan_points", 0);
            summary.put("orphans_deleted", report.orphanPoints());
            db.inTransactionVoid(c -> state.put(c, LAST_VERIFY, Json.write(summary)));
        }
        return requeued;
    }
}
