package io.alexandria.ui.tray;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.alexandria.ui.Notifier;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The notification commands where there is no tray: notify-send on Linux, osascript on macOS. */
class CommandNotificationsTest {
    @Test
    void commandsPerOs() {
        assertEquals(List.of("notify-send", "--app-name=Alexandria", "--urgency=critical", "Sync failed", "Qdrant said no"),
                CommandNotifications.command("Linux", Notifier.Level.ERROR, "Sync failed", "Qdrant said no"));
        assertEquals(List.of("osascript", "-e", "display notification \"He said \\\"hi\\\"\" with title \"Alexandria\""
                + " subtitle \"Done\""), CommandNotifications.command("Mac OS X", Notifier.Level.INFO, "Done",
                "He said \"hi\""));
        assertEquals(List.of(), CommandNotifications.command("Windows 11", Notifier.Level.INFO, "t", "x"),
                "Windows always has the tray");
    }
}
