package io.alexandria.ui.shell;

import io.alexandria.ui.LinkOpener;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The real desktop: URIs open through JavaFX's {@code HostServices}; "Show in folder" runs the
 * OS's own way to select a file — {@code open -R} on macOS, {@code explorer /select,} on Windows,
 * the freedesktop {@code org.freedesktop.FileManager1.ShowItems} D-Bus call on Linux (Nautilus,
 * Dolphin, Nemo, Thunar…), else the folder is opened; Obsidian is looked for once, in the
 * background, where the OS registers it: the {@code obsidian:} URL scheme's handler
 * ({@code xdg-mime} on Linux, the registry on Windows) or {@code Obsidian.app} on macOS. Every
 * command runs on a background thread.
 */
public final class SystemShell implements DesktopShell {
    private static final Logger LOG = LoggerFactory.getLogger(SystemShell.class);
    private static final long COMMAND_TIMEOUT_MS = 5000;
    private final LinkOpener links;
    private final ExecutorService commands = Executors.newSingleThreadExecutor(
            Thread.ofPlatform().daemon().name("alexandria-shell").factory());
    private final CompletableFuture<Boolean> obsidian;

    /** A shell opening URIs with {@code links}; starts looking for Obsidian. */
    public SystemShell(LinkOpener links) {
        this.links = links;
        this.obsidian = CompletableFuture.supplyAsync(SystemShell::detectObsidian, commands);
    }

    @Override
    public void open(String uri) {
        links.open(uri);
    }

    @Override
    public void reveal(Path file) {
        Path target = file.toAbsolutePath();
        commands.execute(() -> {
            if (!revealWithOs(target)) {
                Path dir = Files.isDirectory(target) ? target : target.getParent();
                links.open((dir == null ? target : dir).toUri().toString());
            }
        });
    }

    @Override
    public boolean obsidianInstalled() {
        return obsidian.getNow(false);
    }

    /** Completes once Obsidian has been looked for. */
    public CompletableFuture<Boolean> obsidianLookup() {
        return obsidian;
    }

    private static boolean revealWithOs(Path file) {
        String os = os();
        if (os.contains("mac")) {
            return run(List.of("open", "-R", file.toString())) == 0;
        }
        if (os.contains("win")) {
            run(List.of("explorer.exe", "/select," + file));
            return true; // explorer's exit code is 1 even when it worked
        }
        return run(List.of("dbus-send", "--session", "--print-reply", "--dest=org.freedesktop.FileManager1",
                "--type=method_call", "/org/freedesktop/FileManager1", "org.freedesktop.FileManager1.ShowItems",
                "array:string:" + file.toUri(), "string:")) == 0;
    }

    static boolean detectObsidian() {
        String os = os();
        if (os.contains("mac")) {
            return Files.isDirectory(Path.of("/Applications/Obsidian.app"))
                    || Files.isDirectory(Path.of(System.getProperty("user.home"), "Applications", "Obsidian.app"));
        }
        if (os.contains("win")) {
            return run(List.of("reg", "query", "HKCU\\Software\\Classes\\obsidian")) == 0
                    || run(List.of("reg", "query", "HKCR\\obsidian")) == 0;
        }
        return xdgHandler().map(SystemShell::isHandler).orElse(false);
    }

    /** Whether {@code xdg-mime query default x-scheme-handler/obsidian} named a desktop file. */
    static boolean isHandler(String xdgMimeOutput) {
        String v = xdgMimeOutput.strip();
        return !v.isEmpty() && v.endsWith(".desktop");
    }

    private static java.util.Optional<String> xdgHandler() {
        try {
            Process p = new ProcessBuilder("xdg-mime", "query", "default", "x-scheme-handler/obsidian")
                    .redirectErrorStream(true).start();
            p.getOutputStream().close();
            if (!p.waitFor(COMMAND_TIMEOUT_MS, TimeUnit.MILLISECONDS)) {
                p.destroyForcibly();
                return java.util.Optional.empty();
            }
            return p.exitValue() == 0 ? java.util.Optional.of(new String(p.getInputStream().readAllBytes()))
                    : java.util.Optional.empty();
        } catch (IOException e) {
            return java.util.Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return java.util.Optional.empty();
        }
    }

    private static int run(List<String> command) {
        try {
            Process p = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .start();
            p.getOutputStream().close();
            if (!p.waitFor(COMMAND_TIMEOUT_MS, TimeUnit.MILLISECONDS)) {
                p.destroyForcibly();
                return -1;
            }
            return p.exitValue();
        } catch (IOException e) {
            LOG.debug("{} failed: {}", command.getFirst(), e.toString());
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }

    private static String os() {
        return System.getProperty("os.name", "").toLowerCase(Locale.ROOT);
    }
}
