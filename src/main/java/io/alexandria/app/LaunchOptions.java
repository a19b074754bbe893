package io.alexandria.app;

import io.alexandria.config.Settings;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * The desktop app's command line: nothing (open the window with the saved settings), or the
 * installer test's {@code --smoke --vault DIR --qdrant URL --data-dir DIR [--calibre DIR]
 * [--timeout SECONDS]}: open the window, run Sync now on that vault into that Qdrant, wait for
 * it, exit 0 (1 with a one-line reason on failure or after the timeout).
 *
 * @param smoke   run the smoke test and exit
 * @param dataDir the data directory, or null for the default
 * @param vault   the vault to sync (overrides the settings'), or null
 * @param calibre the Calibre library to sync (overrides the settings'), or null
 * @param qdrant  the Qdrant URL (overrides the settings'), or null
 * @param timeout how long the smoke run may take
 */
public record LaunchOptions(boolean smoke, Path dataDir, Path vault, Path calibre, String qdrant, Duration timeout) {
    /** The smoke run's default time limit. */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofMinutes(5);

    /** No options: the plain desktop app. */
    public static LaunchOptions none() {
        return new LaunchOptions(false, null, null, null, null, DEFAULT_TIMEOUT);
    }

    /**
     * Parses the raw arguments.
     *
     * @throws IllegalArgumentException with a one-line reason for anything unknown or incomplete
     */
    public static LaunchOptions parse(List<String> args) {
        boolean smoke = false;
        Path dataDir = null;
        Path vault = null;
        Path calibre = null;
        String qdrant = null;
        Duration timeout = DEFAULT_TIMEOUT;
        for (int i = 0; i < args.size(); i++) {
            String a = args.get(i);
            String name = a.contains("=") ? a.substring(0, a.indexOf('=')) : a;
            String inline = a.contains("=") ? a.substring(a.indexOf('=') + 1) : null;
            if (name.equals("--smoke")) {
                smoke = true;
                continue;
            }
            String value = inline;
            if (value == null) {
                if (i + 1 >= args.size()) {
                    throw new IllegalArgumentException("missing value for " + name);
                }
                value = args.get(++i);
            }
            switch (name) {
                case "--data-dir" -> dataDir = Path.of(value);
                case "--vault" -> vault = Path.of(value);
                case "--calibre" -> calibre = Path.of(value);
                case "--qdrant" -> qdrant = value;
                case "--timeout" -> {
                    try {
                        timeout = Duration.ofSeconds(Long.parseLong(value));
                    } catch (NumberFormatException e) {
                        throw new IllegalArgumentException("--timeout takes seconds, was: " + value);
                    }
                }
                default -> throw new IllegalArgumentException("unknown option " + name
                        + " (the desktop app takes --smoke, --vault, --calibre, --qdrant, --data-dir, --timeout)");
            }
        }
        if (smoke && vault == null && calibre == null) {
            throw new IllegalArgumentException("--smoke needs --vault DIR (or --calibre DIR)");
        }
        return new LaunchOptions(smoke, dataDir, vault, calibre, qdrant, timeout);
    }

    /**
     * The settings to run with: {@code saved} with this command line's vault, library and Qdrant,
     * and (for a smoke run) no watching.
     */
    public Settings applyTo(Settings saved) {
        Settings s = saved;
        if (vault != null) {
            s = s.withVaultPath(vault.toAbsolutePath().toString());
        }
        if (calibre != null) {
            s = s.withCalibrePath(calibre.toAbsolutePath().toString());
        }
        if (qdrant != null) {
            s = s.withQdrantUrl(qdrant);
        }
        if (smoke) {
            s = new Settings(s.vaultPath(), s.calibrePath(), s.qdrantUrl(), s.model(), s.device(), s.chunkTokens(),
                    s.chunkOverlap(), s.ignorePatterns(), false, false, s.reconcileMinutes(), s.formatPreference(),
                    s.massDeleteShare(), s.hostname(), s.eventRetentionDays());
        }
        return s;
    }
}
