package io.alexandria.testsupport;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The tiny multilingual ONNX model that {@code tools/make_tiny_onnx_model.py} writes (a hub
 * repository's layout: {@code onnx/model.onnx}, {@code onnx/model_quantized.onnx},
 * {@code tokenizer.json}), cached under {@code target/tiny-onnx-models} and rebuilt when the
 * script changes. Its embedding rows are {@code E[id][d] = ((id * 7 + d * 3) % 11 - 5) / 5} for
 * {@code d < 8} ({@link #row(long)}). The script needs a Python with {@code onnx} and
 * {@code numpy}: the one {@link TorchScriptModels#python()} finds (Debian's {@code python3-onnx});
 * without it the calling test is skipped with a message.
 */
public final class TinyOnnxModels {
    /** Vector length of the tiny model. */
    public static final int DIMENSION = 8;
    private static final Path ROOT = Path.of("target", "tiny-onnx-models").toAbsolutePath();
    private static final Path SCRIPT = Path.of("tools", "make_tiny_onnx_model.py").toAbsolutePath();

    private TinyOnnxModels() {
    }

    /** The model's embedding row for a token id. */
    public static float[] row(long id) {
        float[] r = new float[DIMENSION];
        for (int d = 0; d < DIMENSION; d++) {
            r[d] = (float) (((id * 7 + d * 3L) % 11 - 5) / 5.0);
        }
        return r;
    }

    /** The folder laid out as a hub repository, made first when missing or stale. */
    public static synchronized Path hubRepository() {
        Path out = ROOT.resolve("tiny-multilingual");
        Path stamp = out.resolve(".script-sha256");
        try {
            String hash = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(SCRIPT)));
            if (Files.isRegularFile(stamp) && Files.readString(stamp).strip().equals(hash)) {
                return out;
            }
            String py = TorchScriptModels.python();
            assumeTrue(py != null, "skipping: no Python with onnx found to run " + SCRIPT
                    + " (install python3-onnx and python3-torch, or set ALEXANDRIA_PYTHON)");
            Files.createDirectories(ROOT);
            Path log = ROOT.resolve("tiny-multilingual.log");
            Process p = new ProcessBuilder(List.of(py, SCRIPT.toString(), "--out", out.toString()))
                    .redirectErrorStream(true).redirectOutput(log.toFile()).start();
            if (!p.waitFor(5, TimeUnit.MINUTES) || p.exitValue() != 0) {
                p.destroyForcibly();
                throw new IllegalStateException("the tiny-model script failed: " + Files.readString(log));
            }
            Files.writeString(stamp, hash + "\n");
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
