package io.alexandria.sync;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.alexandria.testserver.QdrantTestServer;
import io.alexandria.testsupport.Corpus;
import io.alexandria.testsupport.EngineFixture;
import io.alexandria.testsupport.QdrantProbe;
import io.qdrant.client.QdrantClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue #3/#6: standalone book files (source {@code file}) go through the same core: supported
 * files are ingested, folders expanded, unsupported files refused with a reason, the same file
 * dropped twice stays one document.
 */
class FileDropTest {
    @TempDir
    Path tmp;

    @Test
    void droppedFilesAreIngestedAndUnsupportedOnesRefused() throws Exception {
        Path drop = Files.createDirectories(tmp.resolve("drop"));
        Path pdf = Corpus.copyBook("robert-louis-stevenson_the-strange-case-of-dr-jekyll-and-mr-hyde.pdf", drop);
        Path folder = Files.createDirectories(drop.resolve("folder"));
        Files.writeString(folder.resolve("notes.md"), "# Reading list\n\nFinish the lighthouse book by Friday.\n");
        Files.writeString(folder.resolve("tool.exe"), "MZ not a book");
        Files.writeString(folder.resolve(".hidden.txt"), "skipped");
        try (QdrantTestServer server = QdrantTestServer.start(); QdrantClient client = server.newClient();
             SyncEngine engine = EngineFixture.engine(tmp.resolve("data"), server, "drop-host")) {
            engine.start("app");
            SyncEngine.DropResult result = engine.ingestFiles(List.of(pdf, folder));
            assertEquals(List.of(pdf, folder.resolve("notes.md")), result.accepted());
            assertEquals(1, result.refused().size());
            assertTrue(result.refused().get(folder.resolve("tool.exe")).contains("unsupported"));
            assertTrue(engine.awaitIdle(Duration.ofMinutes(5)));

            QdrantProbe probe = new QdrantProbe(client);
            List<Map<String, Object>> chunks = probe.chunks();
            assertTrue(chunks.stream().allMatch(p -> "file".equals(p.get("source"))));
            List<Map<String, Object>> pages = chunks.stream().filter(p -> "PDF".equals(p.get("format"))).toList();
            assertTrue(pages.size() > 20 && pages.stream().allMatch(p -> p.get("page") instanceof Long));
            assertEquals(pdf.toString(), pages.getFirst().get("file_path"));
            long before = probe.chunkCount();

            SyncEngine.DropResult again = engine.ingestFiles(List.of(pdf));
            assertEquals(1, again.accepted().size());
            assertTrue(engine.awaitIdle(Duration.ofMinutes(5)));
            assertEquals(before, probe.chunkCount(), "the same file dropped twice is one document");
        }
    }
}
