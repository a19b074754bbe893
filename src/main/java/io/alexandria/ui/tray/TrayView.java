package io.alexandria.ui.tray;

import io.alexandria.ui.Notifier;

/**
 * Draws a {@link TrayMenu} somewhere: the OS's tray ({@link AwtTrayView}), or a recorder in tests.
 * Called on the JavaFX thread; an implementation hops to its own thread as it needs.
 */
public interface TrayView extends AutoCloseable {
    /** Shows this state, tooltip and menu (replacing the previous one). */
    void show(TrayMenu menu);

    /** Shows an OS notification next to the icon. */
    void notify(Notifier.Level level, String title, String text);

    /** Removes the icon. */
    @Override
    void close();
}
