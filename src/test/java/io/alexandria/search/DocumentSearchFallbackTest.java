package io.alexandria.search;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.alexandria.embedding.BundledModel;
import io.alexandria.embedding.Embedder;
import io.alexandria.index.ChunkIndex;
import io.alexandria.index.Payloads;
import io.alexandria.keywords.KeywordEncoder;
import io.alexandria.testserver.QdrantTestServer;
import io.alexandria.testsupport.TestModels;
import io.qdrant.client.QdrantClient;
import io.qdrant.client.grpc.Points.PointStruct;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@link DocumentSearch} on a collection synced before keyword vectors existed (only the unnamed
 * dense vector), over real gRPC against the project's Qdrant-compatible test server, with the real
 * bundled model: the hybrid request is refused, the dense leg answers alone, still per document,
 * and the hybrid request is not sent again until {@link DocumentSearch#RECHECK} has passed.
 */
class DocumentSearchFallbackTest {
    private static QdrantTestServer server;
    private static QdrantClient client;
    private static Embedder embedder;

    private static final Map<String, List<String>> NOTES = new LinkedHashMap<>();

    static {
        NOTES.put("Lighthouses", List.of(
                "The lighthouse keeper climbed the tower every evening to light the lamp.",
                "In fog the keeper sounded the horn every thirty seconds to warn ships off the rocks.",
                "The lamp's lens was polished each morning so the beam carried twenty miles.",
                "Keepers logged every ship that passed the lighthouse in a leather-bound book."));
        NOTES.put("Sourdough", List.of(
                "Feed the sourdough starter with flour and water the night before baking.",
                "Bake the loaf in a covered pot at a high temperature for a crisp crust."));
        NOTES.put("Taxes", List.of("File the tax return before the end of April and keep the receipts."));
    }

    @BeforeAll
    static void index() throws Exception {
        server = QdrantTestServer.start();
        client = server.newClient();
        embedder = TestModels.bundled();
        ChunkIndex index = new ChunkIndex(client, BundledModel.SPEC);
        index.ensure();
        List<PointStruct> points = new ArrayList<>();
        for (var note : NOTES.entrySet()) {
            String docId = UUID.nameUUIDFromBytes(note.getKey().getBytes()).toString();
            float[][] vectors = embedder.embed(note.getValue());
            for (int i = 0; i < vectors.length; i++) {
                Map<String, Object> p = new LinkedHashMap<>();
                p.put("text", note.getValue().get(i));
                p.put("title", note.getKey());
                p.put("source", "obsidian");
                p.put("source_id", note.getKey() + ".md");
                p.put("doc_id", docId);
                p.put("file_path", note.getKey() + ".md");
                p.put("heading", "");
                p.put("chunk_ordinal", i);
                points.add(ChunkIndex.point(UUID.nameUUIDFromBytes((docId + i).getBytes()), vectors[i],
                        Payloads.toPayload(p)));
            }
        }
        index.upsert(points);
    }

    @AfterAll
    static void stop() {
        client.close();
        server.close();
    }

    @Test
    void withoutKeywordVectorsTheDenseLegAnswersPerDocument() throws Exception {
        try (KeywordEncoder encoder = new KeywordEncoder()) {
            DocumentSearch search = new DocumentSearch(QueryEmbedding.of(embedder), encoder, client, ChunkIndex.ALIAS);
            long before = server.calls("Points/QueryGroups");
            DocumentResults r = search.search("who lights the lamp in the lighthouse tower", 2, null);
            assertEquals(SearchMode.DENSE, r.mode());
            assertEquals(2, r.documents().size());
            DocumentHit first = r.documents().getFirst();
            assertEquals("Lighthouses", first.title());
            assertEquals(3, first.passages().size(), "at most three passages per document");
            assertTrue(first.passages().stream().allMatch(p -> p.title().equals("Lighthouses")));
            assertTrue(first.passages().getFirst().score() >= first.passages().get(2).score());
            assertEquals(first.passages().getFirst().score(), first.score(), 1e-9);
            assertTrue(r.documents().get(1).score() <= first.score());
            long hybridAndDense = server.calls("Points/QueryGroups") - before;

            before = server.calls("Points/QueryGroups");
            DocumentResults again = search.search("baking bread with a sourdough starter", 1, null);
            assertEquals(SearchMode.DENSE, again.mode());
            assertEquals("Sourdough", again.documents().getFirst().title());
            assertEquals(hybridAndDense - 1, server.calls("Points/QueryGroups") - before,
                    "the refused hybrid request is not sent again right away");
        }
    }

    @Test
    void aJapaneseQuestionFallsBackToTheDenseLegToo() throws Exception {
        try (KeywordEncoder encoder = new KeywordEncoder()) {
            DocumentSearch search = new DocumentSearch(QueryEmbedding.of(embedder), encoder, client, ChunkIndex.ALIAS);
            DocumentResults r = search.search("灯台守はどうやってランプを灯しますか", 2, null);
            assertEquals(SearchMode.DENSE, r.mode(), "the keyword-only request is refused as well");
            assertEquals(2, r.documents().size());
        }
    }

    @Test
    void aQuestionOfStopWordsOnlyGoesStraightToTheDenseLeg() throws Exception {
        try (KeywordEncoder encoder = new KeywordEncoder()) {
            DocumentSearch search = new DocumentSearch(QueryEmbedding.of(embedder), encoder, client, ChunkIndex.ALIAS);
            long before = server.calls("Points/QueryGroups");
            DocumentResults r = search.search("Is it not that?", 3, null);
            assertEquals(1, server.calls("Points/QueryGroups") - before, "only the dense request was sent");
            assertEquals(SearchMode.DENSE, r.mode());
            assertEquals(3, r.documents().size());
            assertEquals(List.of(1, 2, 3), r.documents().stream().map(DocumentHit::rank).toList());
        }
    }
}
