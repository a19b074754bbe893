package io.alexandria.ui.tray;

import io.alexandria.app.SessionStatus;
import io.alexandria.health.HealthReport;
import io.alexandria.sync.EngineProgress;
import io.alexandria.ui.status.StatusTexts;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What the tray renders, computed from the session without any AWT: the icon's state, the
 * tooltip, and the menu — Open Alexandria, Sync now, Pause or Resume, Quit — with each item's
 * label and whether it can be used now. The AWT tray ({@link AwtTrayView}) only draws this, so the
 * menu's logic is tested where there is no tray (headless CI).
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

    /** The menu for these snapshots (any may be null). */
    public static TrayMenu of(SessionStatus status, EngineProgress progress, HealthReport health, boolean syncRunning) {
        TrayState state = TrayState.of(status, progress, health, syncRunning);
        boolean ready = status != null && status.ready();
        boolean paused = progress != null && progress.state() == EngineProgress.State.PAUSED;
        List<Item> items = new ArrayList<>();
        items.add(new Item(TrayAction.OPEN, "Open Alexandria", true));
        items.add(Item.SEPARATOR);
        items.add(new Item(TrayAction.SYNC_NOW, syncRunning ? "Syncing…" : "Sync now", ready && !syncRunning));
        items.add(paused ? new Item(TrayAction.RESUME, "Resume", ready)
                : new Item(TrayAction.PAUSE, "Pause", ready && progress != null));
        items.add(Item.SEPARATOR);
        items.add(new Item(TrayAction.QUIT, "Quit Alexandria", true));
        String detail = StatusTexts.activity(status, progress, syncRunning, 0);
        String tooltip = "Alexandria — " + state.label();
        if (state == TrayState.ERROR) {
            String b = StatusTexts.banner(status, health);
            detail = b != null ? b : detail;
        }
        if (detail != null && !detail.isBlank() && !detail.equals(state.label())) {
            tooltip += "\n" + shorten(detail);
        }
        return new TrayMenu(state, tooltip, List.copyOf(items));
    }

    /** The item for {@code action}, when the menu has it. */
    public Optional<Item> item(TrayAction action) {
        return items.stream().filter(i -> i.action() == action).findFirst();
    }

    /** Tooltips are short on every OS (Windows cuts at 127 characters). */
    static String shorten(String s) {
        return s.length() <= 120 ? s : s.substring(0, 119) + "…";
    }
}
