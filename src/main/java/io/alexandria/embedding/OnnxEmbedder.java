package io.alexandria.embedding;

import ai.djl.huggingface.tokenizers.Encoding;
import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import ai.onnxruntime.NodeInfo;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OnnxValue;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import ai.onnxruntime.TensorInfo;
import io.alexandria.chunking.TokenCounter;
import java.io.IOException;
import java.io.InputStream;
import java.nio.FloatBuffer;
import java.nio.LongBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A BERT-style sentence-embedding model in ONNX format, run by ONNX Runtime on the CPU with
 * several inferences at once, tokenised by DJL's HuggingFace tokenizer.
 *
 * <p>The model: inputs {@code input_ids}, {@code attention_mask} and, when the model declares it,
 * {@code token_type_ids} (int64 {@code [batch, tokens]}); the output used is
 * {@code last_hidden_state} (or the first output) {@code float[batch, tokens, dimension]}, pooled
 * as the {@link ModelSpec} says (CLS for BGE, MEAN for E5) and L2-normalised. A batch is padded
 * (by the tokenizer, with the model's own pad token) to its longest member and truncated to
 * {@link ModelSpec#maxTokens()}.
 *
 * <p>How it uses the machine ({@link EmbeddingOptions}): {@code workers} platform threads each
 * take one model call at a time from a shared queue, tokenise it and run it, so tokenising one
 * call overlaps the inference of the others. The workers share one ONNX Runtime session (its
 * {@code Run} is thread-safe; the weights are held once) or use one each. Each inference uses
 * {@code intraOpThreads} threads; with one, it runs on the worker's own thread and ONNX Runtime
 * starts no thread pool.
 *
 * <p>Native memory: the weights once per session (the bundled int8 model: 35 MB on disk); per
 * running call, the activations of its batch (for one 512-token text a few MB per layer: hidden
 * states, the 12 x 512 x 512 attention scores). They come
 * from the session's CPU arena (on by default, see {@link EmbeddingOptions#cpuArena()}), which
 * grows to the largest set of calls that ran at once and keeps that size until the session
 * closes: bounded by {@code workers} calls of at most {@code batchTexts} texts of
 * {@link ModelSpec#maxTokens()} tokens. The memory-pattern optimisation is off because input
 * shapes vary with every batch (it would keep a plan per shape). Measured on the corpus vault's
 * chunks: the whole process peaks at 466 MiB with one worker and 484 MiB with two (the
 * benchmark's raw-embedder children), so a worker costs about 20 MiB beyond the shared session.
 */
public final class OnnxEmbedder implements Embedder {
    private static final Logger LOG = LoggerFactory.getLogger(OnnxEmbedder.class);
    private final ModelSpec spec;
    private final DeviceChoice device;
    private final EmbeddingOptions options;
    private final HuggingFaceTokenizer tokenizer;
    /** The tokenizer file, for the token counter made on first use (search never needs one). */
    private final Path tokenizerJson;
    private ModelTokenCounter counter;
    private boolean closed;
    private final OrtEnvironment env;
    private final OrtSession[] sessions;
    private final boolean tokenTypes;
    private final String output;
    private final WorkerPool pool;
    private final AtomicInteger running = new AtomicInteger();
    private final AtomicInteger peakRunning = new AtomicInteger();
    /** Called by a worker right before each model run, with the number of runs in flight (tests only). */
    volatile IntConsumer beforeRun;

    private OnnxEmbedder(ModelSpec spec, DeviceChoice device, EmbeddingOptions options, HuggingFaceTokenizer tokenizer,
                         Path tokenizerJson, OrtEnvironment env, OrtSession[] sessions, boolean tokenTypes,
                         String output) {
        this.spec = spec;
        this.device = device;
        this.options = options;
        this.tokenizer = tokenizer;
        this.tokenizerJson = tokenizerJson;
        this.env = env;
        this.sessions = sessions;
        this.tokenTypes = tokenTypes;
        this.output = output;
        this.pool = new WorkerPool("alexandria-embed", options.workers());
    }

    /**
     * Loads an ONNX model and its tokenizer with this machine's CPU defaults
     * ({@link EmbeddingOptions#cpu()}, with any {@code alexandria.embed.*} system overrides).
     *
     * @param onnxFile      the {@code .onnx} model file
     * @param tokenizerJson the model's HuggingFace {@code tokenizer.json}
     * @throws EmbeddingException when either file is missing or invalid
     */
    public static OnnxEmbedder load(ModelSpec spec, Path onnxFile, Path tokenizerJson) throws EmbeddingException {
        return load(spec, onnxFile, tokenizerJson, DeviceChoice.asRequested("cpu", "cpu"));
    }

    /**
     * Loads an ONNX model and its tokenizer, recording what device was asked for (it always runs on
     * the CPU; ask with {@code cuda:N} and the choice says so), with the CPU defaults.
     *
     * @throws EmbeddingException when either file is missing or invalid
     */
    public static OnnxEmbedder load(ModelSpec spec, Path onnxFile, Path tokenizerJson, DeviceChoice device)
            throws EmbeddingException {
        return load(spec, onnxFile, tokenizerJson, device, EmbeddingOptions.cpu().withSystemOverrides());
    }

    /**
     * Loads an ONNX model and its tokenizer with explicit options.
     *
     * @throws EmbeddingException when either file is missing or invalid, or the model lacks
     *                            {@code input_ids}/{@code attention_mask} inputs or a float output
     */
    public static OnnxEmbedder load(ModelSpec spec, Path onnxFile, Path tokenizerJson, DeviceChoice device,
                                    EmbeddingOptions options) throws EmbeddingException {
        HuggingFaceTokenizer tokenizer = null;
        List<OrtSession> sessions = new ArrayList<>();
        try {
            try (InputStream in = Files.newInputStream(tokenizerJson)) {
                tokenizer = HuggingFaceTokenizer.newInstance(in, Map.of(
                        "addSpecialTokens", "true", "padding", "true", "truncation", "true",
                        "maxLength", Integer.toString(spec.maxTokens())));
            }
            if (!Files.isRegularFile(onnxFile)) {
                throw new IOException("no such file: " + onnxFile);
            }
            OrtEnvironment env = OrtEnvironment.getEnvironment();
            try (OrtSession.SessionOptions so = sessionOptions(options)) {
                for (int i = 0; i < options.sessions(); i++) {
                    sessions.add(env.createSession(onnxFile.toString(), so));
                }
            }
            OrtSession first = sessions.getFirst();
            Set<String> inputs = first.getInputNames();
            if (!inputs.contains("input_ids") || !inputs.contains("attention_mask")) {
                throw new IllegalStateException("the model's inputs are " + inputs
                        + "; a text encoder takes input_ids and attention_mask");
            }
            String out = outputName(first.getOutputInfo());
            OnnxEmbedder e = new OnnxEmbedder(spec, device, options, tokenizer, tokenizerJson, env,
                    sessions.toArray(OrtSession[]::new), inputs.contains("token_type_ids"), out);
            LOG.info("loaded ONNX model {}: {}", spec.id(), options.describe());
            return e;
        } catch (IOException | OrtException | RuntimeException e) {
            for (OrtSession s : sessions) {
                closeQuietly(s);
            }
            if (tokenizer != null) {
                tokenizer.close();
            }
            throw new EmbeddingException("cannot load ONNX model " + spec.id() + " from " + onnxFile + ": " + e.getMessage(), e);
        }
    }

    private static OrtSession.SessionOptions sessionOptions(EmbeddingOptions options) throws OrtException {
        OrtSession.SessionOptions so = new OrtSession.SessionOptions();
        so.setOptimizationLevel(OrtSession.SessionOptions.OptLevel.ALL_OPT);
        so.setExecutionMode(OrtSession.SessionOptions.ExecutionMode.SEQUENTIAL);
        so.setIntraOpNumThreads(options.intraOpThreads());
        so.setInterOpNumThreads(1);
        so.setCPUArenaAllocator(options.cpuArena());
        so.setMemoryPatternOptimization(false);
        if (options.workers() > 1) {
            // several inferences share the cores: a thread that spins waiting for work takes a core from another
            so.addConfigEntry("session.intra_op.allow_spinning", "0");
        }
        return so;
    }

    /** {@code last_hidden_state} or {@code token_embeddings} when named so, else the first float output. */
    private static String outputName(Map<String, NodeInfo> outputs) {
        for (String name : new String[] {"last_hidden_state", "token_embeddings"}) {
            if (outputs.containsKey(name)) {
                return name;
            }
        }
        for (Map.Entry<String, NodeInfo> e : outputs.entrySet()) {
            if (e.getValue().getInfo() instanceof TensorInfo t && t.type == ai.onnxruntime.OnnxJavaType.FLOAT) {
                return e.getKey();
            }
        }
        throw new IllegalStateException("the model has no float output: " + outputs.keySet());
    }

    @Override
    public ModelSpec model() {
        return spec;
    }

    @Override
    public String device() {
        return "cpu";
    }

    @Override
    public DeviceChoice deviceChoice() {
        return device;
    }

    /** The options it runs with. */
    public EmbeddingOptions options() {
        return options;
    }

    @Override
    public int parallelism() {
        return options.workers();
    }

    @Override
    public BatchPlan batchPlan() {
        return BatchPlan.of(options);
    }

    /** The most model runs that were in flight at once since loading (a diagnostic for benchmarks). */
    public int peakConcurrentRuns() {
        return peakRunning.get();
    }

    /**
     * Embeds the texts, regrouped into model calls by {@link #batchPlan()} (on the CPU by default
     * one text per call) and spread over the workers: the vector of a text does not depend on the
     * other texts of the list, and a list of many texts uses every worker.
     */
    @Override
    public float[][] embed(List<String> texts) throws EmbeddingException {
        return collect(texts, null);
    }

    @Override
    public PreparedBatch prepare(List<String> texts) {
        return DjlBatches.prepare(tokenizer, texts);
    }

    /** As {@link #embed(List)}, reusing the batch's encodings for one-text calls. */
    @Override
    public float[][] embed(PreparedBatch batch) throws EmbeddingException {
        return collect(batch.texts(), batch.encodings());
    }

    @Override
    public void embedAll(List<String> texts, int[] tokens, BatchSink sink) throws EmbeddingException {
        run(texts, null, tokens, sink);
    }

    private float[][] collect(List<String> texts, Encoding[] prepared) throws EmbeddingException {
        float[][] out = new float[texts.size()][];
        EmbeddingException[] first = new EmbeddingException[1];
        run(texts, prepared, null, batch -> {
            if (!batch.ok()) {
                if (first[0] == null) {
                    first[0] = batch.error();
                }
                return;
            }
            for (int i = 0; i < batch.indexes().length; i++) {
                out[batch.indexes()[i]] = batch.vectors()[i];
            }
        });
        if (first[0] != null) {
            throw first[0];
        }
        return out;
    }

    /** Plans the calls, queues them on the workers, hands each finished call to the sink. */
    private void run(List<String> texts, Encoding[] prepared, int[] tokens, BatchSink sink) throws EmbeddingException {
        if (texts.isEmpty()) {
            return;
        }
        int[] lengths = tokens != null ? tokens : prepared != null ? realLengths(prepared) : BatchPlan.characterLengths(texts);
        List<int[]> groups = batchPlan().plan(lengths);
        List<WorkerPool.Job<float[][]>> jobs = new ArrayList<>(groups.size());
        for (int[] group : groups) {
            if (prepared != null && group.length == 1) {
                Encoding one = prepared[group[0]];
                jobs.add(worker -> runBatch(worker, EncodedBatch.single(one)));
            } else {
                List<String> batch = new ArrayList<>(group.length);
                for (int i : group) {
                    batch.add(texts.get(i));
                }
                jobs.add(worker -> runBatch(worker, EncodedBatch.of(tokenizer.batchEncode(batch))));
            }
        }
        pool.runAll(jobs, (index, vectors, error, nanos) -> sink.accept(new EmbeddedBatch(groups.get(index), vectors,
                error == null ? null : failure(groups.get(index).length, error), nanos)));
    }

    private static int[] realLengths(Encoding[] encodings) {
        int[] out = new int[encodings.length];
        for (int i = 0; i < out.length; i++) {
            for (long m : encodings[i].getAttentionMask()) {
                out[i] += m != 0 ? 1 : 0;
            }
        }
        return out;
    }

    private EmbeddingException failure(int n, Throwable e) {
        return e instanceof EmbeddingException ee ? ee
                : new EmbeddingException("embedding a batch of " + n + " texts failed: " + e.getMessage(), e);
    }

    /** Runs one padded batch on a worker's session: int64 tensors in, pooled vectors out. */
    private float[][] runBatch(int worker, EncodedBatch b) throws EmbeddingException {
        long[] shape = {b.batch(), b.tokens()};
        OrtSession session = sessions[worker % sessions.length];
        Map<String, OnnxTensor> inputs = new HashMap<>();
        int now = running.incrementAndGet();
        try {
            peakRunning.accumulateAndGet(now, Math::max);
            inputs.put("input_ids", OnnxTensor.createTensor(env, LongBuffer.wrap(b.ids()), shape));
            inputs.put("attention_mask", OnnxTensor.createTensor(env, LongBuffer.wrap(b.mask()), shape));
            if (tokenTypes) {
                inputs.put("token_type_ids", OnnxTensor.createTensor(env, LongBuffer.wrap(b.types()), shape));
            }
            IntConsumer hook = beforeRun;
            if (hook != null) {
                hook.accept(now);
            }
            try (OrtSession.Result result = session.run(inputs, Set.of(output))) {
                OnnxValue value = result.get(0);
                if (!(value instanceof OnnxTensor t) || t.getInfo().getShape().length != 3) {
                    throw new EmbeddingException("the model's output " + output + " is not a [batch, tokens, dim] tensor: "
                            + value.getInfo());
                }
                long[] outShape = t.getInfo().getShape();
                if (outShape[2] != spec.dimension()) {
                    throw new EmbeddingException("the model's vectors have " + outShape[2] + " dimensions, not the declared "
                            + spec.dimension());
                }
                FloatBuffer fb = t.getFloatBuffer();
                float[] hidden = new float[fb.remaining()];
                fb.get(hidden);
                return Pooler.pool(hidden, (int) outShape[0], (int) outShape[1], (int) outShape[2], b.mask(), spec);
            }
        } catch (OrtException e) {
            throw new EmbeddingException("embedding a batch of " + b.batch() + " texts of " + b.tokens()
                    + " tokens failed: " + e.getMessage(), e);
        } finally {
            running.decrementAndGet();
            for (OnnxTensor t : inputs.values()) {
                t.close();
            }
        }
    }

    /**
     * The model's token counter, made on first use (a second tokenizer without padding or
     * truncation; search never asks for one, so it never pays for it).
     *
     * @throws IllegalStateException when the embedder is closed, or the tokenizer file can no
     *                               longer be read
     */
    @Override
    public synchronized TokenCounter tokenCounter() {
        if (closed) {
            throw new IllegalStateException("the embedder is closed");
        }
        if (counter == null) {
            try {
                counter = ModelTokenCounter.load(tokenizerJson);
            } catch (IOException e) {
                throw new IllegalStateException("cannot read the tokenizer " + tokenizerJson + ": " + e.getMessage(), e);
            }
        }
        return counter;
    }

    @Override
    public void close() {
        boolean idle = pool.shutdown();
        if (idle) {
            for (OrtSession s : sessions) {
                closeQuietly(s);
            }
        } else {
            LOG.warn("a model run did not end within the close timeout; leaving its ONNX Runtime session open");
        }
        tokenizer.close();
        synchronized (this) {
            closed = true;
            if (counter != null) {
                counter.close();
            }
        }
    }

    private static void closeQuietly(OrtSession s) {
        try {
            s.close();
        } catch (OrtException e) {
            LOG.debug("closing an ONNX Runtime session failed", e);
        }
    }
}
