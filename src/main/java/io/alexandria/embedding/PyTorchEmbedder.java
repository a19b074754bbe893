package io.alexandria.embedding;

import ai.djl.Device;
import ai.djl.MalformedModelException;
import ai.djl.huggingface.tokenizers.Encoding;
import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import ai.djl.inference.Predictor;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.repository.zoo.Criteria;
import ai.djl.repository.zoo.ModelNotFoundException;
import ai.djl.repository.zoo.ZooModel;
import ai.djl.translate.NoBatchifyTranslator;
import ai.djl.translate.TranslateException;
import ai.djl.translate.TranslatorContext;
import io.alexandria.chunking.TokenCounter;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A sentence-embedding model in TorchScript ({@code .pt}), run by DJL's PyTorch engine on the CPU
 * or a CUDA GPU, tokenised by DJL's HuggingFace tokenizer.
 *
 * <p>What it supports:
 * <ul>
 *   <li><b>Inputs</b>: int64 {@code [batch, tokens]} tensors, positionally: {@code input_ids,
 *       attention_mask} (2 inputs, e.g. XLM-RoBERTa models such as bge-m3) or {@code input_ids,
 *       attention_mask, token_type_ids} (3 inputs, BERT models). The count comes from the
 *       descriptor's {@code tokenTypes}; when undeclared it is found by trying 3, then 2, on a
 *       one-token batch at load time. Batches are padded to their longest member and truncated
 *       to {@link ModelSpec#maxTokens()}.</li>
 *   <li><b>Outputs</b>: a single tensor, a tuple/list (flattened) or a dict of tensors. The
 *       output used is, in order: the one named {@code sentence_embedding} (already pooled), else
 *       {@code last_hidden_state} or {@code token_embeddings}, else the first 3-D tensor
 *       {@code [batch, tokens, dim]}, else the first 2-D tensor {@code [batch, dim]} (already
 *       pooled). Token states are pooled on the device as the model declares: CLS (token 0) or
 *       MEAN (attention-masked mean); then vectors are L2-normalised in Java when declared.</li>
 * </ul>
 * Results are {@code float[n][dimension]}; float16/bfloat16 outputs are converted to float32.
 */
public final class PyTorchEmbedder implements Embedder {
    private static final Logger LOG = LoggerFactory.getLogger(PyTorchEmbedder.class);
    private final ModelSpec spec;
    private final DeviceChoice device;
    private final HuggingFaceTokenizer tokenizer;
    private final ModelTokenCounter counter;
    private final ZooModel<NDList, NDList> model;
    private final Predictor<Encoding[], float[][]> predictor;
    private final int inputs;

    private PyTorchEmbedder(ModelSpec spec, DeviceChoice device, HuggingFaceTokenizer tokenizer,
                            ModelTokenCounter counter, ZooModel<NDList, NDList> model, int inputs) {
        this.spec = spec;
        this.device = device;
        this.tokenizer = tokenizer;
        this.counter = counter;
        this.model = model;
        this.inputs = inputs;
        this.predictor = model.newPredictor(new Translator(spec, inputs));
    }

    /**
     * Loads a TorchScript model folder on the chosen device. When the model cannot be loaded or
     * run on a GPU (out of memory, CUDA error, driver too old) it is loaded on the CPU instead and
     * the returned embedder's {@link #deviceChoice()} says why.
     *
     * @param folder a folder whose format is {@link ModelFormat#TORCHSCRIPT}
     * @param device from {@link PyTorchRuntime#prepare} (the engine must be loaded by it first)
     * @throws EmbeddingException when the files are missing or invalid, or the model does not
     *                            accept 2 or 3 int64 inputs, or its output does not fit the declaration
     */
    public static PyTorchEmbedder load(ModelFolder folder, DeviceChoice device) throws EmbeddingException {
        if (folder.format() != ModelFormat.TORCHSCRIPT) {
            throw new EmbeddingException("not a TorchScript model: " + folder.modelFile());
        }
        try {
            return loadOn(folder, device);
        } catch (EmbeddingException e) {
            if (!device.onGpu()) {
                throw e;
            }
            String reason = "the model failed on " + device.actual() + ": " + PyTorchRuntime.rootMessage(e);
            LOG.warn("{}; loading it on the CPU", reason);
            return loadOn(folder, DeviceChoice.cpuFallback(device.requested(), reason));
        }
    }

    private static PyTorchEmbedder loadOn(ModelFolder folder, DeviceChoice choice) throws EmbeddingException {
        ModelSpec spec = folder.spec();
        HuggingFaceTokenizer tokenizer = null;
        ModelTokenCounter counter = null;
        ZooModel<NDList, NDList> model = null;
        try {
            try (InputStream in = Files.newInputStream(folder.tokenizer())) {
                tokenizer = HuggingFaceTokenizer.newInstance(in, Map.of(
                        "addSpecialTokens", "true", "padding", "true", "truncation", "true",
                        "maxLength", Integer.toString(spec.maxTokens())));
            }
            counter = ModelTokenCounter.load(folder.tokenizer());
            model = Criteria.builder()
                    .setTypes(NDList.class, NDList.class)
                    .optModelPath(folder.modelFile().getParent())
                    .optModelName(baseName(folder.modelFile()))
                    .optEngine(PyTorchRuntime.ENGINE)
                    .optDevice(toDevice(choice.actual()))
                    .optOption("mapLocation", "true")
                    .build()
                    .loadModel();
            int inputs = inputCount(folder, model, tokenizer);
            PyTorchEmbedder embedder = new PyTorchEmbedder(spec, choice, tokenizer, counter, model, inputs);
            LOG.info("loaded TorchScript model {} ({} inputs) on {}", spec.id(), inputs, choice.describe());
            return embedder;
        } catch (IOException | ModelNotFoundException | MalformedModelException | RuntimeException e) {
            closeAll(model, tokenizer, counter);
            throw new EmbeddingException("cannot load TorchScript model " + spec.id() + " from " + folder.modelFile()
                    + " on " + choice.actual() + ": " + PyTorchRuntime.rootMessage(e), e);
        } catch (EmbeddingException e) {
            closeAll(model, tokenizer, counter);
            throw e;
        }
    }

    /** The declared input count, or the first of 3, 2 that runs on a one-token batch. */
    private static int inputCount(ModelFolder folder, ZooModel<NDList, NDList> model, HuggingFaceTokenizer tokenizer)
            throws EmbeddingException {
        List<Integer> tries = folder.tokenTypes() == null ? List.of(3, 2) : List.of(folder.tokenTypes() ? 3 : 2);
        List<String> failures = new ArrayList<>();
        Encoding[] probe = tokenizer.batchEncode(List.of("a"));
        for (int n : tries) {
            try (Predictor<Encoding[], float[][]> p = model.newPredictor(new Translator(folder.spec(), n))) {
                p.predict(probe);
                return n;
            } catch (TranslateException | RuntimeException e) {
                OutputMismatch mismatch = OutputMismatch.in(e);
                if (mismatch != null) {
                    throw new EmbeddingException("TorchScript model " + folder.spec().id() + " in " + folder.dir()
                            + " does not fit its declaration: " + mismatch.getMessage(), e);
                }
                failures.add(n + " inputs: " + PyTorchRuntime.rootMessage(e));
            }
        }
        throw new EmbeddingException("TorchScript model " + folder.spec().id() + " does not run as a text encoder ("
                + String.join("; ", failures) + ")");
    }

    /** {@code dir/model.pt} → {@code model}: DJL finds {@code <name>.pt} in the model folder. */
    static String baseName(Path file) {
        String name = file.getFileName().toString();
        int dot = name.lastIndexOf('.');
        return dot > 0 ? name.substring(0, dot) : name;
    }

    static Device toDevice(String actual) {
        if (actual.startsWith("cuda:")) {
            return Device.gpu(Integer.parseInt(actual.substring(5)));
        }
        return Device.cpu();
    }

    @Override
    public ModelSpec model() {
        return spec;
    }

    @Override
    public String device() {
        return device.actual();
    }

    @Override
    public DeviceChoice deviceChoice() {
        return device;
    }

    /** How many inputs the model takes: 2 ({@code input_ids, attention_mask}) or 3 (plus {@code token_type_ids}). */
    public int inputCount() {
        return inputs;
    }

    @Override
    public float[][] embed(List<String> texts) throws EmbeddingException {
        return embed(prepare(texts));
    }

    /**
     * On a GPU {@link EmbeddingOptions#gpu()}'s plan (up to 64 length-sorted texts, 32,768 padded
     * tokens per call: the device is fastest on large batches); on the CPU one text per call (no
     * padding), as for ONNX models.
     */
    @Override
    public BatchPlan batchPlan() {
        return device.onGpu() ? BatchPlan.of(EmbeddingOptions.gpu()) : new BatchPlan(1, spec.maxTokens());
    }

    /**
     * Runs the planned calls one after the other on the device while a helper thread tokenises
     * the next call, so the device does not wait for the tokenizer.
     */
    @Override
    public void embedAll(List<String> texts, int[] tokens, BatchSink sink) throws EmbeddingException {
        List<int[]> groups = batchPlan().plan(tokens != null ? tokens : BatchPlan.characterLengths(texts));
        if (groups.isEmpty()) {
            return;
        }
        java.util.concurrent.ExecutorService ahead = java.util.concurrent.Executors.newSingleThreadExecutor(
                Thread.ofPlatform().daemon().name("alexandria-tokenize-ahead").factory());
        try {
            java.util.concurrent.Future<PreparedBatch> next = ahead.submit(() -> prepare(textsOf(texts, groups.getFirst())));
            for (int i = 0; i < groups.size(); i++) {
                PreparedBatch current;
                try {
                    current = next.get();
                } catch (java.util.concurrent.ExecutionException e) {
                    current = new PreparedBatch(textsOf(texts, groups.get(i)), null);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new EmbeddingException("interrupted while embedding", e);
                }
                if (i + 1 < groups.size()) {
                    int[] following = groups.get(i + 1);
                    next = ahead.submit(() -> prepare(textsOf(texts, following)));
                }
                long t0 = System.nanoTime();
                EmbeddedBatch done;
                try {
                    done = new EmbeddedBatch(groups.get(i), embed(current), null, System.nanoTime() - t0);
                } catch (EmbeddingException e) {
                    done = new EmbeddedBatch(groups.get(i), null, e, System.nanoTime() - t0);
                }
                sink.accept(done);
            }
        } finally {
            ahead.shutdownNow();
        }
    }

    private static List<String> textsOf(List<String> texts, int[] group) {
        List<String> out = new ArrayList<>(group.length);
        for (int i : group) {
            out.add(texts.get(i));
        }
        return out;
    }

    @Override
    public PreparedBatch prepare(List<String> texts) {
        return DjlBatches.prepare(tokenizer, texts);
    }

    @Override
    public synchronized float[][] embed(PreparedBatch batch) throws EmbeddingException {
        return DjlBatches.run(predictor, tokenizer, batch,
                e -> "on " + device.actual() + " failed: " + PyTorchRuntime.rootMessage(e));
    }

    @Override
    public TokenCounter tokenCounter() {
        return counter;
    }

    @Override
    public void close() {
        predictor.close();
        closeAll(model, tokenizer, counter);
    }

    private static void closeAll(ZooModel<NDList, NDList> model, HuggingFaceTokenizer tokenizer,
                                 ModelTokenCounter counter) {
        if (model != null) {
            model.close();
        }
        if (tokenizer != null) {
            tokenizer.close();
        }
        if (counter != null) {
            counter.close();
        }
    }

    /** Encodings → 2 or 3 int64 tensors → pooled, normalised vectors. */
    private record Translator(ModelSpec spec, int inputs) implements NoBatchifyTranslator<Encoding[], float[][]> {
        @Override
        public NDList processInput(TranslatorContext ctx, Encoding[] encodings) {
            EncodedBatch b = EncodedBatch.of(encodings);
            NDManager manager = ctx.getNDManager();
            Shape shape = new Shape(b.batch(), b.tokens());
            NDArray mask = manager.create(b.mask(), shape);
            ctx.setAttachment("mask", mask);
            NDList list = new NDList(manager.create(b.ids(), shape), mask);
            if (inputs == 3) {
                list.add(manager.create(b.types(), shape));
            }
            return list;
        }

        @Override
        public float[][] processOutput(TranslatorContext ctx, NDList output) {
            NDArray out = OutputPicker.pick(output);
            NDArray pooled;
            if (out.getShape().dimension() == 3) {
                pooled = spec.pooling() == Pooling.CLS ? out.get(":, 0, :") : meanPool(out, (NDArray) ctx.getAttachment("mask"));
            } else {
                pooled = out;
            }
            long[] shape = pooled.getShape().getShape();
            if (shape.length != 2 || shape[1] != spec.dimension()) {
                throw new OutputMismatch("its vectors have shape " + pooled.getShape() + ", not (n, "
                        + spec.dimension() + ")");
            }
            float[] flat = pooled.toType(DataType.FLOAT32, false).toFloatArray();
            int n = (int) shape[0];
            int dim = spec.dimension();
            float[][] vectors = new float[n][dim];
            for (int i = 0; i < n; i++) {
                System.arraycopy(flat, i * dim, vectors[i], 0, dim);
                if (spec.normalize()) {
                    Pooler.normalize(vectors[i]);
                }
            }
            return vectors;
        }

        private static NDArray meanPool(NDArray hidden, NDArray mask) {
            NDArray m = mask.toType(hidden.getDataType(), false).expandDims(2);
            NDArray sum = hidden.mul(m).sum(new int[] {1});
            NDArray count = m.sum(new int[] {1}).maximum(1e-9f);
            return sum.div(count);
        }
    }

    /** The model runs but its output does not fit the declaration (dimension, shape). */
    static final class OutputMismatch extends IllegalStateException {
        OutputMismatch(String message) {
            super(message);
        }

        /** The mismatch among the causes of {@code e}, or null. */
        static OutputMismatch in(Throwable e) {
            for (Throwable t = e; t != null; t = t.getCause()) {
                if (t instanceof OutputMismatch m) {
                    return m;
                }
                if (t.getCause() == t) {
                    break;
                }
            }
            return null;
        }
    }

    /** Chooses the output tensor to use (see the class comment). */
    static final class OutputPicker {
        private OutputPicker() {
        }

        static NDArray pick(NDList output) {
            if (output.isEmpty()) {
                throw new OutputMismatch("it returned no tensors");
            }
            for (String name : new String[] {"sentence_embedding", "last_hidden_state", "token_embeddings"}) {
                NDArray named = output.get(name);
                if (named != null) {
                    return named;
                }
            }
            for (int dims : new int[] {3, 2}) {
                for (NDArray a : output) {
                    if (a.getShape().dimension() == dims && a.getDataType().isFloating()) {
                        return a;
                    }
                }
            }
            List<String> shapes = output.stream().map(a -> (a.getName() == null ? "" : a.getName() + " ")
                    + a.getShape() + " " + a.getDataType()).toList();
            throw new OutputMismatch("it returned no float [batch, tokens, dim] or [batch, dim] tensor, only " + shapes);
        }
    }
}
