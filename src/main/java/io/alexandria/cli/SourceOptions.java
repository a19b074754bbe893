package io.alexandria.cli;

import io.alexandria.app.SourceFactory;
import io.alexandria.sources.DocumentSource;
import io.alexandria.sources.calibre.CalibreLibrary;
import io.alexandria.sources.calibre.LibraryCheck;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Option;

/** {@code --vault DIR} and {@code --calibre DIR} (repeatable), shared by {@code sync} and {@code watch}. */
public final class SourceOptions {
    @Option(names = "--vault", paramLabel = "DIR", description = "Obsidian vault folder (default: the settings').")
    List<Path> vaults = new ArrayList<>();

    @Option(names = "--calibre", paramLabel = "DIR", description = "Calibre library folder (default: the settings').")
    List<Path> libraries = new ArrayList<>();

    /**
     * Rejects folders that are not there or not a Calibre library, with a one-line reason.
     *
     * @throws CliException naming the bad folder
     */
    public void check() {
        for (Path v : vaults) {
            if (!Files.isDirectory(v)) {
                throw new CliException("the vault folder " + v + " does not exist");
            }
        }
        for (Path l : libraries) {
            LibraryCheck check = CalibreLibrary.looksLikeLibrary(l);
            if (!check.ok()) {
                throw new CliException(check.message());
            }
        }
    }

    /**
     * The sources to sync: the options', else the settings' (as {@code factory} makes them).
     *
     * @param required whether having none is an error (else the list may be empty)
     * @throws CliException when there is none and one is required
     */
    public List<DocumentSource> sources(SourceFactory factory, boolean required) {
        List<DocumentSource> out = new ArrayList<>();
        for (Path v : vaults) {
            out.add(factory.vault(v));
        }
        for (Path l : libraries) {
            out.add(factory.calibre(l));
        }
        if (out.isEmpty()) {
            out.addAll(factory.configured());
        }
        if (out.isEmpty() && required) {
            throw new CliException("nothing to sync: give --vault DIR and/or --calibre DIR (or set them in the app's "
                    + "settings)");
        }
        return out;
    }
}
