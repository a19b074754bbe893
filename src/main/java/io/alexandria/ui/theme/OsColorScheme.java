package io.alexandria.ui.theme;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Whether the operating system is set to a dark appearance, asked the way each desktop publishes
 * it: GNOME's {@code gsettings get org.gnome.desktop.interface color-scheme} ({@code
 * 'prefer-dark'}; before GNOME 42 a theme name ending in {@code -dark}), macOS's {@code defaults
 * read -g AppleInterfaceStyle} ({@code Dark}; the key is absent in light mode), Windows' registry
 * value {@code HKCU\Software\Microsoft\Windows\CurrentVersion\Themes\Personalize\AppsUseLightTheme}
 * ({@code 0} = dark). Runs a short command: never call it on the JavaFX thread.
 */
public final class OsColorScheme {
    /** How long one command may take, in ms. */
    static final long COMMAND_TIMEOUT_MS = 2000;

    private OsColorScheme() {
    }

    /** Asks the OS; empty when it cannot tell (another desktop, a missing command, a timeout). */
    public static Optional<Boolean> prefersDark() {
        String os = System.getProperty("os.name", "").toLowerCase(Locale.ROOT);
        if (os.contains("mac")) {
            return run(List.of("defaults", "read", "-g", "AppleInterfaceStyle"))
                    .flatMap(r -> parseMacInterfaceStyle(r.exitCode(), r.out()));
        }
        if (os.contains("win")) {
            return run(List.of("reg", "query", "HKCU\\Software\\Microsoft\\Windows\\CurrentVersion\\Themes\\Personalize",
                    "/v", "AppsUseLightTheme")).flatMap(r -> parseWindowsAppsUseLightTheme(r.out()));
        }
        Optional<Boolean> scheme = run(List.of("gsettings", "get", "org.gnome.desktop.interface", "color-scheme"))
                .flatMap(r -> r.exitCode() == 0 ? parseGnomeColorScheme(r.out()) : Optional.empty());
        if (scheme.isPresent() && scheme.get()) {
            return scheme;
        }
        Optional<Boolean> theme = run(List.of("gsettings", "get", "org.gnome.desktop.interface", "gtk-theme"))
                .flatMap(r -> r.exitCode() == 0 ? parseGtkThemeName(r.out()) : Optional.empty());
        return theme.isPresent() && theme.get() ? theme : scheme.or(() -> theme);
    }

    /** GNOME 42+: {@code 'prefer-dark'} → dark, {@code 'default'} / {@code 'prefer-light'} → light. */
    static Optional<Boolean> parseGnomeColorScheme(String out) {
        String v = unquote(out);
        return switch (v) {
            case "prefer-dark" -> Optional.of(true);
            case "default", "prefer-light" -> Optional.of(false);
            default -> Optional.empty();
        };
    }

    /** Older GNOME and GTK desktops: a theme name such as {@code 'Adwaita-dark'} → dark. */
    static Optional<Boolean> parseGtkThemeName(String out) {
        String v = unquote(out).toLowerCase(Locale.ROOT);
        if (v.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(v.endsWith("-dark") || v.endsWith(":dark") || v.contains("-dark-"));
    }

    /** macOS: {@code Dark} → dark; the key missing (exit code 1) → light. */
    static Optional<Boolean> parseMacInterfaceStyle(int exitCode, String out) {
        if (exitCode == 0) {
            return Optional.of(out.strip().equalsIgnoreCase("dark"));
        }
        return out.contains("does not exist") || exitCode == 1 ? Optional.of(false) : Optional.empty();
    }

    /** Windows: the {@code REG_DWORD} value {@code 0x0} → dark, {@code 0x1} → light. */
    static Optional<Boolean> parseWindowsAppsUseLightTheme(String out) {
        for (String line : out.split("\\R")) {
            String[] parts = line.strip().split("\\s+");
            if (parts.length == 3 && parts[0].equalsIgnoreCase("AppsUseLightTheme")) {
                try {
                    return Optional.of(Long.decode(parts[2]) == 0);
                } catch (NumberFormatException e) {
                    return Optional.empty();
                }
            }
        }
        return Optional.empty();
    }

    private static String unquote(String out) {
        String v = out == null ? "" : out.strip();
        if (v.length() >= 2 && (v.startsWith("'") && v.endsWith("'") || v.startsWith("\"") && v.endsWith("\""))) {
            v = v.substring(1, v.length() - 1);
        }
        return v;
    }

    /** A finished command: its exit code and standard output. */
    record Result(int exitCode, String out) {
    }

    static Optional<Result> run(List<String> command) {
        try {
            Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
            p.getOutputStream().close();
            if (!p.waitFor(COMMAND_TIMEOUT_MS, TimeUnit.MILLISECONDS)) {
                p.destroyForcibly();
                return Optional.empty();
            }
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            return Optional.of(new Result(p.exitValue(), out));
        } catch (IOException e) {
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }
}
