package io.alexandria.embedding;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.alexandria.testsupport.TestModels;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The real bundled model (bge-small-en-v1.5, int8 ONNX) on real text. */
class OnnxEmbedderTest {
    private final Embedder embedder = TestModels.bundled();

    private static double dot(float[] a, float[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            s += a[i] * b[i];
        }
        return s;
    }

    @Test
    void vectorsHave384DimensionsAndUnitLength() throws EmbeddingException {
        float[][] v = embedder.embed(List.of("Mr. Utterson the lawyer was a man of a rugged countenance.", "ü"));
        assertEquals(2, v.length);
        for (float[] x : v) {
            assertEquals(384, x.length);
            assertEquals(1.0, Math.sqrt(dot(x, x)), 1e-4);
        }
        assertEquals("cpu", embedder.device());
        assertEquals(384, embedder.model().dimension());
    }

    @Test
    void meaningDecidesCloseness() throws EmbeddingException {
        float[][] v = embedder.embed(List.of(
                "How do I show tasks that are due today?",
                "Query for tasks whose due date is today",
                "The Time Traveller explained the fourth dimension to his guests."));
        assertTrue(dot(v[0], v[1]) > dot(v[0], v[2]) + 0.1,
                "related questions are closer: " + dot(v[0], v[1]) + " vs " + dot(v[0], v[2]));
    }

    @Test
    void batchingBarelyChangesVectorsAndRepeatsExactly() throws EmbeddingException {
        // The int8 model quantises activations per batch, so padding shifts vectors a little; the
        // engine sorts texts by length to keep padding (and this drift) small, and never re-embeds.
        String a = "The lawyer walked home through the fog.";
        String b = "The doctor wrote a long letter before dawn.";
        float[] alone = embedder.embed(List.of(a))[0];
        float[] batched = embedder.embed(List.of(a, b))[0];
        assertTrue(dot(alone, batched) > 0.99, "similar-length batching keeps the vector: " + dot(alone, batched));
        assertArrayEquals(embedder.embed(List.of(b))[0], embedder.embed(List.of(b))[0], 1e-6f);
    }

    @Test
    void tokenCounterMatchesTheModelsTokenizer() {
        assertEquals(0, embedder.tokenCounter().count(""));
        assertEquals(2, embedder.tokenCounter().count("hello world"));
        assertTrue(embedder.tokenCounter().count("Tasks plugin 📅 2026-11-21") > 4);
    }
}
