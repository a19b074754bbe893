package io.alexandria.embedding;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The models the app offers by id. Besides these, any local model folder (see
 * {@link ModelFolder}) can be named by its path.
 *
 * <ul>
 *   <li>{@code bge-small-en-v1.5-q}: the bundled default, int8 ONNX, CPU, no download, no setup.</li>
 *   <li>TorchScript models of DJL's HuggingFace model zoo (group {@code ai.djl.huggingface.pytorch},
 *       application {@code nlp/text_embedding}), downloaded on first use into
 *       {@code <models>/<id with / as -->}/} and run by the PyTorch engine on the CPU or a CUDA GPU.
 *       Dimensions, pooling and token limits are the models' published ones (model cards on
 *       huggingface.co; pooling from their sentence-transformers {@code 1_Pooling/config.json}).</li>
 *   <li>ONNX models published file by file in a HuggingFace hub repository ({@link HuggingFaceHub}),
 *       downloaded on first use into the same kind of folder and run by ONNX Runtime on the CPU
 *       like the bundled model: {@code multilingual-e5-small-q}, the int8 ONNX export of
 *       intfloat/multilingual-e5-small (100 languages, XLM-RoBERTa tokenizer) made for
 *       Transformers.js (repository Xenova/multilingual-e5-small, {@code onnx/model_quantized.onnx}).</li>
 * </ul>
 * Instructions ({@link ModelSpec#queryInstruction()}, {@link ModelSpec#passagePrefix()}) are the
 * model cards': BGE English v1.5 "Represent this sentence for searching relevant passages: "
 * before queries only; E5 "query: " and "passage: "; the others none.
 */
public final class ModelCatalog {
    /** Where a catalogue model comes from. */
    public enum Source {
        /** Shipped inside the app ({@link BundledModel}). */
        BUNDLED,
        /** DJL's HuggingFace model zoo ({@link DjlModelZoo}), downloaded on first use. */
        DJL_ZOO,
        /** Files of a HuggingFace hub repository ({@link HuggingFaceHub}), downloaded on first use. */
        HF_HUB
    }

    /**
     * Where the files of a {@link Source#HF_HUB} model are.
     *
     * @param repo     the repository, e.g. {@code Xenova/multilingual-e5-small}
     * @param revision a branch, tag or commit ({@code main})
     * @param files    path in the repository → file name in the model folder, e.g.
     *                 {@code onnx/model_quantized.onnx → model.onnx}
     */
    public record HubFiles(String repo, String revision, Map<String, String> files) {
        public HubFiles {
            files = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(files));
        }
    }

    /**
     * One catalogue model.
     *
     * @param spec          what it declares (the id is lower case, used in collection names)
     * @param source        where it comes from
     * @param zooArtifact   its HuggingFace name in DJL's zoo (e.g. {@code BAAI/bge-m3}), null when bundled
     * @param format        its file format
     * @param downloadBytes rough download size in bytes (0 when bundled), for the UI
     * @param description   one line for people
     * @param hub           where a {@link Source#HF_HUB} model's files are; null otherwise
     */
    public record Entry(ModelSpec spec, Source source, String zooArtifact, ModelFormat format, long downloadBytes,
                        String description, HubFiles hub) {
        /** An entry without hub files (bundled and zoo models). */
        public Entry(ModelSpec spec, Source source, String zooArtifact, ModelFormat format, long downloadBytes,
                     String description) {
            this(spec, source, zooArtifact, format, downloadBytes, description, null);
        }

        /** The id settings use. */
        public String id() {
            return spec.id();
        }
    }

    private static final List<Entry> ENTRIES = List.of(
            new Entry(BundledModel.SPEC, Source.BUNDLED, null, ModelFormat.ONNX, 0,
                    "BAAI bge-small-en-v1.5, int8 ONNX, bundled: English, 384 dimensions, CPU, no download"),
            zoo("BAAI/bge-small-en-v1.5", 384, 512, Pooling.CLS, ModelSpec.BGE_QUERY_INSTRUCTION, 135_000_000L,
                    "BAAI bge-small-en-v1.5, full precision TorchScript: English, 384 dimensions, CPU or GPU"),
            zoo("BAAI/bge-base-en-v1.5", 768, 512, Pooling.CLS, ModelSpec.BGE_QUERY_INSTRUCTION, 440_000_000L,
                    "BAAI bge-base-en-v1.5, TorchScript: English, 768 dimensions, CPU or GPU"),
            zoo("BAAI/bge-m3", 1024, 8192, Pooling.CLS, "", 2_300_000_000L,
                    "BAAI bge-m3, TorchScript: 100+ languages, 1024 dimensions, 8192 tokens; best on a GPU"),
            zoo("sentence-transformers/all-MiniLM-L6-v2", 384, 256, Pooling.MEAN, "", 92_000_000L,
                    "sentence-transformers all-MiniLM-L6-v2, TorchScript: English, 384 dimensions, small and fast"),
            new Entry(new ModelSpec("multilingual-e5-small-q", 384, 512, Pooling.MEAN, true, ModelSpec.E5_QUERY,
                    ModelSpec.E5_PASSAGE), Source.HF_HUB, null, ModelFormat.ONNX, 118_000_000L,
                    "intfloat multilingual-e5-small, int8 ONNX: 100 languages, 384 dimensions, CPU, like the bundled model",
                    new HubFiles("Xenova/multilingual-e5-small", "main",
                            Map.of("onnx/model_quantized.onnx", "model.onnx", "tokenizer.json", "tokenizer.json"))));

    private ModelCatalog() {
    }

    private static Entry zoo(String artifact, int dimension, int maxTokens, Pooling pooling, String queryInstruction,
                             long bytes, String description) {
        ModelSpec spec = new ModelSpec(artifact.toLowerCase(Locale.ROOT), dimension, maxTokens, pooling, true,
                queryInstruction, "");
        return new Entry(spec, Source.DJL_ZOO, artifact, ModelFormat.TORCHSCRIPT, bytes, description);
    }

    /** Every catalogue model, the bundled default first. */
    public static List<Entry> entries() {
        return ENTRIES;
    }

    /** The bundled default. */
    public static Entry defaultEntry() {
        return ENTRIES.getFirst();
    }

    /**
     * The catalogue model with this id, ignoring case (so {@code BAAI/bge-m3} and
     * {@code baai/bge-m3} are the same), or empty.
     */
    public static Optional<Entry> find(String id) {
        if (id == null) {
            return Optional.empty();
        }
        String wanted = id.strip();
        return ENTRIES.stream().filter(e -> e.id().equalsIgnoreCase(wanted)).findFirst();
    }

    /** The ids, comma-separated, for error messages. */
    public static String ids() {
        return String.join(", ", ENTRIES.stream().map(Entry::id).toList());
    }

    /** Where a zoo model is (or will be) kept: {@code <models>/baai--bge-m3}. */
    public static Path folderOf(Path modelsDir, Entry entry) {
        return modelsDir.resolve(entry.id().replace("/", "--"));
    }
}
