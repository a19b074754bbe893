package io.alexandria.embedding;

import com.fasterxml.jackson.databind.JsonNode;
import io.alexandria.common.Json;
import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.net.URI;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Downloads TorchScript text-embedding models from DJL's HuggingFace model zoo into a local model
 * folder (see {@link ModelFolder}), with progress.
 *
 * <p>The zoo's layout (as DJL's {@code ai.djl.huggingface.zoo.HfModelZoo} and its converter
 * {@code djl_converter} write it): {@code <base>/model/nlp/text_embedding/ai/djl/huggingface/pytorch/
 * <org>/<name>/metadata.json} lists artifacts whose {@code files.model} has a {@code uri} relative
 * to that folder ({@code 0.0.1/<name>.zip}), a {@code sha1Hash} and a {@code size}. The zip holds
 * {@code <name>.pt} (traced with {@code torch.jit.trace(strict=False)}: inputs
 * {@code input_ids, attention_mask[, token_type_ids]}, output a dict with
 * {@code last_hidden_state}), {@code tokenizer.json} and {@code serving.properties}
 * ({@code includeTokenTypes}, {@code pooling}, {@code normalize}, {@code maxLength}).
 */
public final class DjlModelZoo {
    /** DJL's model repository. */
    public static final URI MLREPO = URI.create("https://mlrepo.djl.ai/");
    private static final String GROUP_PATH = "model/nlp/text_embedding/ai/djl/huggingface/pytorch/";
    private static final Logger LOG = LoggerFactory.getLogger(DjlModelZoo.class);

    private final URI base;
    private final Downloader downloader;

    /**
     * @param base the repository root ({@link #MLREPO}; tests use a local server)
     */
    public DjlModelZoo(URI base, Downloader downloader) {
        this.base = base;
        this.downloader = downloader;
    }

    /** DJL's repository through the app's downloader. */
    public static DjlModelZoo standard() {
        return new DjlModelZoo(MLREPO, Downloader.standard());
    }

    /** The metadata document of a zoo artifact such as {@code BAAI/bge-m3}. */
    public URI metadataUri(String artifact) {
        return base.resolve(GROUP_PATH + artifact + "/metadata.json");
    }

    /**
     * The model folder of a catalogue entry, downloading and unpacking it first when it is not
     * there yet. The folder appears complete or not at all (built in a temporary folder, renamed).
     *
     * @throws DownloadException offline, no network, not in the zoo, checksum mismatch, disk full…
     * @throws EmbeddingException when the downloaded archive is not a usable model
     */
    public ModelFolder ensure(ModelCatalog.Entry entry, Path modelsDir, DownloadListener listener)
            throws EmbeddingException {
        Path folder = ModelCatalog.folderOf(modelsDir, entry);
        if (ModelFolder.isModelFolder(folder)) {
            return ModelFolder.read(folder);
        }
        String task = "model " + entry.zooArtifact();
        ProgressTracker progress = new ProgressTracker(task, listener);
        progress.phase(DownloadProgress.Phase.CONNECTING, "metadata");
        try {
            URI metadata = metadataUri(entry.zooArtifact());
            Artifact artifact = parseMetadata(downloader.fetchText(metadata, task), metadata, task);
            progress.total(artifact.size() > 0 ? artifact.size() : downloader.size(artifact.uri(), task));
            Path tmp = createTemp(modelsDir, task);
            try {
                Path zip = tmp.resolve("download.zip");
                progress.phase(DownloadProgress.Phase.DOWNLOADING, artifact.uri().getPath());
                downloader.fetch(artifact.uri(), zip, false, task, progress::add);
                progress.phase(DownloadProgress.Phase.UNPACKING, folder.getFileName().toString());
                checkSha1(zip, artifact.sha1(), task);
                Path content = Files.createDirectory(tmp.resolve("content"));
                unzip(zip, content, task);
                Files.delete(zip);
                prepareFolder(content, entry, task);
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
        return ModelFolder.read(folder);
    }

    /** The model file of a zoo artifact: where, its SHA-1 (or null) and its size (or -1). */
    record Artifact(URI uri, String sha1, long size) {
    }

    static Artifact parseMetadata(String text, URI metadata, String task) throws DownloadException {
        try {
            JsonNode root = Json.MAPPER.readTree(text);
            JsonNode artifacts = root.path("artifacts");
            for (JsonNode a : artifacts) {
                JsonNode file = a.path("files").path("model");
                String uri = file.path("uri").asText("");
                if (!uri.isEmpty()) {
                    String sha1 = file.path("sha1Hash").asText("");
                    return new Artifact(metadata.resolve(uri), sha1.isEmpty() ? null : sha1.toLowerCase(Locale.ROOT),
                            file.path("size").asLong(-1));
                }
            }
            throw new DownloadException(DownloadException.Reason.CORRUPT,
                    "cannot download " + task + ": " + metadata + " lists no model file", null);
        } catch (IOException | IllegalArgumentException e) {
            throw new DownloadException(DownloadException.Reason.CORRUPT,
                    "cannot download " + task + ": " + metadata + " is not valid zoo metadata (" + e.getMessage() + ")", e);
        }
    }

    private static void checkSha1(Path zip, String expected, String task) throws IOException, DownloadException {
        if (expected == null) {
            return;
        }
        MessageDigest sha1;
        try {
            sha1 = MessageDigest.getInstance("SHA-1");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        try (InputStream in = Files.newInputStream(zip)) {
            byte[] buffer = new byte[1 << 16];
            int n;
            while ((n = in.read(buffer)) >= 0) {
                sha1.update(buffer, 0, n);
            }
        }
        String actual = HexFormat.of().formatHex(sha1.digest());
        if (!actual.equals(expected)) {
            throw new DownloadException(DownloadException.Reason.CORRUPT, "cannot use " + task
                    + ": the download is damaged (SHA-1 " + actual + ", expected " + expected + "); try again", null);
        }
    }

    /** Unpacks a zip, refusing entries that would land outside {@code target}. */
    static void unzip(Path zip, Path target, String task) throws IOException, DownloadException {
        Path root = target.toAbsolutePath().normalize();
        try (ZipInputStream in = new ZipInputStream(Files.newInputStream(zip))) {
            ZipEntry e;
            while ((e = in.getNextEntry()) != null) {
                Path out = root.resolve(e.getName()).normalize();
                if (!out.startsWith(root) || out.equals(root)) {
                    throw new DownloadException(DownloadException.Reason.CORRUPT,
                            "cannot use " + task + ": unsafe path in the archive: " + e.getName(), null);
                }
                if (e.isDirectory()) {
                    Files.createDirectories(out);
                } else {
                    Files.createDirectories(out.getParent());
                    Files.copy(in, out, StandardCopyOption.REPLACE_EXISTING);
                }
            }
        } catch (java.util.zip.ZipException e) {
            throw new DownloadException(DownloadException.Reason.CORRUPT,
                    "cannot use " + task + ": the download is not a valid zip (" + e.getMessage() + ")", e);
        }
    }

    /** Flattens a single top folder, checks the files, reads serving.properties, writes the descriptor. */
    private static void prepareFolder(Path content, ModelCatalog.Entry entry, String task)
            throws IOException, DownloadException {
        Path dir = singleSubfolderOrSelf(content);
        List<Path> models;
        try (Stream<Path> files = Files.list(dir)) {
            models = files.filter(p -> p.getFileName().toString().endsWith(".pt")).toList();
        }
        if (models.size() != 1 || !Files.isRegularFile(dir.resolve("tokenizer.json"))) {
            throw new DownloadException(DownloadException.Reason.CORRUPT, "cannot use " + task
                    + ": the archive should hold one .pt file and tokenizer.json, found " + listing(dir), null);
        }
        Boolean tokenTypes = null;
        Path serving = dir.resolve("serving.properties");
        if (Files.isRegularFile(serving)) {
            Properties p = new Properties();
            p.load(new StringReader(Files.readString(serving)));
            tokenTypes = Boolean.parseBoolean(p.getProperty("includeTokenTypes", "false"));
            String pooling = p.getProperty("pooling", "mean");
            if (!pooling.equalsIgnoreCase(entry.spec().pooling().name())) {
                LOG.warn("{}: the zoo's serving.properties says pooling={}, the catalogue {}; using the catalogue's",
                        task, pooling, entry.spec().pooling());
            }
        }
        if (dir != content) {
            try (Stream<Path> files = Files.list(dir)) {
                for (Path p : files.toList()) {
                    Files.move(p, content.resolve(p.getFileName().toString()));
                }
            }
            Files.delete(dir);
        }
        ModelFolder.writeDescriptor(content, entry.spec(), tokenTypes, models.getFirst().getFileName().toString(),
                "DJL model zoo: " + entry.zooArtifact());
    }

    private static Path singleSubfolderOrSelf(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            List<Path> all = files.toList();
            if (all.size() == 1 && Files.isDirectory(all.getFirst())) {
                return all.getFirst();
            }
        }
        return dir;
    }

    private static String listing(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(p -> p.getFileName().toString()).sorted().toList().toString();
        }
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
