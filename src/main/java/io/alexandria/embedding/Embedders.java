package io.alexandria.embedding;

import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Loads the embedder a model id (or a local model folder) names, on the device the settings ask
 * for. The rest of the app only ever asks this class.
 *
 * <p>What a model string may be:
 * <ul>
 *   <li>a {@link ModelCatalog} id: the bundled {@code bge-small-en-v1.5-q} (ONNX, CPU), a zoo
 *       model such as {@code BAAI/bge-m3} (TorchScript, downloaded once into {@code <models>/}), or
 *       a hub model such as {@code multilingual-e5-small-q} (ONNX, downloaded once);</li>
 *   <li>the path of a local model folder ({@link ModelFolder}: {@code .pt} or {@code .onnx},
 *       {@code tokenizer.json}, {@code alexandria-model.json}).</li>
 * </ul>
 * ONNX models always run on the CPU; TorchScript models run where {@link PyTorchRuntime} decides.
 */
public final class Embedders {
    private Embedders() {
    }

    /**
     * Loads a model without progress reports.
     *
     * @param modelId   a catalogue id or a model folder path; null or blank: the bundled default
     * @param device    {@code auto}, {@code cpu} or {@code cuda:N}
     * @param modelsDir where models are unpacked or downloaded
     * @throws EmbeddingException when the model or device is unknown, a download fails (offline:
     *                            {@link DownloadException} with a no-network reason) or the model
     *                            cannot be loaded
     */
    public static Embedder load(String modelId, String device, Path modelsDir) throws EmbeddingException {
        return load(modelId, device, modelsDir, DownloadListener.NONE);
    }

    /**
     * Loads a model, reporting downloads (zoo models, the PyTorch native library) to {@code listener}.
     * The returned embedder's {@link Embedder#deviceChoice()} tells where it runs and why when a
     * GPU was wanted but is not used.
     *
     * @throws EmbeddingException as {@link #load(String, String, Path)}
     */
    public static Embedder load(String modelId, String device, Path modelsDir, DownloadListener listener)
            throws EmbeddingException {
        DeviceRequest request = PyTorchRuntime.parse(device);
        DownloadListener l = listener == null ? DownloadListener.NONE : listener;
        ModelCatalog.Entry entry = catalogEntry(modelId).orElse(null);
        if (entry != null && entry.source() == ModelCatalog.Source.BUNDLED) {
            return BundledModel.load(modelsDir, onnxChoice(request));
        }
        ModelFolder folder;
        if (entry == null) {
            folder = ModelFolder.read(localFolder(modelId));
        } else if (entry.source() == ModelCatalog.Source.HF_HUB) {
            folder = HuggingFaceHub.standard().ensure(entry, modelsDir, l);
        } else {
            // a folder downloaded by an older version may lack the catalogue's instructions
            folder = DjlModelZoo.standard().ensure(entry, modelsDir, l)
                    .withInstructions(entry.spec().queryInstruction(), entry.spec().passagePrefix());
        }
        return load(folder, request.text(), l);
    }

    /**
     * Loads a model folder on a device.
     *
     * @throws EmbeddingException when the folder's model cannot be loaded
     */
    public static Embedder load(ModelFolder folder, String device, DownloadListener listener)
            throws EmbeddingException {
        DeviceRequest request = PyTorchRuntime.parse(device);
        if (folder.format() == ModelFormat.ONNX) {
            return OnnxEmbedder.load(folder.spec(), folder.modelFile(), folder.tokenizer(), onnxChoice(request));
        }
        DeviceChoice choice = PyTorchRuntime.prepare(request.text(), listener);
        return PyTorchEmbedder.load(folder, choice);
    }

    /**
     * Whether loading this model may need the network (a zoo model, or any TorchScript model,
     * whose PyTorch native library the installed app downloads on first use). The bundled model
     * and local ONNX folders never do. Unknown ids: false (loading will fail clearly anyway).
     */
    public static boolean mayDownload(String modelId) {
        Optional<ModelCatalog.Entry> entry = catalogEntry(modelId);
        if (entry.isPresent()) {
            return entry.get().source() != ModelCatalog.Source.BUNDLED;
        }
        try {
            return ModelFolder.read(localFolder(modelId)).format() == ModelFormat.TORCHSCRIPT;
        } catch (EmbeddingException e) {
            return false;
        }
    }

    private static Optional<ModelCatalog.Entry> catalogEntry(String modelId) {
        if (modelId == null || modelId.isBlank()) {
            return Optional.of(ModelCatalog.defaultEntry());
        }
        return ModelCatalog.find(modelId);
    }

    private static Path localFolder(String modelId) throws EmbeddingException {
        Path path;
        try {
            path = Path.of(modelId.strip().replaceFirst("^~(?=[/\\\\]|$)", System.getProperty("user.home")));
        } catch (InvalidPathException e) {
            path = null;
        }
        if (path == null || !Files.isDirectory(path)) {
            throw new EmbeddingException("unknown model '" + modelId + "': not in the catalogue ("
                    + ModelCatalog.ids() + ") and not a model folder (a folder with " + ModelFolder.DESCRIPTOR
                    + ", a .pt or .onnx model and tokenizer.json)");
        }
        return path.toAbsolutePath().normalize();
    }

    private static DeviceChoice onnxChoice(DeviceRequest request) {
        return switch (request.kind()) {
            case CPU, AUTO -> DeviceChoice.asRequested(request.text(), "cpu");
            case CUDA -> DeviceChoice.cpuFallback(request.text(),
                    "ONNX models run on the CPU only; pick a TorchScript model for the GPU");
        };
    }
}
