package io.alexandria.embedding;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.alexandria.testsupport.LocalHttpServer;
import io.alexandria.testsupport.TestModels;
import io.alexandria.testsupport.TorchScriptModels;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Downloading a TorchScript model the way DJL's HuggingFace zoo publishes it (metadata.json, a
 * zip with {@code <name>.pt}, {@code tokenizer.json}, {@code serving.properties}), from a local
 * server, into a model folder the PyTorch embedder loads.
 */
class DjlModelZooTest {
    private static final String META = "/model/nlp/text_embedding/ai/djl/huggingface/pytorch/Test/Toy/metadata.json";
    private static final String ZIP = "/model/nlp/text_embedding/ai/djl/huggingface/pytorch/Test/Toy/0.0.1/Toy.zip";
    private static final ModelCatalog.Entry TOY = new ModelCatalog.Entry(
            new ModelSpec("test/toy", 4, 16, Pooling.CLS, false), ModelCatalog.Source.DJL_ZOO, "Test/Toy",
            ModelFormat.TORCHSCRIPT, 0, "a toy");

    @TempDir
    Path models;

    private static byte[] zip(String... namesAndContents) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
            for (int i = 0; i < namesAndContents.length; i += 2) {
                zip.putNextEntry(new ZipEntry(namesAndContents[i]));
                Path file = Path.of(namesAndContents[i + 1]);
                zip.write(Files.isRegularFile(file) ? Files.readAllBytes(file)
                        : namesAndContents[i + 1].getBytes(StandardCharsets.UTF_8));
                zip.closeEntry();
            }
        }
        return bytes.toByteArray();
    }

    private static String metadata(byte[] zip, String sha1) {
        return """
                {"metadataVersion": "0.2", "resourceType": "model", "application": "nlp/text_embedding",
                 "groupId": "ai.djl.huggingface.pytorch", "artifactId": "Test/Toy", "name": "Toy",
                 "artifacts": [{"version": "0.0.1", "name": "Toy", "options": {"mapLocation": true},
                   "files": {"model": {"uri": "0.0.1/Toy.zip", "name": "", "sha1Hash": "%s", "size": %d}}}]}
                """.formatted(sha1, zip.length);
    }

    private static String sha1(byte[] data) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-1").digest(data));
    }

    private static byte[] toyZip() throws IOException {
        Path toy = TorchScriptModels.toys().resolve("toy-3in-tensor");
        return zip("Toy.pt", toy.resolve("model.pt").toString(),
                "tokenizer.json", toy.resolve("tokenizer.json").toString(),
                "serving.properties", "engine=PyTorch\noption.modelName=Toy\nincludeTokenTypes=true\npooling=cls\n");
    }

    private DjlModelZoo zoo(URI base, boolean offline) {
        return new DjlModelZoo(base, new Downloader(Duration.ofSeconds(5), Duration.ofSeconds(5), () -> offline));
    }

    @Test
    void downloadsUnpacksDescribesAndLoads() throws Exception {
        byte[] zip = toyZip();
        try (LocalHttpServer server = new LocalHttpServer()) {
            server.put(META, metadata(zip, sha1(zip)).getBytes(StandardCharsets.UTF_8)).put(ZIP, zip);
            List<DownloadProgress> events = new ArrayList<>();
            ModelFolder folder = zoo(server.base(), false).ensure(TOY, models, events::add);

            assertEquals(models.resolve("test--toy"), folder.dir());
            assertEquals(TOY.spec(), folder.spec());
            assertEquals(Boolean.TRUE, folder.tokenTypes(), "from serving.properties");
            assertEquals("Toy.pt", folder.modelFile().getFileName().toString());
            try (var left = Files.list(models)) {
                assertEquals(List.of(folder.dir()), left.toList(), "no temporary files left");
            }
            assertEquals(DownloadProgress.Phase.CONNECTING, events.getFirst().phase());
            assertEquals(DownloadProgress.Phase.DONE, events.getLast().phase());
            assertTrue(events.stream().anyMatch(p -> p.phase() == DownloadProgress.Phase.DOWNLOADING
                    && p.bytesDone() == zip.length && p.bytesTotal() == zip.length), events.toString());
            assertTrue(events.stream().anyMatch(p -> p.phase() == DownloadProgress.Phase.UNPACKING));

            try (Embedder e = Embedders.load(folder, "cpu", DownloadListener.NONE)) {
                assertArrayEquals(new float[] {1.11f, 1.21f, 1.31f, 1.41f}, e.embed(List.of("hello"))[0], 1e-5f);
            }
            int requests = server.requests().size();
            zoo(server.base(), true).ensure(TOY, models, DownloadListener.NONE);
            assertEquals(requests, server.requests().size(), "a downloaded model is used offline");
        }
    }

    @Test
    void aDamagedDownloadIsRejectedAndRemoved() throws Exception {
        byte[] zip = zip("Toy.pt", "x", "tokenizer.json", "{}");
        try (LocalHttpServer server = new LocalHttpServer()) {
            server.put(META, metadata(zip, "0".repeat(40)).getBytes(StandardCharsets.UTF_8)).put(ZIP, zip);
            DownloadException e = assertThrows(DownloadException.class,
                    () -> zoo(server.base(), false).ensure(TOY, models, DownloadListener.NONE));
            assertEquals(DownloadException.Reason.CORRUPT, e.reason());
            assertTrue(e.getMessage().contains("the download is damaged (SHA-1"), e.getMessage());
            try (var left = Files.list(models)) {
                assertEquals(List.of(), left.toList());
            }
        }
    }

    @Test
    void archivesEscapingTheFolderOrLackingFilesAreRejected() throws Exception {
        byte[] evil = zip("../evil.pt", "x", "tokenizer.json", "{}");
        byte[] empty = zip("readme.txt", "nothing here");
        for (byte[] zip : List.of(evil, empty)) {
            try (LocalHttpServer server = new LocalHttpServer()) {
                server.put(META, metadata(zip, sha1(zip)).getBytes(StandardCharsets.UTF_8)).put(ZIP, zip);
                DownloadException e = assertThrows(DownloadException.class,
                        () -> zoo(server.base(), false).ensure(TOY, models, DownloadListener.NONE));
                assertEquals(DownloadException.Reason.CORRUPT, e.reason());
                assertTrue(e.getMessage().contains(zip == evil ? "unsafe path in the archive: ../evil.pt"
                        : "should hold one .pt file and tokenizer.json, found [readme.txt]"), e.getMessage());
            }
        }
        assertFalse(Files.exists(models.getParent().resolve("evil.pt")));
    }

    @Test
    void aModelMissingFromTheZooSaysNotFound() {
        try (LocalHttpServer server = new LocalHttpServer()) {
            DownloadException e = assertThrows(DownloadException.class,
                    () -> zoo(server.base(), false).ensure(TOY, models, DownloadListener.NONE));
            assertTrue(e.getMessage().contains("HTTP 404 (not found)"), e.getMessage());
            assertTrue(e.getMessage().contains("metadata.json"), e.getMessage());
        }
    }

    @Test
    void anUnreachableZooFailsFastWithANoNetworkReason() {
        URI nowhere = URI.create("http://127.0.0.1:" + LocalHttpServer.closedPort() + "/");
        DownloadException e = assertTimeoutPreemptively(Duration.ofSeconds(20), () -> assertThrows(
                DownloadException.class, () -> zoo(nowhere, false).ensure(TOY, models, DownloadListener.NONE)));
        assertTrue(e.isNoNetwork());
        assertEquals(DownloadException.Reason.UNREACHABLE, e.reason());
    }

    @Test
    void theStandardZooPointsAtDjlsRepository() {
        assertEquals(URI.create("https://mlrepo.djl.ai/model/nlp/text_embedding/ai/djl/huggingface/pytorch/"
                + "BAAI/bge-m3/metadata.json"), DjlModelZoo.standard().metadataUri("BAAI/bge-m3"));
        assertTrue(TestModels.modelsDir().isAbsolute());
    }
}
