package io.alexandria.embedding;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.alexandria.testsupport.TestModels;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The model catalogue: ids, declared shapes, lookups, and loading by id. */
class ModelCatalogTest {
    @TempDir
    Path models;

    private static ModelSpec spec(String id) {
        return ModelCatalog.find(id).orElseThrow().spec();
    }

    @Test
    void theBundledDefaultComesFirstAndNeedsNoDownload() {
        ModelCatalog.Entry first = ModelCatalog.entries().getFirst();
        assertEquals(ModelCatalog.defaultEntry(), first);
        assertEquals(BundledModel.SPEC, first.spec());
        assertEquals(ModelCatalog.Source.BUNDLED, first.source());
        assertEquals(ModelFormat.ONNX, first.format());
        assertFalse(Embedders.mayDownload(first.id()));
        assertFalse(Embedders.mayDownload(null));
    }

    @Test
    void zooModelsDeclareTheirPublishedShapes() {
        assertEquals(new ModelSpec("baai/bge-m3", 1024, 8192, Pooling.CLS, true), spec("BAAI/bge-m3"));
        assertEquals(new ModelSpec("baai/bge-small-en-v1.5", 384, 512, Pooling.CLS, true, ModelSpec.BGE_QUERY_INSTRUCTION, ""),
                spec("baai/bge-small-en-v1.5"));
        assertEquals(new ModelSpec("sentence-transformers/all-minilm-l6-v2", 384, 256, Pooling.MEAN, true),
                spec("sentence-transformers/all-MiniLM-L6-v2"));
        assertEquals(768, spec("BAAI/bge-base-en-v1.5").dimension());
        for (ModelCatalog.Entry e : ModelCatalog.entries()) {
            if (e.source() == ModelCatalog.Source.DJL_ZOO) {
                assertEquals(ModelFormat.TORCHSCRIPT, e.format());
                assertTrue(e.downloadBytes() > 0);
                assertEquals(e.id(), e.zooArtifact().toLowerCase(java.util.Locale.ROOT));
                assertTrue(Embedders.mayDownload(e.zooArtifact()));
            }
        }
    }

    @Test
    void idsAreUniqueLowerCaseAndFoundIgnoringCase() {
        HashSet<String> ids = new HashSet<>();
        for (ModelCatalog.Entry e : ModelCatalog.entries()) {
            assertTrue(ids.add(e.id()), "duplicate " + e.id());
            assertEquals(e.id().toLowerCase(java.util.Locale.ROOT), e.id());
        }
        assertEquals("baai/bge-m3", ModelCatalog.find("  BAAI/BGE-M3 ").orElseThrow().id());
        assertTrue(ModelCatalog.find("BAAI/bge-large-zh").isEmpty());
        assertTrue(ModelCatalog.find(null).isEmpty());
        assertEquals(Path.of("m", "baai--bge-m3"), ModelCatalog.folderOf(Path.of("m"), ModelCatalog.find("baai/bge-m3").orElseThrow()));
    }

    @Test
    void unknownModelsAreClearErrorsListingTheCatalogue() {
        EmbeddingException e = assertThrows(EmbeddingException.class,
                () -> Embedders.load("BAAI/bge-large-zh", "cpu", models));
        assertTrue(e.getMessage().startsWith("unknown model 'BAAI/bge-large-zh': not in the catalogue (bge-small-en-v1.5-q, "),
                e.getMessage());
        assertTrue(e.getMessage().contains("baai/bge-m3"), e.getMessage());
        assertTrue(e.getMessage().contains("alexandria-model.json"), e.getMessage());
    }

    @Test
    void aZooModelInOfflineModeFailsAtOnceSayingOffline() {
        // Surefire runs with -Dai.djl.offline=true, as the app does unless a download is wanted.
        DownloadException e = assertTimeoutPreemptively(Duration.ofSeconds(30), () -> assertThrows(
                DownloadException.class, () -> Embedders.load("BAAI/bge-small-en-v1.5", "cpu", models)));
        assertEquals(DownloadException.Reason.OFFLINE, e.reason());
        assertTrue(e.getMessage().contains("cannot download model BAAI/bge-small-en-v1.5"), e.getMessage());
        assertTrue(e.getMessage().contains("offline mode is on"), e.getMessage());
        assertEquals(List.of(), List.of(models.toFile().list()), "nothing half-written");
    }

    @Test
    void loadingTheBundledModelByIdWorksOffline() throws EmbeddingException {
        try (Embedder e = Embedders.load("BGE-small-en-v1.5-Q", "cpu", TestModels.modelsDir())) {
            assertEquals(BundledModel.SPEC, e.model());
            assertEquals(384, e.embed(List.of("hello"))[0].length);
        }
    }
}
