package io.alexandria.ui.tray;

import io.alexandria.ui.Notifier;
import java.io.IOException;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * OS notifications where AWT has no tray to show them from: {@code notify-send} (freedesktop
 * notifications: GNOME, KDE, Xfce…) on Linux, {@code osascript -e 'display notification …'} on
 * macOS. Commands run on a background thread; a missing command is logged once and ignored.
 */
public final class CommandNotifications {
    private static final Logger LOG = LoggerFactory.getLogger(CommandNotifications.class);
    private final ExecutorService runner = Executors.newSingleThreadExecutor(
            Thread.ofPlatform().daemon().name("alexandria-notify").factory());
    private volatile boolean missing;

    /** Shows a notification (returns at once). */
    public void notify(Notifier.Level level, String title, String text) {
        if (missing) {
            return;
        }
        List<String> cmd = command(System.getProperty("os.name", ""), level, title, text);
        if (cmd.isEmpty()) {
            return;
        }
        runner.execute(() -> {
            try {
                Process p = new ProcessBuilder(cmd).redirectErrorStream(true)
                        .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
                p.getOutputStream().close();
                if (!p.waitFor(5, TimeUnit.SECONDS)) {
                    p.destroyForcibly();
                }
            } catch (IOException e) {
                missing = true;
                LOG.info("no OS notifications ({}): {}", cmd.getFirst(), e.getMessage());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
    }

    /** The command for this OS, or empty where there is none. */
    static List<String> command(String osName, Notifier.Level level, String title, String text) {
        String os = osName.toLowerCase(Locale.ROOT);
        if (os.contains("mac")) {
            return List.of("osascript", "-e", "display notification " + appleString(text) + " with title "
                    + appleString("Alexandria") + " subtitle " + appleString(title));
        }
        if (os.contains("linux") || os.contains("bsd")) {
            String urgency = switch (level) {
                case ERROR -> "critical";
                case WARNING, INFO -> "normal";
            };
            return List.of("notify-send", "--app-name=Alexandria", "--urgency=" + urgency, title, text);
        }
        return List.of();
    }

    /** An AppleScript string literal. */
    static String appleString(String s) {
        return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }
}
