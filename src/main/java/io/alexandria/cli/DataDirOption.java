package io.alexandria.cli;

import io.alexandria.config.AppPaths;
import io.alexandria.config.Settings;
import io.alexandria.config.SettingsStore;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** The {@code --data-dir} option every command accepts. */
public final class DataDirOption {
    @Option(names = "--data-dir", paramLabel = "DIR",
            description = "Where the local database, settings and models live (default: the OS's application data "
                    + "folder, or $ALEXANDRIA_DATA_DIR).")
    Path dataDir;

    /** The resolved paths. */
    public AppPaths paths() {
        return AppPaths.resolve(dataDir);
    }

    /** The saved settings in that directory. */
    public Settings settings() {
        return new SettingsStore(paths().settingsFile()).load();
    }
}
