package io.alexandria.testsupport;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.alexandria.embedding.BundledModel;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * TorchScript test models made by the project's own {@code tools/make_torchscript_model.py} from
 * the bundled ONNX model (and a few tiny synthetic ones), cached under
 * {@code target/torchscript-models} and rebuilt when the script changes.
 *
 * <p>The script needs a Python with {@code torch} and {@code onnx} (Debian: {@code python3-torch},
 * {@code python3-onnx}). It is {@code -Dalexandria.python} or {@code ALEXANDRIA_PYTHON} when set,
 * else the first of {@code python3}, {@code /usr/bin/python3}, {@code python} that imports both;
 * without one, the calling test is skipped with a message saying so (cached models are used
 * without Python). Where one is found and the conversion fails, the test fails with the script's
 * output.
 */
public final class TorchScriptModels {
    private static final Path ROOT = Path.of("target", "torchscript-models").toAbsolutePath();
    private static final Path SCRIPT = Path.of("tools", "make_torchscript_model.py").toAbsolutePath();
    private static final String STAMP = ".script-sha256";
    private static String python;
    private static boolean pythonSearched;

    private TorchScriptModels() {
    }

    /**
     * The TorchScript copy of the bundled bge-small-en-v1.5 int8 model (a model folder) that follows
     * ONNX Runtime's CPU arithmetic step by step ({@code --numerics ort}), converting it first when
     * missing or stale (a minute or two, once). Slow to run: for agreement tests only.
     */
    public static synchronized Path bgeSmall() {
        Path out = ROOT.resolve("bge-small-en-v1.5-q-torchscript");
        if (!current(out)) {
            Path models = TestModels.modelsDir();
            TestModels.bundled();
            Path dir = models.resolve(BundledModel.SPEC.id());
            run(out, List.of("--onnx", dir.resolve("model.onnx").toString(),
                    "--tokenizer", dir.resolve("tokenizer.json").toString(), "--out", out.toString()));
        }
        return out;
    }

    /**
     * The dequantised (float32) bge-small-en-v1.5: the same network and weights as TorchScript
     * ({@link Pair#torchScript()}) and as ONNX ({@link Pair#onnx()}), made by {@code --dequantize}.
     * Without run-time activation quantisation the two engines agree to float precision.
     */
    public static synchronized Pair floatPair() {
        Path out = ROOT.resolve("bge-small-en-v1.5-float-torchscript");
        Path onnx = ROOT.resolve("bge-small-en-v1.5-float-onnx");
        if (!current(out) || !Files.isDirectory(onnx)) {
            Path models = TestModels.modelsDir();
            TestModels.bundled();
            Path dir = models.resolve(BundledModel.SPEC.id());
            run(out, List.of("--dequantize", "--id", "bge-small-en-v1.5-float",
                    "--onnx", dir.resolve("model.onnx").toString(),
                    "--tokenizer", dir.resolve("tokenizer.json").toString(),
                    "--out", out.toString(), "--onnx-out", onnx.toString()));
        }
        return new Pair(out, onnx);
    }

    /**
     * One network as two model folders.
     *
     * @param torchScript the TorchScript folder
     * @param onnx        the ONNX folder
     */
    public record Pair(Path torchScript, Path onnx) {
    }

    /**
     * The same network with plain torch numerics ({@code --numerics fast}: library matmul, softmax
     * and layer norm): what a TorchScript BERT-small costs to run, for benchmarks; its vectors agree
     * with ONNX Runtime's less closely than {@link #bgeSmall()}'s.
     */
    public static synchronized Path bgeSmallFast() {
        Path out = ROOT.resolve("bge-small-en-v1.5-q-torchscript-fast");
        if (!current(out)) {
            Path models = TestModels.modelsDir();
            TestModels.bundled();
            Path dir = models.resolve(BundledModel.SPEC.id());
            run(out, List.of("--numerics", "fast", "--id", "bge-small-en-v1.5-q-torchscript-fast",
                    "--onnx", dir.resolve("model.onnx").toString(),
                    "--tokenizer", dir.resolve("tokenizer.json").toString(), "--out", out.toString()));
        }
        return out;
    }

    /**
     * The tiny synthetic models (folders {@code toy-2in-tuple}, {@code toy-3in-tensor},
     * {@code toy-3in-sentence}): {@code hidden[b, t, d] = id * 0.01 + (d + 1) * 0.1 + type * 0.5},
     * 4 dimensions, no normalisation, see the script.
     */
    public static synchronized Path toys() {
        Path out = ROOT.resolve("toys");
        if (!current(out)) {
            TestModels.bundled();
            Path tokenizer = TestModels.modelsDir().resolve(BundledModel.SPEC.id()).resolve("tokenizer.json");
            run(out, List.of("--toy-models", "--tokenizer", tokenizer.toString(), "--out", out.toString()));
        }
        return out;
    }

    /** A Python that imports torch and onnx, or null. */
    public static synchronized String python() {
        if (!pythonSearched) {
            pythonSearched = true;
            List<String> candidates = new ArrayList<>();
            for (String c : new String[] {System.getProperty("alexandria.python"), System.getenv("ALEXANDRIA_PYTHON")}) {
                if (c != null && !c.isBlank()) {
                    candidates.add(c);
                }
            }
            if (candidates.isEmpty()) {
                candidates.addAll(List.of("python3", "/usr/bin/python3", "python"));
            }
            for (String c : candidates) {
                if (canImportTorchAndOnnx(c)) {
                    python = c;
                    break;
                }
            }
        }
        return python;
    }

    private static boolean current(Path out) {
        try {
            Path stamp = out.resolve(STAMP);
            return Files.isRegularFile(stamp) && Files.readString(stamp).strip().equals(scriptHash());
        } catch (IOException e) {
            return false;
        }
    }

    private static void run(Path out, List<String> args) {
        String py = python();
        assumeTrue(py != null, "skipping: no Python with torch and onnx found to run " + SCRIPT
                + " (install python3-torch and python3-onnx, or set ALEXANDRIA_PYTHON)");
        try {
            Files.createDirectories(ROOT);
            Path log = ROOT.resolve(out.getFileName() + ".log");
            List<String> command = new ArrayList<>(List.of(py, SCRIPT.toString()));
            command.addAll(args);
            Process p = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
            if (!p.waitFor(15, TimeUnit.MINUTES)) {
                p.destroyForcibly();
                throw new IllegalStateException("the conversion script ran for more than 15 minutes; see " + log);
            }
            if (p.exitValue() != 0) {
                throw new IllegalStateException("the conversion script failed (exit " + p.exitValue() + "): "
                        + Files.readString(log));
            }
            Files.writeString(out.resolve(STAMP), scriptHash() + "\n");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static boolean canImportTorchAndOnnx(String py) {
        try {
            Process p = new ProcessBuilder(py, "-c", "import torch, onnx").redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            if (!p.waitFor(2, TimeUnit.MINUTES)) {
                p.destroyForcibly();
                return false;
            }
            return p.exitValue() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private static String scriptHash() throws IOException {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(SCRIPT));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
