package io.alexandria.ui.tray;

import io.alexandria.ui.status.AppStatus;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What the tray renders, computed from the window's one state ({@link AppStatus}) without any
 * AWT: the icon's state, the tooltip, and the menu — Open Alexandria, Sync now, Pause or Resume,
 * Quit — with each item's label and whether it can be used now. The AWT tray
 * ({@link AwtTrayView}) only draws this, so the menu's logic is tested where there is no tray
 * (headless CI).
 *
 * @param state   the icon's state
 * @param tooltip the icon's tooltip (one or two lines)
 * @param items   the menu, top to bottom ({@link Item#SEPARATOR} between groups)
 */
public record TrayMenu(TrayState state, String tooltip, List<Item> items) {
    /**
     * One menu item.
     *
     * @param action  what it does
     * @param label   what it says
     * @param enabled whether it can be used now
     */
    public record Item(TrayAction action, String label, boolean enabled) {
        /** A line between groups of items. */
        public static final Item SEPARATOR = new Item(null, "", false);

        /** Whether this is a separator. */
        public boolean separator() {
            return action == null;
        }
    }

    /**
     * The menu for the window's state.
     *
     * @param syncRunning whether a Sync now is running
     */
    public static TrayMenu of(AppStatus status, boolean syncRunning) {
        List<Item> items = new ArrayList<>();
        items.add(new Item(TrayAction.OPEN, "Open Alexandria", true));
        items.add(Item.SEPARATOR);
        items.add(new Item(TrayAction.SYNC_NOW, syncRunning ? "Syncing…" : "Sync now", status.canSync()));
        items.add(status.paused() ? new Item(TrayAction.RESUME, "Resume", status.canPause())
                : new Item(TrayAction.PAUSE, "Pause", status.canPause()));
        items.add(Item.SEPARATOR);
        items.add(new Item(TrayAction.QUIT, "Quit Alexandria", true));
        String tooltip = "Alexandria — " + shorten(status.line());
        if (status.needsAttention() && status.banner() != null) {
            tooltip = "Alexandria — " + TrayState.ERROR.label() + "\n" + shorten(status.banner().text());
        }
        return new TrayMenu(status.tray(), tooltip, List.copyOf(items));
    }

    /** The item for {@code action}, when the menu has it. */
    public Optional<Item> item(TrayAction action) {
        return items.stream().filter(i -> i.action() == action).findFirst();
    }

    /** Tooltips are short on every OS (Windows cuts at 127 characters). */
    static String shorten(String s) {
        return s.length() <= 96 ? s : s.substring(0, 95) + "…";
    }
}
