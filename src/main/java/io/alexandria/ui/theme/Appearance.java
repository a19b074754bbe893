package io.alexandria.ui.theme;

import atlantafx.base.theme.PrimerDark;
import atlantafx.base.theme.PrimerLight;
import io.alexandria.ui.Views;
import java.util.Optional;
import javafx.application.Application;
import javafx.application.ColorScheme;
import javafx.application.Platform;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.value.ChangeListener;
import javafx.beans.value.WeakChangeListener;
import javafx.scene.Parent;
import javafx.scene.Scene;
import javafx.scene.control.DialogPane;

/**
 * The window's look: AtlantaFX's Primer theme, light or dark, as the user's {@link ThemeMode}
 * and the OS's appearance decide; the app's own stylesheet ({@link Views#STYLESHEET}) on every
 * attached scene, with the style class {@code dark} on its root while dark. The OS's appearance
 * comes from {@link OsColorScheme} (asked off the JavaFX thread, at start) and afterwards from
 * JavaFX's {@code Platform.getPreferences()} when the OS reports a change. JavaFX thread only.
 */
public final class Appearance {
    /** The style class set on attached roots while the dark theme is in use. */
    public static final String DARK_CLASS = "dark";
    private static final String LISTENER_KEY = "alexandria.appearance";
    private final ObjectProperty<ThemeMode> mode;
    private final BooleanProperty osDark = new SimpleBooleanProperty();
    private final BooleanProperty dark = new SimpleBooleanProperty();
    private String applied;

    /**
     * An appearance starting with {@code mode}.
     *
     * @param osPrefersDark what {@link OsColorScheme#prefersDark()} said (empty: ask JavaFX)
     */
    public Appearance(ThemeMode mode, Optional<Boolean> osPrefersDark) {
        this.mode = new SimpleObjectProperty<>(mode == null ? ThemeMode.SYSTEM : mode);
        osDark.set(osPrefersDark.orElseGet(Appearance::javafxPrefersDark));
        try {
            Platform.getPreferences().colorSchemeProperty().addListener((o, a, scheme) ->
                    osDark.set(scheme == ColorScheme.DARK));
        } catch (RuntimeException | LinkageError e) {
            // no platform preferences (a headless toolkit): the start value stays
        }
        this.mode.addListener((o, a, b) -> update());
        osDark.addListener((o, a, b) -> update());
        update();
    }

    private static boolean javafxPrefersDark() {
        try {
            return Platform.getPreferences().getColorScheme() == ColorScheme.DARK;
        } catch (RuntimeException | LinkageError e) {
            return false;
        }
    }

    private void update() {
        dark.set(mode.get().dark(osDark.get()));
        String sheet = dark.get() ? new PrimerDark().getUserAgentStylesheet() : new PrimerLight().getUserAgentStylesheet();
        if (!sheet.equals(applied)) {
            Application.setUserAgentStylesheet(sheet);
            applied = sheet;
        }
    }

    /** The chosen mode (System / Light / Dark). */
    public ObjectProperty<ThemeMode> modeProperty() {
        return mode;
    }

    /** Whether the OS is set to dark (as last known). */
    public BooleanProperty osDarkProperty() {
        return osDark;
    }

    /** Whether the dark theme is in use. */
    public ReadOnlyBooleanProperty darkProperty() {
        return dark;
    }

    /** Whether the dark theme is in use. */
    public boolean isDark() {
        return dark.get();
    }

    /** Gives {@code scene} the app's stylesheet and keeps its root's {@code dark} class in step. */
    public void attach(Scene scene) {
        if (!scene.getStylesheets().contains(Views.stylesheet())) {
            scene.getStylesheets().add(Views.stylesheet());
        }
        track(scene.getRoot());
        scene.rootProperty().addListener((o, a, root) -> track(root));
    }

    /** The same for a dialog's pane (alerts, About). */
    public void attach(DialogPane pane) {
        if (!pane.getStylesheets().contains(Views.stylesheet())) {
            pane.getStylesheets().add(Views.stylesheet());
        }
        track(pane);
    }

    private void track(Parent root) {
        if (root == null || root.getProperties().containsKey(LISTENER_KEY)) {
            return;
        }
        mark(root, dark.get());
        ChangeListener<Boolean> l = (o, a, d) -> mark(root, d);
        root.getProperties().put(LISTENER_KEY, l); // held by the node: the listener goes with it
        dark.addListener(new WeakChangeListener<>(l));
    }

    private static void mark(Parent root, boolean on) {
        root.getStyleClass().remove(DARK_CLASS);
        if (on) {
            root.getStyleClass().add(DARK_CLASS);
        }
    }
}
