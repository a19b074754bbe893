package io.alexandria.cli;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.alexandria.testserver.QdrantTestServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue #14: the commands that need no model never load one — {@code health}, {@code events},
 * {@code stats} and {@code book} start no ONNX Runtime and no tokenizer — and {@code search}
 * loads the model and its tokenizer but not the token counter that only chunking needs. Each
 * command runs as the CLI does, in a fresh JVM ({@code io.alexandria.Launcher} on this class
 * path) whose class loading is logged ({@code -Xlog:class+load}).
 */
class ModelFreeCommandsTest {
    private static final String RUNTIME = "ai.onnxruntime.OrtSession ";
    private static final String EMBEDDER = "io.alexandria.embedding.OnnxEmbedder ";
    private static final String TOKENIZER = "ai.djl.huggingface.tokenizers.HuggingFaceTokenizer ";
    private static final String COUNTER = "io.alexandria.embedding.ModelTokenCounter ";

    @TempDir
    Path tmp;

    @Test
    void readCommandsLoadNoModelAndSearchLoadsOnlyWhatItNeeds() throws Exception {
        try (QdrantTestServer server = QdrantTestServer.start()) {
            String qdrant = server.url();
            for (List<String> command : List.of(List.of("health", "--json"), List.of("events", "--limit", "5"),
                    List.of("stats", "--json"), List.of("book", "calibre:1", "--json"))) {
                String loaded = run(command, qdrant);
                assertTrue(loaded.contains("io.alexandria.cli."), "the command ran: " + command);
                assertFalse(loaded.contains(RUNTIME), command + " started ONNX Runtime");
                assertFalse(loaded.contains(EMBEDDER), command + " loaded the embedder");
                assertFalse(loaded.contains(TOKENIZER), command + " loaded a tokenizer");
            }
            String search = run(List.of("search", "lighthouses"), qdrant);
            assertTrue(search.contains(EMBEDDER) && search.contains(RUNTIME), "search loads the model");
            assertTrue(search.contains(TOKENIZER), "search loads the model's tokenizer");
            assertFalse(search.contains(COUNTER), "search loads no token counter (only chunking needs one)");
        }
    }

    /** Runs one command in a fresh JVM; returns its class-load log. */
    private String run(List<String> args, String qdrant) throws Exception {
        Path log = tmp.resolve(args.getFirst() + "-classes.log");
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "--enable-native-access=ALL-UNNAMED", "-Xmx1g", "-XX:TieredStopAtLevel=1",
                "-Xlog:class+load=info:file=" + log, "-cp", System.getProperty("java.class.path"),
                "io.alexandria.Launcher"));
        command.addAll(args);
        command.addAll(List.of("--data-dir", tmp.resolve("data").toString(), "--qdrant", qdrant));
        Process p = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(tmp.resolve(args.getFirst() + ".out").toFile()).start();
        assertTrue(p.waitFor(3, TimeUnit.MINUTES), args + " ended");
        return Files.readString(log);
    }
}
