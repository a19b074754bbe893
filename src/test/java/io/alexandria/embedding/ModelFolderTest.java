package io.alexandria.embedding;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.alexandria.testsupport.TestModels;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Local model folders: the descriptor's checks and their messages, and loading an ONNX folder. */
class ModelFolderTest {
    private static final String GOOD = """
            {"id": "my-model", "dimension": 384, "pooling": "cls", "maxTokens": 512}
            """;

    @TempDir
    Path dir;

    @BeforeEach
    void files() throws IOException {
        Files.writeString(dir.resolve("model.pt"), "not really torchscript");
        Files.writeString(dir.resolve("tokenizer.json"), "{}");
    }

    private String problem(String descriptor) throws IOException {
        if (descriptor != null) {
            Files.writeString(dir.resolve(ModelFolder.DESCRIPTOR), descriptor);
        }
        EmbeddingException e = assertThrows(EmbeddingException.class, () -> ModelFolder.read(dir));
        assertTrue(e.getMessage().startsWith("model folder " + dir + ": "), e.getMessage());
        return e.getMessage().substring(("model folder " + dir + ": ").length());
    }

    @Test
    void aGoodDescriptorGivesTheSpecAndFiles() throws Exception {
        Files.writeString(dir.resolve(ModelFolder.DESCRIPTOR), GOOD);
        ModelFolder f = ModelFolder.read(dir);
        assertEquals(new ModelSpec("my-model", 384, 512, Pooling.CLS, true), f.spec());
        assertEquals(ModelFormat.TORCHSCRIPT, f.format());
        assertEquals(dir.resolve("model.pt"), f.modelFile());
        assertEquals(dir.resolve("tokenizer.json"), f.tokenizer());
        assertNull(f.tokenTypes());
        assertTrue(ModelFolder.isModelFolder(dir));
        assertTrue(Embedders.mayDownload(dir.toString()), "TorchScript needs the PyTorch library");
    }

    @Test
    void everyMistakeIsNamed() throws Exception {
        assertEquals("not a folder", problemFor(dir.resolve("missing")));
        assertTrue(problem(null).startsWith("no alexandria-model.json (a local model folder needs one"));
        assertTrue(problem("{\"id\": ").startsWith("alexandria-model.json is not a JSON object"));
        assertTrue(problem("[1, 2]").startsWith("alexandria-model.json is not a JSON object"));
        assertEquals("alexandria-model.json lacks \"id\"", problem("{\"dimension\": 384, \"pooling\": \"CLS\", \"maxTokens\": 512}"));
        assertTrue(problem(GOOD.replace("my-model", "My Model")).startsWith("alexandria-model.json: \"id\" must be"));
        assertEquals("alexandria-model.json: \"dimension\" must be a whole number from 1 to 65536 (got 0)",
                problem(GOOD.replace("384", "0")));
        assertEquals("alexandria-model.json: \"dimension\" must be a whole number from 1 to 65536 (got \"384\")",
                problem(GOOD.replace("384", "\"384\"")));
        assertEquals("alexandria-model.json: \"maxTokens\" must be a whole number from 3 to 1000000 (got 51.2)",
                problem(GOOD.replace("512", "51.2")));
        assertEquals("alexandria-model.json: \"pooling\" must be CLS or MEAN (got \"max\")",
                problem(GOOD.replace("cls", "max")));
        assertEquals("alexandria-model.json: \"normalize\" must be true or false (got \"yes\")",
                problem(GOOD.replace("}", ", \"normalize\": \"yes\"}")));
        assertTrue(problem(GOOD.replace("}", ", \"dimensions\": 384}"))
                .startsWith("alexandria-model.json has unknown key(s) [dimensions]"));
        assertEquals("no model file other.pt (named by \"model\" in alexandria-model.json)",
                problem(GOOD.replace("}", ", \"model\": \"other.pt\"}")));
        assertEquals("no model file ../escape.pt (named by \"model\" in alexandria-model.json)",
                problem(GOOD.replace("}", ", \"model\": \"../escape.pt\"}")));
        Files.writeString(dir.resolve("model.onnx"), "x");
        assertEquals("several model files [model.onnx, model.pt]; name one with \"model\" in alexandria-model.json",
                problem(GOOD));
        Files.delete(dir.resolve("model.onnx"));
        Files.delete(dir.resolve("model.pt"));
        assertEquals("no model file (a TorchScript .pt or an .onnx)", problem(GOOD));
        Files.writeString(dir.resolve("model.pt"), "x");
        Files.delete(dir.resolve("tokenizer.json"));
        assertEquals("no tokenizer file tokenizer.json (the model's HuggingFace tokenizer.json)", problem(GOOD));
    }

    private static String problemFor(Path missing) {
        EmbeddingException e = assertThrows(EmbeddingException.class, () -> ModelFolder.read(missing));
        return e.getMessage().substring(("model folder " + missing + ": ").length());
    }

    @Test
    void commentsAndSourceAreAllowedAndDefaultsApply() throws Exception {
        Files.writeString(dir.resolve(ModelFolder.DESCRIPTOR), """
                {"_comment": "mine", "source": "hand made", "description": "test", "id": "org/m-1.5",
                 "dimension": 8, "pooling": "MEAN", "maxTokens": 16, "normalize": false, "tokenTypes": false,
                 "model": "model.pt", "tokenizer": "tokenizer.json"}
                """);
        ModelFolder f = ModelFolder.read(dir);
        assertEquals(new ModelSpec("org/m-1.5", 8, 16, Pooling.MEAN, false), f.spec());
        assertEquals(Boolean.FALSE, f.tokenTypes());
    }

    @Test
    void aLocalOnnxFolderLoadsLikeTheBundledModel() throws Exception {
        Files.delete(dir.resolve("model.pt"));
        TestModels.bundled();
        Path bundled = TestModels.modelsDir().resolve(BundledModel.SPEC.id());
        Files.copy(bundled.resolve("model.onnx"), dir.resolve("model.onnx"));
        Files.copy(bundled.resolve("tokenizer.json"), dir.resolve("tokenizer.json"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        Files.writeString(dir.resolve(ModelFolder.DESCRIPTOR), GOOD);
        assertFalse(Embedders.mayDownload(dir.toString()));
        try (Embedder local = Embedders.load(dir.toString(), "auto", TestModels.modelsDir())) {
            assertTrue(local instanceof OnnxEmbedder);
            assertEquals("my-model", local.model().id());
            List<String> texts = List.of("Ünïcödé — 東京 📅", "word");
            float[][] mine = local.embed(texts);
            float[][] reference = TestModels.bundled().embed(texts);
            for (int i = 0; i < texts.size(); i++) {
                assertArrayEquals(reference[i], mine[i], 1e-6f);
            }
        }
    }
}
