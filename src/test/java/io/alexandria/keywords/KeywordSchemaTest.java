package io.alexandria.keywords;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.qdrant.client.grpc.Collections.CollectionConfig;
import io.qdrant.client.grpc.Collections.CollectionInfo;
import io.qdrant.client.grpc.Collections.CollectionParams;
import io.qdrant.client.grpc.Collections.Modifier;
import io.qdrant.client.grpc.Collections.SparseVectorConfig;
import io.qdrant.client.grpc.Collections.SparseVectorParams;
import io.qdrant.client.grpc.Points.CreateVectorNameRequest;
import io.qdrant.client.grpc.Points.PointVectors;
import io.qdrant.client.grpc.Points.Vectors;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class KeywordSchemaTest {
    private static final KeywordVector KEYWORDS = new KeywordVector(new int[] {3, 9}, new float[] {0.5f, 1.5f});

    private static CollectionInfo info(SparseVectorConfig sparse) {
        return CollectionInfo.newBuilder().setConfig(CollectionConfig.newBuilder().setParams(
                CollectionParams.newBuilder().setSparseVectorsConfig(sparse))).build();
    }

    @Test
    void newCollectionsDeclareTheKeywordVectorWithIdf() {
        SparseVectorConfig c = KeywordSchema.sparseVectorsConfig();
        assertEquals(List.of("text"), List.copyOf(c.getMapMap().keySet()));
        assertEquals(Modifier.Idf, c.getMapMap().get("text").getModifier());
        assertTrue(KeywordSchema.declaredIn(info(c)));
        assertFalse(KeywordSchema.declaredIn(CollectionInfo.getDefaultInstance()));
        assertFalse(KeywordSchema.declaredIn(info(SparseVectorConfig.newBuilder()
                .putMap("text", SparseVectorParams.getDefaultInstance()).build())), "without IDF BM25 is wrong");
    }

    @Test
    void anExistingCollectionGetsTheVectorByName() {
        CreateVectorNameRequest r = KeywordSchema.addToCollection("alexandria_bge_small_en_v1_5_q_384");
        assertEquals("alexandria_bge_small_en_v1_5_q_384", r.getCollectionName());
        assertEquals("text", r.getVectorName());
        assertTrue(r.getWait());
        assertEquals(Modifier.Idf, r.getSparseConfig().getModifier());
    }

    @Test
    void pointsCarryTheUnnamedDenseVectorAndTheKeywordVector() {
        Vectors v = KeywordSchema.pointVectors(new float[] {0.6f, 0.8f}, KEYWORDS);
        var named = v.getVectors().getVectorsMap();
        assertEquals(List.of(0.6f, 0.8f), named.get("").getDense().getDataList());
        assertEquals(List.of(3, 9), named.get("text").getSparse().getIndicesList());
        assertEquals(List.of(0.5f, 1.5f), named.get("text").getSparse().getValuesList());
        assertEquals(List.of(""), List.copyOf(KeywordSchema.pointVectors(new float[] {1f}, KeywordVector.EMPTY)
                .getVectors().getVectorsMap().keySet()), "an empty keyword vector is left out");
    }

    @Test
    void backfillSetsOnlyTheKeywordVector() {
        UUID id = UUID.fromString("6f1c2a3e-0d4b-5c6d-8e9f-0a1b2c3d4e5f");
        PointVectors p = KeywordSchema.keywordUpdate(id, KEYWORDS);
        assertEquals(id.toString(), p.getId().getUuid());
        assertEquals(List.of("text"), List.copyOf(p.getVectors().getVectors().getVectorsMap().keySet()));
        assertThrows(IllegalArgumentException.class, () -> KeywordSchema.keywordUpdate(id, KeywordVector.EMPTY));
    }
}
