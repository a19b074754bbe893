package io.alexandria.app;

import io.alexandria.config.Settings;
import io.alexandria.sources.DocumentSource;
import io.alexandria.sources.calibre.CalibreSource;
import io.alexandria.sources.calibre.FormatPreference;
import io.alexandria.sources.vault.VaultSource;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * Makes the sources an engine syncs, with the settings' ignore patterns and format preference; a
 * Calibre library remembers the uuid the ledger knows for its folder, so an unreachable library
 * (an unmounted NAS) keeps its identity.
 */
public final class SourceFactory {
    private final Settings settings;
    private final Function<Path, String> knownCalibreScope;

    /**
     * @param knownCalibreScope the library uuid the ledger already holds for a library folder
     *                          (absolute, normalised), or null
     */
    SourceFactory(Settings settings, Function<Path, String> knownCalibreScope) {
        this.settings = settings;
        this.knownCalibreScope = knownCalibreScope;
    }

    /** A vault source for {@code dir}. */
    public VaultSource vault(Path dir) {
        return new VaultSource(dir, settings.ignorePatterns());
    }

    /** A Calibre source for the library in {@code dir}. */
    public CalibreSource calibre(Path dir) {
        Path root = dir.toAbsolutePath().normalize();
        return new CalibreSource(root, FormatPreference.parse(settings.formatPreference()),
                knownCalibreScope.apply(root));
    }

    /** The sources the settings name: their vault and/or their Calibre library. */
    public List<DocumentSource> configured() {
        List<DocumentSource> out = new ArrayList<>();
        if (settings.vaultPath() != null && !settings.vaultPath().isBlank()) {
            out.add(vault(Path.of(settings.vaultPath())));
        }
        if (settings.calibrePath() != null && !settings.calibrePath().isBlank()) {
            out.add(calibre(Path.of(settings.calibrePath())));
        }
        return out;
    }
}
