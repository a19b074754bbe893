package io.alexandria.embedding;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import io.alexandria.testsupport.LocalHttpServer;
import io.alexandria.testsupport.TinyOnnxModels;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The multilingual catalogue model's loading path, on the tiny XLM-RoBERTa-shaped model that
 * {@code tools/make_tiny_onnx_model.py} makes (no real weights can be downloaded here): download
 * from a hub repository (a local HTTP server), the descriptor with E5 instructions, two-input
 * ONNX graphs (float and int8), mean pooling, and a Unigram tokenizer on Japanese and Chinese text.
 */
class MultilingualModelTest {
    private static final String REPO = "test/tiny-multilingual";
    private static final ModelSpec TINY = new ModelSpec("test/tiny-multilingual-q", TinyOnnxModels.DIMENSION, 64,
            Pooling.MEAN, true, ModelSpec.E5_QUERY, ModelSpec.E5_PASSAGE);
    private static final ModelCatalog.Entry ENTRY = new ModelCatalog.Entry(TINY, ModelCatalog.Source.HF_HUB, null,
            ModelFormat.ONNX, 0, "tiny", new ModelCatalog.HubFiles(REPO, "main",
            Map.of("onnx/model_quantized.onnx", "model.onnx", "tokenizer.json", "tokenizer.json")));

    @TempDir
    Path tmp;

    private static LocalHttpServer hub(Path repo) throws Exception {
        LocalHttpServer server = new LocalHttpServer();
        for (String f : List.of("onnx/model_quantized.onnx", "onnx/model.onnx", "tokenizer.json")) {
            server.put("/" + REPO + "/resolve/main/" + f, Files.readAllBytes(repo.resolve(f)));
        }
        return server;
    }

    private static HuggingFaceHub client(LocalHttpServer server) {
        return new HuggingFaceHub(server.base(), new Downloader(Duration.ofSeconds(10), Duration.ofSeconds(10), () -> false));
    }

    /** What mean pooling of the tiny model gives for a text: the normalised mean of its tokens' rows. */
    private static float[] expected(Path tokenizerJson, String input) throws Exception {
        try (HuggingFaceTokenizer t = HuggingFaceTokenizer.newInstance(tokenizerJson, Map.of("addSpecialTokens", "true", "maxLength", "64"))) {
            long[] ids = t.encode(input).getIds();
            float[] v = new float[TinyOnnxModels.DIMENSION];
            for (long id : ids) {
                float[] r = TinyOnnxModels.row(id);
                for (int d = 0; d < v.length; d++) {
                    v[d] += r[d] / ids.length;
                }
            }
            Pooler.normalize(v);
            return v;
        }
    }

    private static double cosine(float[] a, float[] b) {
        double dot = 0;
        double na = 0;
        double nb = 0;
        for (int i = 0; i < a.length; i++) {
            dot += a[i] * b[i];
            na += a[i] * a[i];
            nb += b[i] * b[i];
        }
        return dot / Math.sqrt(na * nb);
    }

    @Test
    void theCatalogueHasASmallMultilingualOnnxModelBesideBgeM3() {
        ModelCatalog.Entry e5 = ModelCatalog.find("multilingual-e5-small-q").orElseThrow();
        assertEquals(ModelCatalog.Source.HF_HUB, e5.source());
        assertEquals(ModelFormat.ONNX, e5.format());
        assertEquals(384, e5.spec().dimension());
        assertEquals(Pooling.MEAN, e5.spec().pooling());
        assertEquals("query: ", e5.spec().queryInstruction());
        assertEquals("passage: ", e5.spec().passagePrefix());
        assertEquals("model.onnx", e5.hub().files().get("onnx/model_quantized.onnx"));
        assertEquals("tokenizer.json", e5.hub().files().get("tokenizer.json"));
        assertTrue(Embedders.mayDownload(e5.id()));
        assertTrue(ModelCatalog.find("BAAI/bge-m3").isPresent());
        assertEquals(ModelSpec.BGE_QUERY_INSTRUCTION, BundledModel.SPEC.queryInstruction());
        assertEquals("", BundledModel.SPEC.passagePrefix());
        assertEquals(ModelSpec.BGE_QUERY_INSTRUCTION, ModelCatalog.find("BAAI/bge-base-en-v1.5").orElseThrow().spec()
                .queryInstruction());
        ModelSpec minilm = ModelCatalog.find("sentence-transformers/all-MiniLM-L6-v2").orElseThrow().spec();
        assertEquals("", minilm.queryInstruction());
        assertEquals("", minilm.passagePrefix());
    }

    @Test
    void aPassagePrefixIsPartOfTheModelsKeyAndTheQueryInstructionIsNot() {
        assertEquals(BundledModel.SPEC.id(), BundledModel.SPEC.key());
        ModelSpec e5 = ModelCatalog.find("multilingual-e5-small-q").orElseThrow().spec();
        assertTrue(e5.key().startsWith(e5.id() + "+p"), e5.key());
        assertNotEquals(e5.key(), e5.withInstructions("query: ", "document: ").key());
        assertEquals(e5.key(), e5.withInstructions("search: ", "passage: ").key());
        assertEquals("passage: Tasks", e5.passageInput("Tasks"));
        assertEquals("query: Tasks", e5.queryInput("Tasks"));
    }

    @Test
    void downloadsTheHubFilesIntoAModelFolderOnceAndAppliesTheInstructions() throws Exception {
        Path repo = TinyOnnxModels.hubRepository();
        try (LocalHttpServer server = hub(repo)) {
            List<DownloadProgress.Phase> phases = new ArrayList<>();
            ModelFolder folder = client(server).ensure(ENTRY, tmp, p -> phases.add(p.phase()));
            assertEquals(DownloadProgress.Phase.DONE, phases.getLast());
            assertEquals(ModelFormat.ONNX, folder.format());
            assertEquals("model.onnx", folder.modelFile().getFileName().toString());
            assertEquals(TINY, folder.spec());
            ModelFolder again = ModelFolder.read(folder.dir());
            assertEquals("passage: ", again.spec().passagePrefix(), "the descriptor keeps the instructions");
            int requests = server.requests().size();
            client(server).ensure(ENTRY, tmp, DownloadListener.NONE);
            assertEquals(requests, server.requests().size(), "a downloaded model is not downloaded again");

            try (Embedder e = Embedders.load(folder, "cpu", DownloadListener.NONE)) {
                assertInstanceOf(OnnxEmbedder.class, e);
                String text = "Tasks due today";
                float[] passage = e.embedPassages(List.of(text))[0];
                assertArrayEquals(e.embed(List.of("passage: " + text))[0], passage, 1e-6f);
                float[] query = e.embedQuery(text);
                assertArrayEquals(e.embed(List.of("query: " + text))[0], query, 1e-6f);
                assertFalse(java.util.Arrays.equals(passage, query), "the two instructions give two vectors");
                // the int8 graph returns the float rows to within one quantisation step
                assertTrue(cosine(expected(folder.tokenizer(), "passage: " + text), passage) > 0.99);
            }
        }
    }

    @Test
    void meanPoolingOfATwoInputModelOnJapaneseAndChineseText() throws Exception {
        Path repo = TinyOnnxModels.hubRepository();
        Path dir = Files.createDirectories(tmp.resolve("float"));
        Files.copy(repo.resolve("onnx/model.onnx"), dir.resolve("model.onnx"));
        Files.copy(repo.resolve("tokenizer.json"), dir.resolve("tokenizer.json"));
        ModelFolder.writeDescriptor(dir, TINY, null, "model.onnx", "test");
        List<String> texts = List.of("日本語のテキストも埋め込めます。", "今日の予定", "今天完成任务", "passage: done", "Tasks due today");
        try (Embedder e = Embedders.load(dir.toString(), "cpu", tmp.resolve("models"))) {
            assertEquals(TINY, e.model());
            float[][] v = e.embedAll(texts);
            for (int i = 0; i < texts.size(); i++) {
                assertArrayEquals(expected(dir.resolve("tokenizer.json"), texts.get(i)), v[i], 1e-5f, texts.get(i));
            }
            assertTrue(cosine(v[0], v[1]) < 0.9999, "different Japanese sentences, different vectors");
            assertTrue(e.tokenCounter().count(texts.getFirst()) >= 10, "Japanese is split into characters, not one unknown");
        }
        try (HuggingFaceTokenizer t = HuggingFaceTokenizer.newInstance(dir.resolve("tokenizer.json"), Map.of("maxLength", "64"))) {
            for (String s : texts.subList(0, 3)) {
                for (long id : t.encode(s).getIds()) {
                    assertNotEquals(3L, id, "no <unk> in " + s);
                }
            }
        }
    }
}
