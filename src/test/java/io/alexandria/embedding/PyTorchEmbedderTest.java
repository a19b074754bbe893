package io.alexandria.embedding;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.alexandria.testsupport.TestModels;
import io.alexandria.testsupport.TorchScriptModels;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The PyTorch path equals the ONNX path: one network (the bundled bge-small-en-v1.5 with its
 * weights dequantised to float32 by {@code tools/make_torchscript_model.py --dequantize}) as
 * TorchScript run by {@link PyTorchEmbedder} on the CPU and as ONNX run by {@link OnnxEmbedder},
 * both loaded as local model folders, give the same vectors: tokenisation, int64 inputs,
 * padding, CLS pooling and normalisation included. (The int8 model itself cannot be compared this
 * tightly; see {@link QuantizedTorchScriptTest}.)
 */
class PyTorchEmbedderTest {
    static final List<String> SENTENCES = List.of(
            "Mr. Utterson the lawyer was a man of a rugged countenance that was never lighted by a smile.",
            "Ünïcödé — 東京 📅",
            "word",
            "?",
            "How do I show tasks that are due today in the Tasks plugin?",
            "In my younger and more vulnerable years my father gave me some advice that I've been turning over "
                    + "in my mind ever since. \"Whenever you feel like criticizing any one,\" he told me, \"just "
                    + "remember that all the people in this world haven't had the advantages that you've had.\"",
            "- [ ] Buy milk 📅 2026-11-21 #errand",
            "The Time Traveller (for so it will be convenient to speak of him) was expounding a recondite matter to us.");
    private static final double MIN_COSINE = 0.9999;

    private static Embedder pytorch;
    private static Embedder onnx;

    @BeforeAll
    static void load() throws EmbeddingException {
        TorchScriptModels.Pair pair = TorchScriptModels.floatPair();
        pytorch = Embedders.load(pair.torchScript().toString(), "cpu", TestModels.modelsDir());
        onnx = Embedders.load(pair.onnx().toString(), "cpu", TestModels.modelsDir());
    }

    @AfterAll
    static void close() {
        for (Embedder e : new Embedder[] {pytorch, onnx}) {
            if (e != null) {
                e.close();
            }
        }
    }

    static double cosine(float[] a, float[] b) {
        double dot = 0;
        double na = 0;
        double nb = 0;
        for (int i = 0; i < a.length; i++) {
            dot += (double) a[i] * b[i];
            na += (double) a[i] * a[i];
            nb += (double) b[i] * b[i];
        }
        return dot / Math.sqrt(na * nb);
    }

    private static double dot(float[] a, float[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            s += (double) a[i] * b[i];
        }
        return s;
    }

    @Test
    void theTwoEnginesRunTheDeclaredModel() {
        assertTrue(pytorch instanceof PyTorchEmbedder, pytorch.getClass().getName());
        assertTrue(onnx instanceof OnnxEmbedder, onnx.getClass().getName());
        assertEquals("cpu", pytorch.device());
        assertEquals(DeviceChoice.asRequested("cpu", "cpu"), pytorch.deviceChoice());
        assertEquals(new ModelSpec("bge-small-en-v1.5-float", 384, 512, Pooling.CLS, true), pytorch.model());
        assertEquals(3, ((PyTorchEmbedder) pytorch).inputCount());
        assertEquals(2, pytorch.tokenCounter().count("hello world"));
    }

    @Test
    void equalOneSentenceAtATime() throws EmbeddingException {
        double worst = 1;
        for (String s : SENTENCES) {
            float[] p = pytorch.embed(List.of(s))[0];
            float[] o = onnx.embed(List.of(s))[0];
            assertEquals(384, p.length);
            assertEquals(1.0, Math.sqrt(dot(p, p)), 1e-5, "unit length");
            double c = cosine(p, o);
            worst = Math.min(worst, c);
            assertTrue(c >= MIN_COSINE, "cosine " + c + " for \"" + s + "\"");
        }
        System.out.printf("PyTorch vs ONNX (float32 bge-small), one at a time: worst cosine %.9f (1 - cosine = %.1e)%n", worst, 1 - worst);
    }

    @Test
    void equalInABatch() throws EmbeddingException {
        float[][] p = pytorch.embed(SENTENCES);
        float[][] o = onnx.embed(SENTENCES);
        assertEquals(SENTENCES.size(), p.length);
        double worst = 1;
        for (int i = 0; i < p.length; i++) {
            double c = cosine(p[i], o[i]);
            worst = Math.min(worst, c);
            assertTrue(c >= MIN_COSINE, "cosine " + c + " for \"" + SENTENCES.get(i) + "\" in a batch");
            assertEquals(1.0, Math.sqrt(dot(p[i], p[i])), 1e-5, "unit length");
        }
        float[] alone = pytorch.embed(List.of(SENTENCES.get(2)))[0];
        assertTrue(cosine(alone, p[2]) >= MIN_COSINE, "padding in a batch does not change a vector");
        System.out.printf("PyTorch vs ONNX (float32 bge-small), batch of %d: worst cosine %.9f (1 - cosine = %.1e)%n", p.length, worst, 1 - worst);
    }

    @Test
    void emptyBatchesAreEmpty() throws EmbeddingException {
        assertEquals(0, pytorch.embed(List.of()).length);
    }
}
