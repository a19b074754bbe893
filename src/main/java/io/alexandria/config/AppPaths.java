package io.alexandria.config;

import dev.dirs.ProjectDirectories;
import java.nio.file.Path;

/**
 * Where the app keeps its data: the per-OS application data directory (via the directories-jvm
 * library: XDG {@code ~/.local/share/alexandria} on Linux, {@code ~/Library/Application
 * Support/io.alexandria.Alexandria} on macOS, {@code %APPDATA%\alexandria\Alexandria\data} on
 * Windows), overridden by {@code --data-dir} or the {@code ALEXANDRIA_DATA_DIR} environment
 * variable. Layout: {@code alexandria.mv.db} (H2 ledger), {@code settings.json}, {@code models/}
 * (unpacked and downloaded models), {@code djl/} (DJL's cache, incl. the CUDA libtorch), {@code logs/}.
 * The folder, the database files and the logs are readable by their owner only ({@code 700} /
 * {@code 600}, or an owner-only ACL on Windows; see {@link OwnerOnly}).
 */
public record AppPaths(Path dataDir) {

    /** The directory from the option, else the environment variable, else the OS default. */
    public static AppPaths resolve(Path option) {
        if (option != null) {
            return new AppPaths(option.toAbsolutePath().normalize());
        }
        String env = System.getenv("ALEXANDRIA_DATA_DIR");
        if (env != null && !env.isBlank()) {
            return new AppPaths(Path.of(env).toAbsolutePath().normalize());
        }
        return new AppPaths(Path.of(ProjectDirectories.from("io", "alexandria", "Alexandria").dataDir));
    }

    /** Unpacked and downloaded models. */
    public Path models() {
        return dataDir.resolve("models");
    }

    /** DJL's cache ({@code DJL_CACHE_DIR}): engine natives such as the CUDA build of libtorch. */
    public Path djlCache() {
        return dataDir.resolve("djl");
    }

    /** The settings file. */
    public Path settingsFile() {
        return dataDir.resolve("settings.json");
    }

    /** Log files. */
    public Path logs() {
        return dataDir.resolve("logs");
    }
}
