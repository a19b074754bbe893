package io.alexandria.search;

import static io.qdrant.client.PointIdFactory.id;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.alexandria.index.Payloads;
import io.alexandria.index.QdrantException;
import io.grpc.Status;
import io.qdrant.client.grpc.Points.GroupId;
import io.qdrant.client.grpc.Points.PointGroup;
import io.qdrant.client.grpc.Points.ScoredPoint;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Turning Qdrant's answers into per-document results, and when the keyword leg counts as refused. */
class DocumentSearchTest {

    private static ScoredPoint point(String docId, String title, String text, double score, Integer page) {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("text", text);
        p.put("title", title);
        p.put("source", page == null ? "obsidian" : "calibre");
        p.put("source_id", page == null ? title + ".md" : "42");
        p.put("doc_id", docId);
        p.put("file_path", page == null ? title + ".md" : "Author/Book.epub");
        p.put("heading", page == null ? title + " > Setup" : "");
        if (page != null) {
            p.put("page", page);
            p.put("author", "R. L. Stevenson");
        }
        return ScoredPoint.newBuilder().setId(id(UUID.nameUUIDFromBytes(text.getBytes()))).setScore((float) score)
                .putAllPayload(Payloads.toPayload(p)).build();
    }

    @Test
    void groupsBecomeRankedDocumentsWithTheirPassages() {
        PointGroup a = PointGroup.newBuilder().setId(GroupId.newBuilder().setStringValue("doc-a"))
                .addHits(point("doc-a", "Lighthouses", "the keeper lit the lamp", 0.5, null))
                .addHits(point("doc-a", "Lighthouses", "fog horns", 0.25, null)).build();
        PointGroup b = PointGroup.newBuilder().setId(GroupId.newBuilder().setStringValue("doc-b"))
                .addHits(point("doc-b", "Jekyll", "a strange case", 0.2, 12)).build();
        PointGroup empty = PointGroup.newBuilder().setId(GroupId.newBuilder().setStringValue("doc-c")).build();

        List<DocumentHit> docs = DocumentSearch.fromGroups(List.of(a, b, empty));
        assertEquals(2, docs.size());
        DocumentHit first = docs.getFirst();
        assertEquals(1, first.rank());
        assertEquals("doc-a", first.docId());
        assertEquals(0.5, first.score(), 1e-6);
        assertEquals("Lighthouses", first.title());
        assertEquals("Lighthouses.md", first.filePath());
        assertNull(first.author());
        assertEquals(List.of("the keeper lit the lamp", "fog horns"), first.passages().stream().map(SearchHit::text).toList());
        assertEquals("Lighthouses > Setup", first.passages().getFirst().heading());
        DocumentHit book = docs.get(1);
        assertEquals(2, book.rank());
        assertEquals("R. L. Stevenson", book.author());
        assertEquals(12, book.passages().getFirst().page());
    }

    @Test
    void chunkHitsAreGroupedHereWhenTheServerCannotGroup() {
        List<ScoredPoint> hits = List.of(point("a", "A", "a1", 0.9, null), point("b", "B", "b1", 0.8, null),
                point("a", "A", "a2", 0.7, null), point("a", "A", "a3", 0.6, null), point("a", "A", "a4", 0.5, null),
                point("c", "C", "c1", 0.4, null), point("b", "B", "b2", 0.3, null));
        List<DocumentHit> docs = DocumentSearch.groupHere(hits, 2);
        assertEquals(List.of("a", "b"), docs.stream().map(DocumentHit::docId).toList());
        assertEquals(List.of("a1", "a2", "a3"), docs.get(0).passages().stream().map(SearchHit::text).toList());
        assertEquals(List.of("b1", "b2"), docs.get(1).passages().stream().map(SearchHit::text).toList());
        assertEquals(List.of(1, 2), docs.stream().map(DocumentHit::rank).toList());
    }

    @Test
    void jsonKeepsTheChunkFieldsAndAddsTheGroup() {
        List<DocumentHit> docs = DocumentSearch.groupHere(List.of(point("a", "A", "a1", 0.9, null),
                point("a", "A", "a2", 0.7, null), point("b", "B", "b1", 0.5, null)), 10);
        List<Map<String, Object>> json = new DocumentResults(docs, SearchMode.DENSE).toJson();
        assertEquals(3, json.size());
        Map<String, Object> second = json.get(1);
        assertEquals("a2", second.get("text"));
        assertEquals("A.md", second.get("file_path"));
        assertEquals(0.7, (double) second.get("score"), 1e-6);
        @SuppressWarnings("unchecked")
        Map<String, Object> group = (Map<String, Object>) second.get("group");
        assertEquals("a", group.get("doc_id"));
        assertEquals(1, group.get("rank"));
        assertEquals(0.9, (double) group.get("score"), 1e-6);
        assertEquals(List.of("a1", "a2", "b1"), new DocumentResults(docs, SearchMode.DENSE).passages().stream()
                .map(SearchHit::text).toList());
    }

    @Test
    void unimplementedAndInvalidArgumentMeanNoKeywordLeg() {
        assertTrue(DocumentSearch.keywordLegRefused(new QdrantException(Status.UNIMPLEMENTED, null)));
        assertTrue(DocumentSearch.keywordLegRefused(new QdrantException(
                Status.INVALID_ARGUMENT.withDescription("Wrong input: Not existing vector name error: text"), null)));
        assertFalse(DocumentSearch.keywordLegRefused(new QdrantException(Status.NOT_FOUND, null)));
        assertFalse(DocumentSearch.keywordLegRefused(new QdrantException(Status.UNAVAILABLE, null)));
    }
}
