package io.alexandria.embedding;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
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
 * </ul>
 */
public final class ModelCatalog {
    /** Where a catalogue model comes from. */
    public enum Source {
        /** Shipped inside the app ({@link BundledModel}). */
        BUNDLED,
        /** DJL's HuggingFace model zoo ({@link DjlModelZoo}), downloaded on first use. */
        DJL_ZOO
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
     */
    public record Entry(ModelSpec spec, Source source, String zooArtifact, ModelFormat format, long downloadBytes,
                        String description) {
        /** The id settings use. */
        public String id() {
            return spec.id();
        }
    }

    private static final List<Entry> ENTRIES = List.of(
            new Entry(BundledModel.SPEC, Source.BUNDLED, null, ModelFormat.ONNX, 0,
                    "BAAI bge-small-en-v1.5, int8 ONNX, bundled: English, 384 dimensions, CPU, no download"),
            zoo("BAAI/bge-small-en-v1.5", 384, 512, Pooling.CLS, 135_000_000L,
                    "BAAI bge-small-en-v1.5, full precision TorchScript: English, 384 dimensions, CPU or GPU"),
            zoo("BAAI/bge-base-en-v1.5", 768, 512, Pooling.CLS, 440_000_000L,
                    "BAAI bge-base-en-v1.5, TorchScript: English, 768 dimensions, CPU or GPU"),
            zoo("BAAI/bge-m3", 1024, 8192, Pooling.CLS, 2_300_000_000L,
                    "BAAI bge-m3, TorchScript: 100+ languages, 1024 dimensions, 8192 tokens; best on a GPU"),
            zoo("sentence-transformers/all-MiniLM-L6-v2", 384, 256, Pooling.MEAN, 92_000_000L,
                    "sentence-transformers all-MiniLM-L6-v2, TorchScript: English, 384 dimensions, small and fast"));

    private ModelCatalog() {
    }

    private static Entry zoo(String artifact, int dimension, int maxTokens, Pooling pooling, long bytes,
                             String description) {
        ModelSpec spec = new ModelSpec(artifact.toLowerCase(Locale.ROOT), dimension, maxTokens, pooling, true);
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
