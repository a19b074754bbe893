package io.alexandria.embedding;

import ai.djl.util.Platform;
import ai.djl.util.Utils;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Puts the PyTorch native library (libtorch) where DJL's PyTorch engine looks for it, downloading
 * it with progress when needed.
 *
 * <p>DJL 0.35.1 ({@code ai.djl.pytorch.jni.LibUtils}) loads libtorch from, in order: the
 * {@code PYTORCH_LIBRARY_PATH} folder; a {@code pytorch-native-*} jar on the classpath (the tests
 * have the CPU one); else the cache folder
 * {@code <ENGINE_CACHE_DIR>/pytorch/<version>-<flavor>-<classifier>/} (e.g.
 * {@code 2.7.1-cu128-linux-x86_64}), which it fills, when empty, from
 * {@code https://publish.djl.ai/pytorch/<version>/files.txt} (one gzip file per library under
 * {@code <flavor>/<classifier>/}), silently and without timeouts. The flavor is {@code cpu}, or
 * {@code cuXYZ} when DJL finds a CUDA runtime, unless {@code PYTORCH_FLAVOR} says otherwise.
 *
 * <p>This class fills that same folder itself, first, with the same files, reporting progress
 * and failing clearly, and the runtime then pins {@code PYTORCH_FLAVOR} so DJL picks exactly that
 * folder and never downloads on its own. The JNI glue ({@code djl_torch}) comes from the
 * {@code pytorch-jni} jar, which holds a CUDA build for {@value #CUDA_FLAVOR} only (Linux x86-64
 * and Windows x86-64), so that is the one CUDA flavor used.
 */
public final class LibTorchInstaller {
    /** The CUDA build of libtorch 2.7.1 that DJL 0.35.1's JNI supports (CUDA 12.8; NVIDIA driver 570+). */
    public static final String CUDA_FLAVOR = "cu128";
    /** The CPU build. */
    public static final String CPU_FLAVOR = "cpu";
    /** Where DJL publishes libtorch builds. */
    public static final URI DJL_PUBLISH = URI.create("https://publish.djl.ai/pytorch/");
    private static final Pattern VERSION = Pattern.compile("(\\d+\\.\\d+\\.\\d+)(-.*)?");

    private final Path cacheDir;
    private final String version;
    private final String classifier;
    private final String bundledFlavor;
    private final URI base;
    private final Downloader downloader;

    /**
     * @param cacheDir      DJL's PyTorch cache folder ({@code <ENGINE_CACHE_DIR>/pytorch})
     * @param version       the libtorch version DJL wants, e.g. {@code 2.7.1}
     * @param classifier    e.g. {@code linux-x86_64}
     * @param bundledFlavor the flavor of a native jar on the classpath, or null when there is none
     * @param base          the publishing site ({@link #DJL_PUBLISH}; tests use a local server)
     */
    public LibTorchInstaller(Path cacheDir, String version, String classifier, String bundledFlavor, URI base,
                             Downloader downloader) {
        this.cacheDir = cacheDir;
        this.version = version;
        this.classifier = classifier;
        this.bundledFlavor = bundledFlavor;
        this.base = base;
        this.downloader = downloader;
    }

    /**
     * The installer for this machine and DJL's current settings ({@code ENGINE_CACHE_DIR} or
     * {@code DJL_CACHE_DIR}, which the app points into its data folder).
     */
    public static LibTorchInstaller forThisMachine(Downloader downloader) {
        Platform platform = Platform.detectPlatform("pytorch");
        String bundled = platform.isPlaceholder() ? null : platform.getFlavor();
        return new LibTorchInstaller(Utils.getEngineCacheDir("pytorch"), platform.getVersion(),
                platform.getClassifier(), bundled, DJL_PUBLISH, downloader);
    }

    /** The flavor of the native jar on the classpath ({@code cpu} in tests), or null in the installed app. */
    public String bundledFlavor() {
        return bundledFlavor;
    }

    /** E.g. {@code linux-x86_64}. */
    public String classifier() {
        return classifier;
    }

    /** Whether DJL has a CUDA build of its PyTorch JNI for this OS and CPU. */
    public boolean hasCudaBuild() {
        return LibTorchInstaller.class.getResource(
                "/jnilib/" + classifier + "/" + CUDA_FLAVOR + "/" + libraryName("djl_torch")) != null;
    }

    /** A native library's file name on this installer's OS ({@code libX.so}, {@code X.dll}, {@code libX.dylib}). */
    private String libraryName(String base) {
        if (classifier.startsWith("win")) {
            return base + ".dll";
        }
        return "lib" + base + (classifier.startsWith("osx") ? ".dylib" : ".so");
    }

    /** The folder DJL loads the given flavor from. */
    public Path folder(String flavor) {
        return cacheDir.resolve(version + "-" + flavor + "-" + classifier);
    }

    /** Whether the flavor is usable without a download (bundled on the classpath, or in the cache). */
    public boolean isInstalled(String flavor) {
        if (flavor.equals(bundledFlavor)) {
            return true;
        }
        return Files.isRegularFile(folder(flavor).resolve(System.mapLibraryName("torch")));
    }

    /** For people: {@code "PyTorch 2.7.1 (CUDA 12.8 build)"}. */
    public String describe(String flavor) {
        String v = shortVersion();
        if (flavor.startsWith("cu") && flavor.length() == 5) {
            return "PyTorch " + v + " (CUDA " + flavor.substring(2, 4) + "." + flavor.substring(4) + " build)";
        }
        return "PyTorch " + v + " (" + flavor + " build)";
    }

    /**
     * Makes the flavor loadable, downloading it into the cache folder when it is neither bundled
     * nor cached. Files go to a temporary folder first and are moved in place at the end, so an
     * interrupted download never leaves a half library behind.
     *
     * @return the folder DJL will load from ({@code null} when the flavor is bundled on the classpath)
     * @throws DownloadException offline, no network, not published for this machine, disk full…
     */
    public Path ensure(String flavor, DownloadListener listener) throws DownloadException {
        if (flavor.equals(bundledFlavor)) {
            return null;
        }
        Path target = folder(flavor);
        if (isInstalled(flavor)) {
            return target;
        }
        String task = describe(flavor);
        ProgressTracker progress = new ProgressTracker(task, listener);
        progress.phase(DownloadProgress.Phase.CONNECTING, "file list");
        try {
            List<String> files = listFiles(flavor, task);
            long total = 0;
            for (String file : files) {
                long size = downloader.size(uri(file, task), task);
                total = size < 0 || total < 0 ? -1 : total + size;
            }
            progress.total(total);
            Path tmp = createTempFolder(task);
            try {
                for (String file : files) {
                    String name = fileName(file, task);
                    progress.phase(DownloadProgress.Phase.DOWNLOADING, name);
                    downloader.fetch(uri(file, task), tmp.resolve(name), true, task,
                            progress::add);
                }
                progress.phase(DownloadProgress.Phase.UNPACKING, target.getFileName().toString());
                if (!Files.isRegularFile(tmp.resolve(System.mapLibraryName("torch")))) {
                    throw new DownloadException(DownloadException.Reason.CORRUPT, "cannot install " + task
                            + ": the published files lack " + System.mapLibraryName("torch"), null);
                }
                moveInPlace(tmp, target, task);
            } finally {
                deleteTree(tmp);
            }
            progress.phase(DownloadProgress.Phase.DONE, target.toString());
            return target;
        } catch (DownloadException e) {
            throw progress.failed(e);
        }
    }

    /** The {@code <flavor>/<classifier>/…gz} entries of the published file list. */
    List<String> listFiles(String flavor, String task) throws DownloadException {
        String index = downloader.fetchText(base.resolve(shortVersion() + "/files.txt"), task);
        String prefix = flavor + "/" + classifier + "/";
        List<String> files = new ArrayList<>();
        for (String line : index.split("\\R")) {
            String l = line.strip();
            if (l.startsWith(prefix) && l.endsWith(".gz")) {
                files.add(l);
            }
        }
        if (files.isEmpty()) {
            throw new DownloadException(DownloadException.Reason.HTTP_ERROR, "cannot install " + task + ": "
                    + base.getHost() + " publishes no " + flavor + " build for " + classifier, null);
        }
        return files;
    }

    private URI uri(String entry, String task) throws DownloadException {
        try {
            return base.resolve(shortVersion() + "/" + entry);
        } catch (IllegalArgumentException e) {
            throw new DownloadException(DownloadException.Reason.CORRUPT,
                    "cannot install " + task + ": bad entry in the file list: " + entry, e);
        }
    }

    private String shortVersion() {
        Matcher m = VERSION.matcher(version);
        return m.matches() ? m.group(1) : version;
    }

    private static String fileName(String entry, String task) throws DownloadException {
        String name = URLDecoder.decode(entry.substring(entry.lastIndexOf('/') + 1, entry.length() - 3),
                StandardCharsets.UTF_8);
        if (name.isEmpty() || name.contains("/") || name.contains("\\") || name.equals("..") || name.equals(".")) {
            throw new DownloadException(DownloadException.Reason.CORRUPT,
                    "cannot install " + task + ": unsafe file name in the file list: " + entry, null);
        }
        return name;
    }

    private Path createTempFolder(String task) throws DownloadException {
        try {
            Files.createDirectories(cacheDir);
            return Files.createTempDirectory(cacheDir, "tmp-alexandria-");
        } catch (IOException e) {
            throw new DownloadException(DownloadException.Reason.LOCAL_IO,
                    "cannot install " + task + ": cannot create a folder in " + cacheDir + ": " + e.getMessage(), e);
        }
    }

    private void moveInPlace(Path tmp, Path target, String task) throws DownloadException {
        try {
            try {
                Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, target);
            }
        } catch (FileAlreadyExistsException e) {
            if (!Files.isRegularFile(target.resolve(System.mapLibraryName("torch")))) {
                throw new DownloadException(DownloadException.Reason.LOCAL_IO, "cannot install " + task + ": "
                        + target + " exists but holds no " + System.mapLibraryName("torch") + "; delete it", e);
            }
        } catch (IOException e) {
            throw new DownloadException(DownloadException.Reason.LOCAL_IO,
                    "cannot install " + task + " into " + target + ": " + e.getMessage(), e);
        }
    }

    static void deleteTree(Path dir) {
        if (dir == null || !Files.exists(dir)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            walk.sorted(Comparator.reverseOrder()).forEach(p -> {
                try {
                    Files.deleteIfExists(p);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        } catch (IOException | UncheckedIOException e) {
            // best effort: a leftover temporary folder is harmless and named tmp-alexandria-*
        }
    }
}
