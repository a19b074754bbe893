package io.alexandria.ui.prefs;

import io.alexandria.ui.theme.ThemeMode;
import java.io.IOException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The window's preferences as JavaFX properties: each change is saved in the background (one
 * writer thread, in order), so the Settings pane applies it at once without touching the disk on
 * the JavaFX thread. Without a store (tests) changes are kept in memory only.
 */
public final class UiPrefsModel {
    private static final Logger LOG = LoggerFactory.getLogger(UiPrefsModel.class);
    private final UiPrefsStore store;
    private final ObjectProperty<ThemeMode> theme;
    private final BooleanProperty closeToTray;
    private final ExecutorService writer = Executors.newSingleThreadExecutor(
            Thread.ofPlatform().daemon().name("alexandria-ui-prefs").factory());

    /**
     * Preferences starting at {@code initial}.
     *
     * @param store where changes are saved, or null to keep them in memory
     */
    public UiPrefsModel(UiPrefs initial, UiPrefsStore store) {
        this.store = store;
        this.theme = new SimpleObjectProperty<>(initial.theme());
        this.closeToTray = new SimpleBooleanProperty(initial.closeToTray());
        theme.addListener((o, a, b) -> save());
        closeToTray.addListener((o, a, b) -> save());
    }

    /** In-memory defaults (tests, a window without a data folder). */
    public static UiPrefsModel inMemory() {
        return new UiPrefsModel(UiPrefs.defaults(), null);
    }

    /** The current values. */
    public UiPrefs snapshot() {
        return new UiPrefs(theme.get(), closeToTray.get());
    }

    private void save() {
        if (store == null) {
            return;
        }
        UiPrefs now = snapshot();
        writer.execute(() -> {
            try {
                store.save(now);
            } catch (IOException e) {
                LOG.warn("cannot save {}: {}", store.file(), e.getMessage());
            }
        });
    }

    /** System, Light or Dark. */
    public ObjectProperty<ThemeMode> themeProperty() {
        return theme;
    }

    /** Whether closing the window keeps Alexandria in the tray. */
    public BooleanProperty closeToTrayProperty() {
        return closeToTray;
    }
}
