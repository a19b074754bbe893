package io.alexandria.embedding;

import java.io.IOException;
import java.net.URI;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Map;

/**
 * Downloads a catalogue model published file by file in a HuggingFace hub repository (an ONNX
 * model and its {@code tokenizer.json}) into a local model folder (see {@link ModelFolder}), with
 * progress. A file of a repository is at {@code <base>/<repo>/resolve/<revision>/<path>} (the
 * hub's download address; large files answer with a redirect to its storage, which the
 * downloader follows). The folder appears complete or not at all (built in a temporary folder,
 * then renamed), with a descriptor written from the catalogue entry.
 */
public final class HuggingFaceHub {
    /** The hub. */
    public static final URI HUB = URI.create("https://huggingface.co/");
    private final URI base;
    private final Downloader downloader;

    /**
     * @param base the hub's root ({@link #HUB}; tests use a local server)
     */
    public HuggingFaceHub(URI base, Downloader downloader) {
        this.base = base;
        this.downloader = downloader;
    }

    /** The hub through the app's downloader. */
    public static HuggingFaceHub standard() {
        return new HuggingFaceHub(HUB, Downloader.standard());
    }

    /** Where a file of a repository is downloaded from. */
    public URI fileUri(ModelCatalog.HubFiles hub, String path) {
        return base.resolve(hub.repo() + "/resolve/" + hub.revision() + "/" + path);
    }

    /**
     * The model folder of a catalogue entry, downloading its files first when it is not there yet.
     *
     * @throws DownloadException offline, no network, no such file, disk full…
     * @throws EmbeddingException when the entry has no hub files or the files are not a model folder
     */
    public ModelFolder ensure(ModelCatalog.Entry entry, Path modelsDir, DownloadListener listener)
            throws EmbeddingException {
        ModelCatalog.HubFiles hub = entry.hub();
        if (hub == null || hub.files().isEmpty()) {
            throw new EmbeddingException("catalogue model " + entry.id() + " names no hub files");
        }
        Path folder = ModelCatalog.folderOf(modelsDir, entry);
        if (ModelFolder.isModelFolder(folder)) {
            return ModelFolder.read(folder).withInstructions(entry.spec().queryInstruction(), entry.spec().passagePrefix());
        }
        String task = "model " + hub.repo();
        ProgressTracker progress = new ProgressTracker(task, listener);
        progress.phase(DownloadProgress.Phase.CONNECTING, hub.repo());
        try {
            long total = 0;
            for (String path : hub.files().keySet()) {
                long size = downloader.size(fileUri(hub, path), task);
                total = size < 0 || total < 0 ? -1 : total + size;
            }
            progress.total(total);
            Path tmp = createTemp(modelsDir, task);
            try {
                Path content = Files.createDirectory(tmp.resolve("content"));
                String modelFile = null;
                for (Map.Entry<String, String> f : hub.files().entrySet()) {
                    Path target = content.resolve(f.getValue()).normalize();
                    if (!target.startsWith(content) || target.equals(content)) {
                        throw new EmbeddingException("catalogue model " + entry.id() + ": unsafe file name " + f.getValue());
                    }
                    progress.phase(DownloadProgress.Phase.DOWNLOADING, f.getKey());
                    downloader.fetch(fileUri(hub, f.getKey()), target, false, task, progress::add);
                    if (ModelFormat.ofFileName(f.getValue()) != null) {
                        modelFile = f.getValue();
                    }
                }
                progress.phase(DownloadProgress.Phase.UNPACKING, folder.getFileName().toString());
                ModelFolder.writeDescriptor(content, entry.spec(), null, modelFile, "HuggingFace hub: " + hub.repo()
                        + "@" + hub.revision());
                ModelFolder.read(content);
                moveInPlace(content, folder, task);
            } catch (IOException e) {
                throw new DownloadException(DownloadException.Reason.LOCAL_IO,
                        "cannot save " + task + " under " + modelsDir + ": " + e.getMessage(), e);
            } finally {
                LibTorchInstaller.deleteTree(tmp);
            }
            progress.phase(DownloadProgress.Phase.DONE, folder.toString());
        } catch (DownloadException e) {
            throw progress.failed(e);
        }
        return ModelFolder.read(folder).withInstructions(entry.spec().queryInstruction(), entry.spec().passagePrefix());
    }

    private static Path createTemp(Path modelsDir, String task) throws DownloadException {
        try {
            Files.createDirectories(modelsDir);
            return Files.createTempDirectory(modelsDir, "tmp-download-");
        } catch (IOException e) {
            throw new DownloadException(DownloadException.Reason.LOCAL_IO,
                    "cannot save " + task + ": cannot create a folder in " + modelsDir + ": " + e.getMessage(), e);
        }
    }

    private static void moveInPlace(Path content, Path folder, String task) throws IOException, DownloadException {
        try {
            Files.createDirectories(folder.getParent());
            try {
                Files.move(content, folder, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(content, folder);
            }
        } catch (FileAlreadyExistsException e) {
            if (!ModelFolder.isModelFolder(folder)) {
                throw new DownloadException(DownloadException.Reason.LOCAL_IO, "cannot save " + task + ": " + folder
                        + " exists but is not a model folder; delete it and try again", e);
            }
        }
    }
}
