package io.alexandria.embedding;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.alexandria.testsupport.TestModels;
import io.alexandria.testsupport.TorchScriptModels;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The PyTorch embedder on tiny synthetic TorchScript models whose outputs are known exactly:
 * {@code hidden[b, t, d] = id * 0.01 + (d + 1) * 0.1 + type * 0.5}, 4 dimensions, unnormalised.
 * Covers 2 and 3 inputs, tuple / tensor / dict outputs, CLS and masked MEAN pooling, an already
 * pooled {@code sentence_embedding}, and finding the input count by trying.
 */
class TorchScriptOutputsTest {
    /** "hello world" and "hello" with the bge tokenizer: [CLS] hello world [SEP] / [CLS] hello [SEP]. */
    private static final long[] HELLO_WORLD = {101, 7592, 2088, 102};
    private static final long[] HELLO = {101, 7592, 102};
    private static final List<String> TEXTS = List.of("hello world", "hello");

    @TempDir
    Path tmp;

    private static float[] hidden(long id) {
        float[] h = new float[4];
        for (int d = 0; d < 4; d++) {
            h[d] = (float) (id * 0.01 + (d + 1) * 0.1);
        }
        return h;
    }

    private static float[] mean(long[] ids) {
        float[] v = new float[4];
        for (long id : ids) {
            float[] h = hidden(id);
            for (int d = 0; d < 4; d++) {
                v[d] += h[d] / ids.length;
            }
        }
        return v;
    }

    private static Embedder load(Path folder) throws EmbeddingException {
        return Embedders.load(folder.toString(), "cpu", TestModels.modelsDir());
    }

    private Path copyWithout(String toy, String key) throws IOException {
        Path src = TorchScriptModels.toys().resolve(toy);
        Path dst = Files.createDirectories(tmp.resolve(toy));
        for (String f : List.of("model.pt", "tokenizer.json")) {
            Files.copy(src.resolve(f), dst.resolve(f));
        }
        String json = Files.readString(src.resolve(ModelFolder.DESCRIPTOR));
        Files.writeString(dst.resolve(ModelFolder.DESCRIPTOR), json.replaceAll(",\\s*\"" + key + "\": [a-z]+", ""));
        return dst;
    }

    @Test
    void twoInputsTupleOutputMeanPoolingIgnoresPadding() throws Exception {
        try (Embedder e = load(TorchScriptModels.toys().resolve("toy-2in-tuple"))) {
            assertEquals(2, ((PyTorchEmbedder) e).inputCount());
            float[][] v = e.embed(TEXTS);
            assertArrayEquals(mean(HELLO_WORLD), v[0], 1e-5f);
            assertArrayEquals(mean(HELLO), v[1], 1e-5f, "the padded position is left out of the mean");
            assertArrayEquals(mean(HELLO), e.embed(List.of("hello"))[0], 1e-5f);
        }
    }

    @Test
    void threeInputsSingleTensorClsPooling() throws Exception {
        try (Embedder e = load(TorchScriptModels.toys().resolve("toy-3in-tensor"))) {
            assertEquals(3, ((PyTorchEmbedder) e).inputCount());
            float[][] v = e.embed(TEXTS);
            assertArrayEquals(hidden(101), v[0], 1e-5f);
            assertArrayEquals(hidden(101), v[1], 1e-5f);
        }
    }

    @Test
    void aDictWithAPooledSentenceEmbeddingIsUsedAsIs() throws Exception {
        try (Embedder e = load(TorchScriptModels.toys().resolve("toy-3in-sentence"))) {
            float[][] v = e.embed(TEXTS);
            assertArrayEquals(mean(HELLO_WORLD), v[0], 1e-5f);
            assertArrayEquals(mean(HELLO), v[1], 1e-5f);
        }
    }

    @Test
    void undeclaredInputCountsAreFoundByTrying() throws Exception {
        try (Embedder e = load(copyWithout("toy-2in-tuple", "tokenTypes"))) {
            assertEquals(2, ((PyTorchEmbedder) e).inputCount());
            assertArrayEquals(mean(HELLO), e.embed(List.of("hello"))[0], 1e-5f);
        }
        try (Embedder e = load(copyWithout("toy-3in-tensor", "tokenTypes"))) {
            assertEquals(3, ((PyTorchEmbedder) e).inputCount());
        }
    }

    @Test
    void aWrongDeclarationIsAClearLoadError() throws Exception {
        Path folder = copyWithout("toy-2in-tuple", "tokenTypes");
        Path descriptor = folder.resolve(ModelFolder.DESCRIPTOR);
        Files.writeString(descriptor, Files.readString(descriptor).replace("\"dimension\": 4", "\"dimension\": 5"));
        EmbeddingException e = assertThrows(EmbeddingException.class, () -> load(folder));
        assertTrue(e.getMessage().contains("does not fit its declaration: its vectors have shape (1, 4), not (n, 5)"),
                e.getMessage());

        Files.writeString(descriptor, Files.readString(descriptor).replace("\"dimension\": 5", "\"dimension\": 4")
                .replace("}", ", \"tokenTypes\": true}"));
        e = assertThrows(EmbeddingException.class, () -> load(folder));
        assertTrue(e.getMessage().contains("does not run as a text encoder (3 inputs: "), e.getMessage());
    }
}
