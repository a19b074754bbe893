package io.alexandria.sources.vault;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.alexandria.chunking.ChunkingOptions;
import io.alexandria.common.Json;
import io.alexandria.events.EventTypes;
import io.alexandria.extraction.ExtractionLimits;
import io.alexandria.store.Database;
import io.alexandria.store.DocumentRow;
import io.alexandria.store.Ledger;
import io.alexandria.store.SyncStatus;
import io.alexandria.sync.SyncEngine;
import io.alexandria.sync.SyncSummary;
import io.alexandria.testserver.QdrantTestServer;
import io.alexandria.testsupport.EngineFixture;
import io.alexandria.testsupport.HostileInputs;
import io.alexandria.testsupport.HostileInputs.Input;
import io.alexandria.testsupport.HostileInputs.Outcome;
import io.alexandria.testsupport.QdrantProbe;
import io.qdrant.client.QdrantClient;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The hostile vault of {@link HostileInputs} ({@link HostileInputs.Scale#SMALL}) through a real sync:
 * real model, real H2, the real client over gRPC to the project's Qdrant test server. Only the
 * public {@link SyncEngine} API and the ledger are used. Every sane and every indexable note ends
 * synced; every note that must fail ends failed with its error type and a message (and an
 * {@code ingest_error} event); what the scan must skip has no row and is in the source's scan
 * problems; and every point's payload is bounded: text, tokens, and lists of at most
 * {@link ExtractionLimits#maxPayloadListItems()} items (the 10,000-link index note stores 100 links and
 * {@code links_total} per point).
 */
class HostileVaultSyncTest {
    @TempDir
    Path tmp;

    private Database db;

    @Test
    void everyNoteIsIndexedWithinBoundsOrFailedWithItsReasonAndSkippedLinksAreReported() throws Exception {
        Path vault = tmp.resolve("Hostile Vault");
        List<Input> inputs = HostileInputs.writeVault(vault, tmp.resolve("outside"), HostileInputs.Scale.SMALL);
        ExtractionLimits limits = ExtractionLimits.defaults();
        ChunkingOptions chunking = ChunkingOptions.defaults();
        try (QdrantTestServer server = QdrantTestServer.start(); QdrantClient client = server.newClient();
             SyncEngine engine = EngineFixture.engine(db = Database.open(tmp.resolve("data")), server, "hostile-host")) {
            VaultSource source = new VaultSource(vault, List.of());
            engine.addSource(source);
            engine.start("sync");
            SyncSummary summary = engine.syncNow(false, Duration.ofMinutes(15));
            assertTrue(summary.complete(), "the sync completes: " + summary);

            Map<String, DocumentRow> rows = db.inTransaction(c -> new Ledger().listAll(c)).stream()
                    .collect(Collectors.toMap(r -> r.key().sourceId(), r -> r));
            int failed = 0;
            for (Input i : inputs) {
                DocumentRow row = rows.get(i.path());
                switch (i.outcome()) {
                    case INDEXED -> {
                        assertNotNull(row, i + " has a ledger row");
                        assertEquals(SyncStatus.SYNCED, row.status(), i + ": " + row.errorType() + " " + row.lastError());
                    }
                    case FAILED -> {
                        failed++;
                        assertNotNull(row, i + " has a ledger row");
                        assertEquals(SyncStatus.FAILED, row.status(), i.toString());
                        assertEquals(i.reason(), row.errorType(), i + ": " + row.lastError());
                        assertFalse(row.lastError() == null || row.lastError().isBlank(), i + " says why");
                    }
                    case SKIPPED -> assertFalse(rows.containsKey(i.path()), i + " is not in the ledger");
                    default -> throw new AssertionError(i.outcome());
                }
            }
            assertTrue(rows.keySet().stream().filter(k -> k.startsWith("sane-")).allMatch(
                    k -> rows.get(k).status() == SyncStatus.SYNCED && rows.get(k).chunkCount() == 1));
            assertEquals(inputs.stream().filter(i -> i.outcome() == Outcome.SKIPPED).map(Input::path).sorted().toList(),
                    source.lastScanProblems().stream().map(ScanProblem::relativePath).sorted().toList());

            QdrantProbe probe = new QdrantProbe(client);
            assertEquals(failed, probe.events(EventTypes.INGEST_ERROR).size());
            List<Map<String, Object>> points = probe.chunks();
            assertEquals(db.inTransaction(c -> new Ledger().chunkRowCount(c)).longValue(), points.size());
            int indexPoints = 0;
            for (Map<String, Object> p : points) {
                String where = p.get("source_id") + " #" + p.get("chunk_ordinal");
                assertTrue(p.get("text").toString().length() <= chunking.maxChars(), where);
                assertTrue(((Number) p.get("tokens")).intValue() <= chunking.maxTokens(), where);
                assertTrue(p.get("title").toString().length() <= limits.maxTitleChars(), where);
                for (String list : List.of("tags", "aliases", "links")) {
                    Object v = p.get(list);
                    assertTrue(v == null || ((List<?>) v).size() <= limits.maxPayloadListItems(), where + " " + list);
                }
                assertTrue(Json.write(p).length() < 32_000, where + ": payload of " + Json.write(p).length() + " chars");
                if ("index-10k-links.md".equals(p.get("source_id"))) {
                    indexPoints++;
                    assertEquals(100, ((List<?>) p.get("links")).size());
                    assertEquals(10_000, ((Number) p.get("links_total")).intValue());
                }
            }
            assertTrue(indexPoints > 10, "the index note has its points: " + indexPoints);
        }
    }
}
