package io.alexandria.ui.tray;

import io.alexandria.ui.Notifier;
import java.awt.AWTException;
import java.awt.EventQueue;
import java.awt.GraphicsEnvironment;
import java.awt.MenuItem;
import java.awt.PopupMenu;
import java.awt.SystemTray;
import java.awt.TrayIcon;
import java.awt.image.BufferedImage;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The OS tray icon through AWT's {@link SystemTray} (Windows, macOS's menu bar, Linux desktops
 * with a system tray such as KDE, Xfce, Cinnamon; GNOME only with an extension): draws a
 * {@link TrayMenu} and reports the chosen {@link TrayAction} (and a double-click as
 * {@link TrayAction#OPEN}) to a callback, on the AWT event thread. All AWT work runs on that thread.
 */
public final class AwtTrayView implements TrayView {
    private static final Logger LOG = LoggerFactory.getLogger(AwtTrayView.class);
    private final TrayIcon icon;
    private final Consumer<TrayAction> onAction;
    private final Map<TrayState, BufferedImage> images = new EnumMap<>(TrayState.class);
    private List<TrayMenu.Item> shownItems;

    private AwtTrayView(TrayIcon icon, Consumer<TrayAction> onAction) {
        this.icon = icon;
        this.onAction = onAction;
    }

    /** Whether this desktop has a tray AWT can use (never in a headless JVM). */
    public static boolean supported() {
        try {
            return !GraphicsEnvironment.isHeadless() && SystemTray.isSupported();
        } catch (RuntimeException | LinkageError e) {
            return false;
        }
    }

    /**
     * Adds the icon to the tray, or returns empty where there is no tray. Blocks until the AWT
     * thread has added it: call on a background thread.
     *
     * @param onAction called on the AWT thread with each chosen action
     */
    public static Optional<AwtTrayView> install(Consumer<TrayAction> onAction) {
        if (!supported()) {
            return Optional.empty();
        }
        try {
            AwtTrayView[] view = new AwtTrayView[1];
            EventQueue.invokeAndWait(() -> {
                SystemTray tray = SystemTray.getSystemTray();
                int size = Math.max(16, Math.min(tray.getTrayIconSize().width, tray.getTrayIconSize().height));
                Map<TrayState, BufferedImage> images = new EnumMap<>(TrayState.class);
                for (TrayState s : TrayState.values()) {
                    images.put(s, TrayIcons.render(s, size));
                }
                TrayIcon icon = new TrayIcon(images.get(TrayState.IDLE), "Alexandria");
                icon.setImageAutoSize(true);
                AwtTrayView v = new AwtTrayView(icon, onAction);
                v.images.putAll(images);
                icon.addActionListener(e -> onAction.accept(TrayAction.OPEN));
                try {
                    tray.add(icon);
                    view[0] = v;
                } catch (AWTException e) {
                    LOG.info("no tray icon: {}", e.getMessage());
                }
            });
            return Optional.ofNullable(view[0]);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        } catch (java.lang.reflect.InvocationTargetException | RuntimeException e) {
            LOG.info("no tray icon: {}", e.toString());
            return Optional.empty();
        }
    }

    @Override
    public void show(TrayMenu menu) {
        EventQueue.invokeLater(() -> {
            icon.setImage(images.get(menu.state()));
            icon.setToolTip(menu.tooltip());
            if (!menu.items().equals(shownItems)) {
                icon.setPopupMenu(popup(menu.items()));
                shownItems = menu.items();
            }
        });
    }

    /** The AWT popup menu for {@code items}; each item reports its action. */
    PopupMenu popup(List<TrayMenu.Item> items) {
        PopupMenu popup = new PopupMenu();
        for (TrayMenu.Item item : items) {
            if (item.separator()) {
                popup.addSeparator();
                continue;
            }
            MenuItem m = new MenuItem(item.label());
            m.setEnabled(item.enabled());
            m.setActionCommand(item.action().name());
            m.addActionListener(e -> onAction.accept(item.action()));
            popup.add(m);
        }
        return popup;
    }

    /** The icon's current popup menu (tests). */
    PopupMenu popupMenu() {
        return icon.getPopupMenu();
    }

    @Override
    public void notify(Notifier.Level level, String title, String text) {
        TrayIcon.MessageType type = switch (level) {
            case ERROR -> TrayIcon.MessageType.ERROR;
            case WARNING -> TrayIcon.MessageType.WARNING;
            case INFO -> TrayIcon.MessageType.INFO;
        };
        EventQueue.invokeLater(() -> icon.displayMessage(title, text, type));
    }

    @Override
    public void close() {
        EventQueue.invokeLater(() -> SystemTray.getSystemTray().remove(icon));
    }
}
