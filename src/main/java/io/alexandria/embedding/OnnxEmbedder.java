package io.alexandria.embedding;

import ai.djl.MalformedModelException;
import ai.djl.huggingface.tokenizers.Encoding;
import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import ai.djl.inference.Predictor;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.repository.zoo.Criteria;
import ai.djl.repository.zoo.ModelNotFoundException;
import ai.djl.repository.zoo.ZooModel;
import ai.djl.translate.NoBatchifyTranslator;
import ai.djl.translate.TranslatorContext;
import ai.djl.util.PairList;
import io.alexandria.chunking.TokenCounter;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * A BERT-style sentence-embedding model in ONNX format, run by DJL's OnnxRuntime engine on the
 * CPU, tokenised by DJL's HuggingFace tokenizer. Inputs {@code input_ids}, {@code attention_mask}
 * and, when the model declares it, {@code token_type_ids} (int64 {@code [batch, tokens]}); output
 * 0 is the last hidden state
 * {@code float[batch, tokens, dimension]}, pooled as the {@link ModelSpec} says (CLS for BGE) and
 * L2-normalised. Batches are padded to their longest member, so callers should group texts of
 * similar length.
 */
public final class OnnxEmbedder implements Embedder {
    private final ModelSpec spec;
    private final DeviceChoice device;
    private final HuggingFaceTokenizer tokenizer;
    private final ModelTokenCounter counter;
    private final ZooModel<NDList, NDList> model;
    private final Predictor<Encoding[], float[][]> predictor;

    private OnnxEmbedder(ModelSpec spec, DeviceChoice device, HuggingFaceTokenizer tokenizer,
                         ModelTokenCounter counter, ZooModel<NDList, NDList> model, boolean tokenTypes) {
        this.spec = spec;
        this.device = device;
        this.tokenizer = tokenizer;
        this.counter = counter;
        this.model = model;
        this.predictor = model.newPredictor(new Translator(spec, tokenTypes));
    }

    /**
     * Loads an ONNX model and its tokenizer.
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
     * the CPU; ask with {@code cuda:N} and the choice says so).
     *
     * @throws EmbeddingException when either file is missing or invalid
     */
    public static OnnxEmbedder load(ModelSpec spec, Path onnxFile, Path tokenizerJson, DeviceChoice device)
            throws EmbeddingException {
        HuggingFaceTokenizer tokenizer = null;
        ModelTokenCounter counter = null;
        ZooModel<NDList, NDList> model = null;
        try {
            try (InputStream in = Files.newInputStream(tokenizerJson)) {
                tokenizer = HuggingFaceTokenizer.newInstance(in, Map.of(
                        "addSpecialTokens", "true", "padding", "true", "truncation", "true",
                        "maxLength", Integer.toString(spec.maxTokens())));
            }
            counter = ModelTokenCounter.load(tokenizerJson);
            model = Criteria.builder()
                    .setTypes(NDList.class, NDList.class)
                    .optModelPath(onnxFile.getParent())
                    .optModelName(PyTorchEmbedder.baseName(onnxFile))
                    .optEngine("OnnxRuntime")
                    .build()
                    .loadModel();
            PairList<String, Shape> inputs = model.describeInput();
            boolean tokenTypes = inputs == null || inputs.keys().contains("token_type_ids");
            return new OnnxEmbedder(spec, device, tokenizer, counter, model, tokenTypes);
        } catch (IOException | ModelNotFoundException | MalformedModelException | RuntimeException e) {
            if (model != null) {
                model.close();
            }
            if (tokenizer != null) {
                tokenizer.close();
            }
            if (counter != null) {
                counter.close();
            }
            throw new EmbeddingException("cannot load ONNX model " + spec.id() + " from " + onnxFile + ": " + e.getMessage(), e);
        }
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

    @Override
    public float[][] embed(List<String> texts) throws EmbeddingException {
        return embed(prepare(texts));
    }

    @Override
    public PreparedBatch prepare(List<String> texts) {
        return DjlBatches.prepare(tokenizer, texts);
    }

    @Override
    public synchronized float[][] embed(PreparedBatch batch) throws EmbeddingException {
        return DjlBatches.run(predictor, tokenizer, batch, e -> "failed: " + e.getMessage());
    }

    @Override
    public TokenCounter tokenCounter() {
        return counter;
    }

    @Override
    public void close() {
        predictor.close();
        model.close();
        tokenizer.close();
        counter.close();
    }

    /** Encodings → int64 tensors → pooled, normalised vectors. */
    private record Translator(ModelSpec spec, boolean tokenTypes)
            implements NoBatchifyTranslator<Encoding[], float[][]> {
        @Override
        public NDList processInput(TranslatorContext ctx, Encoding[] encodings) {
            EncodedBatch b = EncodedBatch.of(encodings);
            NDManager manager = ctx.getNDManager();
            Shape shape = new Shape(b.batch(), b.tokens());
            NDArray idArray = manager.create(b.ids(), shape);
            idArray.setName("input_ids");
            NDArray maskArray = manager.create(b.mask(), shape);
            maskArray.setName("attention_mask");
            ctx.setAttachment("mask", b.mask());
            NDList list = new NDList(idArray, maskArray);
            if (tokenTypes) {
                NDArray typeArray = manager.create(b.types(), shape);
                typeArray.setName("token_type_ids");
                list.add(typeArray);
            }
            return list;
        }

        @Override
        public float[][] processOutput(TranslatorContext ctx, NDList output) {
            NDArray hidden = output.get(0);
            long[] shape = hidden.getShape().getShape();
            long[] mask = (long[]) ctx.getAttachment("mask");
            return Pooler.pool(hidden.toFloatArray(), (int) shape[0], (int) shape[1], (int) shape[2], mask, spec);
        }
    }
}
