package io.alexandria.sync;

import io.alexandria.common.Hashes;
import io.alexandria.common.Json;
import io.alexandria.index.PointIds;
import io.alexandria.pipeline.DocumentOutcome;
import io.alexandria.pipeline.PipelineStore;
import io.alexandria.sources.DocumentSource;
import io.alexandria.sources.SourceItem;
import io.alexandria.sources.SourceListing;
import io.alexandria.sources.SourceUnavailableException;
import io.alexandria.store.AppState;
import io.alexandria.store.DocumentKey;
import io.alexandria.store.DocumentRow;
import io.alexandria.store.SourceFacts;
import io.alexandria.store.Stage;
import io.alexandria.store.SyncStatus;
import io.alexandria.store.SourceIdentity;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The scan: compares a source's listing with the ledger and queues the work through the scan
 * transitions of {@link PipelineStore} ({@code docs/architecture.md}, "Change detection"): size +
 * mtime first, SHA-256 only when they differ; metadata-only changes become payload updates; a
 * vanished note whose content reappears under a new path is a rename; and the mass-deletion guard
 * holds deletions when the root vanished or more than a configured share of the indexed documents
 * disappeared within a sliding window (one scan or many, as under {@code watch}), until confirmed.
 * Documents that were never indexed have no points: they are deleted without counting.
 *
 * <p>A title the document's content gives (a note's frontmatter {@code title}, a dropped book's
 * own title) wins over the one the listing guesses from the file name; only a source whose listing
 * carries metadata (a Calibre library: title, authors… under one metadata hash) changes titles by
 * itself. Every scan records the source's identity and its scan problems in {@code app_state}
 * (health and verify read them).
 */
final class ChangeDetector {
    private static final Logger LOG = LoggerFactory.getLogger(ChangeDetector.class);
    private final PipelineStore store;
    private final double massDeleteShare;
    private final int massDeleteMinimum;
    private final Duration massDeleteWindow;
    private final Consumer<DocumentOutcome> outcomes;

    /**
     * @param massDeleteShare   share of a source's documents (0..1) that may vanish at once before
     *                          deletions are held
     * @param massDeleteMinimum deletions below this count never trip the guard
     * @param massDeleteWindow  deletions within this window count together
     * @param outcomes          told about every document found unchanged (the Ingest pane lists them)
     */
    ChangeDetector(PipelineStore store, double massDeleteShare, int massDeleteMinimum, Duration massDeleteWindow,
                   Consumer<DocumentOutcome> outcomes) {
        this.store = store;
        this.massDeleteShare = massDeleteShare;
        this.massDeleteMinimum = massDeleteMinimum;
        this.massDeleteWindow = massDeleteWindow;
        this.outcomes = outcomes;
    }

    /**
     * Scans one source and queues what changed.
     *
     * @param confirmDeletes delete even when the mass-deletion guard would hold
     */
    ScanReport scan(DocumentSource source, UUID runId, boolean confirmDeletes) {
        String alarmKey = AppState.DELETE_ALARM + source.kind() + ":" + source.scope();
        SourceListing listing;
        try {
            listing = source.list();
        } catch (SourceUnavailableException e) {
            String msg = "not syncing " + source.describe() + ": " + e.getMessage() + " — nothing deleted";
            raiseAlarm(alarmKey, source, msg, -1, -1);
            LOG.warn(msg);
            recordProblems(source, List.of(e.getMessage()));
            return new ScanReport(source.describe(), 0, 0, 0, 0, 0, 0, 0, 0, msg, List.of(e.getMessage()),
                    e.getMessage());
        }
        recordIdentity(source);
        recordProblems(source, listing.problems());
        Map<String, DocumentRow> rows = new LinkedHashMap<>();
        for (DocumentRow r : store.documents(source.kind(), source.scope())) {
            rows.put(r.key().sourceId(), r);
        }
        int added = 0;
        int changed = 0;
        int unchanged = 0;
        int metadataOnly = 0;
        int renamed = 0;
        List<SourceItem> fresh = new ArrayList<>();
        Map<String, SourceItem> listed = new HashMap<>();
        for (SourceItem item : listing.items()) {
            listed.put(item.key().sourceId(), item);
            DocumentRow row = rows.get(item.key().sourceId());
            if (row == null) {
                fresh.add(item);
                continue;
            }
            switch (compare(row, item, runId)) {
                case CHANGED -> changed++;
                case METADATA -> metadataOnly++;
                case UNCHANGED -> {
                    if (row.stage() == Stage.IDLE) {
                        unchanged++; // a document still in flight is not "unchanged": its work resumes
                        outcomes.accept(new DocumentOutcome(row.key(), row.title(), DocumentOutcome.Kind.UNCHANGED,
                                row.chunkCount(), row.errorType(), row.lastError()));
                    }
                }
            }
        }
        List<DocumentRow> missing = new ArrayList<>();
        int live = 0;
        for (DocumentRow r : rows.values()) {
            boolean gone = r.status() == SyncStatus.DELETED && r.stage() == Stage.IDLE;
            if (!gone) {
                live++;
                if (!listed.containsKey(r.key().sourceId()) && r.stage() != Stage.DELETING
                        && !listing.maybePresent().test(r.key().sourceId())) {
                    missing.add(r);
                }
            }
        }
        Map<String, SourceFacts> hashedFresh = new LinkedHashMap<>();
        for (SourceItem item : fresh) {
            hashedFresh.put(item.key().sourceId(), withHash(item));
        }
        if (source.detectsRenames() && !missing.isEmpty()) {
            Map<String, DocumentRow> missingByHash = new HashMap<>();
            for (DocumentRow r : missing) {
                if (r.contentHash() != null) {
                    missingByHash.putIfAbsent(r.contentHash(), r);
                }
            }
            for (SourceItem item : List.copyOf(fresh)) {
                SourceFacts facts = hashedFresh.get(item.key().sourceId());
                DocumentRow old = facts.contentHash() == null ? null : missingByHash.remove(facts.contentHash());
                if (old != null) {
                    store.renamed(old.id(), item.key(), PointIds.document(item.key()), facts, runId);
                    missing.remove(old);
                    fresh.remove(item);
                    renamed++;
                }
            }
        }
        for (SourceItem item : fresh) {
            SourceFacts facts = hashedFresh.get(item.key().sourceId());
            DocumentKey key = item.key();
            store.detected(key, PointIds.document(key), facts, runId);
            added++;
        }
        int deleting = 0;
        int held = 0;
        String alarm = null;
        if (source.deletesMissing() && !missing.isEmpty()) {
            List<DocumentRow> indexed = missing.stream().filter(r -> r.indexedAt() != null).toList();
            for (DocumentRow r : missing) {
                if (r.indexedAt() == null) { // never indexed: no point to delete, nothing to guard
                    store.vanished(r.id(), runId);
                    deleting++;
                }
            }
            Instant now = Instant.now();
            Instant since = now.minus(massDeleteWindow);
            Instant confirmed = store.fact(confirmedKey(source)).map(Instant::parse).orElse(null);
            if (confirmed != null && confirmed.isAfter(since)) {
                since = confirmed;
            }
            int recent = indexed.isEmpty() ? 0 : store.recentDeletions(source.kind(), source.scope(), since);
            int vanishing = indexed.size() + recent;
            int base = Math.max(1, live + recent);
            boolean trips = !indexed.isEmpty() && vanishing >= massDeleteMinimum && vanishing > massDeleteShare * base;
            if (trips && !confirmDeletes) {
                held = indexed.size();
                alarm = (recent == 0 ? held + " of " + live + " documents vanished from " + source.describe() + " at once"
                        : vanishing + " of " + base + " documents vanished from " + source.describe() + " within "
                        + massDeleteWindow.toMinutes() + " minutes (" + held + " now)")
                        + " — deletions held; confirm with sync --confirm-deletes";
                raiseAlarm(alarmKey, source, alarm, vanishing, base);
                LOG.warn(alarm);
            } else {
                for (DocumentRow r : indexed) {
                    store.vanished(r.id(), runId);
                    deleting++;
                }
                if (trips) { // confirmed: the window starts again after these deletions
                    store.putFact(confirmedKey(source), Instant.now().plusMillis(1).toString());
                }
            }
        }
        if (alarm == null) {
            store.putFact(alarmKey, null);
        }
        return new ScanReport(source.describe(), listing.items().size(), added, changed, unchanged, metadataOnly,
                renamed, deleting, held, alarm, listing.problems(), null);
    }

    private enum Change { CHANGED, METADATA, UNCHANGED }

    private Change compare(DocumentRow row, SourceItem item, UUID runId) {
        SourceFacts now = item.facts();
        boolean revived = row.status() == SyncStatus.DELETED || row.stage() == Stage.DELETING;
        boolean sameFile = row.sizeBytes() == now.sizeBytes() && row.mtimeMs() == now.mtimeMs()
                && Objects.equals(row.filePath(), now.filePath()) && Objects.equals(row.format(), now.format());
        if (!revived && sameFile) {
            SourceFacts facts = keepHash(now, row.contentHash());
            return metadataOrUnchanged(row, facts, runId);
        }
        SourceFacts hashed = withHash(item);
        boolean sameContent = !revived && hashed.contentHash() != null && hashed.contentHash().equals(row.contentHash())
                && Objects.equals(row.format(), now.format()) && row.status() != SyncStatus.FAILED;
        if (sameContent) {
            return metadataOrUnchanged(row, hashed, runId);
        }
        store.changed(row.id(), hashed, runId);
        return Change.CHANGED;
    }

    private Change metadataOrUnchanged(DocumentRow row, SourceFacts listed, UUID runId) {
        // a listing without metadata only guesses the title (the file name): the content's title stays
        boolean listedTitleCounts = listed.metadataHash() != null;
        SourceFacts facts = listedTitleCounts ? listed : withTitle(listed, row.title());
        boolean metadataChanged = !Objects.equals(row.metadataHash(), facts.metadataHash())
                || !Objects.equals(row.title(), facts.title()) || !Objects.equals(row.filePath(), facts.filePath());
        if (!metadataChanged) {
            if (row.sizeBytes() != facts.sizeBytes() || row.mtimeMs() != facts.mtimeMs()
                    || !Objects.equals(row.metadataJson(), facts.metadataJson())) {
                store.factsRefreshed(row.id(), facts);
            }
            return Change.UNCHANGED;
        }
        if (row.status() == SyncStatus.SYNCED && row.stage() == Stage.IDLE) {
            store.metadataChanged(row.id(), facts, runId);
            return Change.METADATA;
        }
        store.factsRefreshed(row.id(), facts);
        return Change.UNCHANGED;
    }

    private static SourceFacts withTitle(SourceFacts f, String title) {
        return new SourceFacts(f.rootPath(), f.filePath(), title == null ? f.title() : title, f.format(), f.sizeBytes(),
                f.mtimeMs(), f.contentHash(), f.metadataHash(), f.metadataJson());
    }

    private static String confirmedKey(DocumentSource source) {
        return AppState.DELETES_CONFIRMED + source.kind() + ":" + source.scope();
    }

    /** Records the source's identity, so health and verify know this host's points without the source. */
    private void recordIdentity(DocumentSource source) {
        source.identity().ifPresent(id -> {
            String key = AppState.SOURCE_IDENTITY + id.key();
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("source", id.source());
            m.put("scope", id.scope());
            m.put("field", id.field());
            m.put("value", id.value());
            String json = Json.write(m);
            if (!store.fact(key).map(json::equals).orElse(false)) {
                store.putFact(key, json);
            }
        });
    }

    /** Records the scan's problems (or clears them), for health. */
    private void recordProblems(DocumentSource source, List<String> problems) {
        String key = AppState.SCAN_PROBLEMS + source.kind() + ":" + source.scope();
        if (problems.isEmpty()) {
            if (store.fact(key).isPresent()) {
                store.putFact(key, null);
            }
            return;
        }
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("source", source.describe());
        m.put("at", Instant.now().toString());
        m.put("problems", problems.subList(0, Math.min(problems.size(), SyncSummary.LISTED)));
        m.put("count", problems.size());
        store.putFact(key, Json.write(m));
    }

    /** The identities recorded by earlier scans (this host's sources, configured now or not). */
    static List<SourceIdentity> recordedIdentities(PipelineStore store) {
        return store.facts(AppState.SOURCE_IDENTITY).values().stream().map(Json::readMap)
                .map(m -> new SourceIdentity(String.valueOf(m.get("source")), String.valueOf(m.get("scope")),
                        String.valueOf(m.get("field")), String.valueOf(m.get("value")))).toList();
    }

    private static SourceFacts keepHash(SourceFacts f, String hash) {
        return new SourceFacts(f.rootPath(), f.filePath(), f.title(), f.format(), f.sizeBytes(), f.mtimeMs(), hash,
                f.metadataHash(), f.metadataJson());
    }

    private static SourceFacts withHash(SourceItem item) {
        String hash;
        try {
            hash = Hashes.sha256(item.file());
        } catch (IOException e) {
            hash = null; // extraction will report why the file cannot be read
        }
        return keepHash(item.facts(), hash);
    }

    private void raiseAlarm(String key, DocumentSource source, String message, int missing, int total) {
        Map<String, Object> alarm = new LinkedHashMap<>();
        alarm.put("source", source.kind());
        alarm.put("scope", source.scope());
        alarm.put("root", source.root() == null ? null : source.root().toString());
        alarm.put("message", message);
        alarm.put("missing", missing);
        alarm.put("total", total);
        alarm.put("at", Instant.now().toString());
        store.putFact(key, Json.write(alarm));
    }
}
