package io.alexandria.ui;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The desktop app's command line split in two: options ({@code --smoke}, {@code --data-dir DIR},
 * {@code --vault DIR}, … as {@link io.alexandria.app.LaunchOptions} reads them) and files to add
 * (what a file manager's "Open with" or a drop onto the app's icon passes). No JavaFX here: the
 * launcher uses it before deciding whether to start the toolkit at all.
 *
 * @param options the options, in order, each with its value
 * @param files   the other arguments, as paths
 */
public record DesktopArgs(List<String> options, List<Path> files) {
    /** The only option without a value. */
    static final String SMOKE = "--smoke";

    public DesktopArgs {
        options = List.copyOf(options);
        files = List.copyOf(files);
    }

    /** Splits raw arguments: {@code --name=value}, {@code --name value} and {@code --smoke} are options, the rest files. */
    public static DesktopArgs split(List<String> raw) {
        List<String> options = new ArrayList<>();
        List<Path> files = new ArrayList<>();
        for (int i = 0; i < raw.size(); i++) {
            String a = raw.get(i);
            if (a.equals(SMOKE) || (a.startsWith("--") && a.contains("="))) {
                options.add(a);
            } else if (a.startsWith("--") && a.length() > 2) {
                options.add(a);
                if (i + 1 < raw.size()) {
                    options.add(raw.get(++i));
                }
            } else {
                files.add(Path.of(a));
            }
        }
        return new DesktopArgs(options, files);
    }

    /** Whether this is the installer's smoke run (it never hands over to a running instance). */
    public boolean smoke() {
        return options.contains(SMOKE);
    }

    /** The {@code --data-dir} option's folder, or null. */
    public Path dataDir() {
        for (int i = 0; i < options.size(); i++) {
            String o = options.get(i);
            if (o.equals("--data-dir") && i + 1 < options.size()) {
                return Path.of(options.get(i + 1));
            }
            if (o.startsWith("--data-dir=")) {
                return Path.of(o.substring("--data-dir=".length()));
            }
        }
        return null;
    }

    /**
     * Whether these arguments open the window rather than run a command: none at all, the smoke
     * run, or only desktop options and files that exist (never when the first argument names a
     * command or asks for help or the version).
     *
     * @param commands the command line's command names ({@code sync}, {@code watch}, …)
     */
    public static boolean opensWindow(List<String> raw, Set<String> commands) {
        if (raw.isEmpty() || raw.contains(SMOKE)) {
            return true;
        }
        String first = raw.getFirst();
        if (commands.contains(first) || Set.of("-h", "--help", "-V", "--version").contains(first)) {
            return false;
        }
        DesktopArgs a = split(raw);
        for (int i = 0; i < a.options().size(); i++) {
            String name = a.options().get(i);
            if (!name.startsWith("--")) {
                continue;
            }
            String bare = name.contains("=") ? name.substring(0, name.indexOf('=')) : name;
            if (!Set.of("--data-dir", "--vault", "--calibre", "--qdrant", "--timeout").contains(bare)) {
                return false;
            }
        }
        return a.files().stream().allMatch(Files::exists);
    }
}
