package io.alexandria.ui.prefs;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import io.alexandria.ui.theme.ThemeMode;

/**
 * The window's own preferences ({@code ui-settings.json} in the data folder), apart from the
 * engine's settings: changing them restarts nothing.
 *
 * @param theme       System, Light or Dark
 * @param closeToTray closing the window keeps Alexandria watching in the tray (where there is one)
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record UiPrefs(ThemeMode theme, Boolean closeToTray) {
    public UiPrefs {
        theme = theme == null ? ThemeMode.SYSTEM : theme;
        closeToTray = closeToTray == null ? Boolean.TRUE : closeToTray;
    }

    /** Follow the system; close to the tray. */
    public static UiPrefs defaults() {
        return new UiPrefs(ThemeMode.SYSTEM, true);
    }

    /** A copy with another theme. */
    public UiPrefs withTheme(ThemeMode t) {
        return new UiPrefs(t, closeToTray);
    }

    /** A copy with close-to-tray on or off. */
    public UiPrefs withCloseToTray(boolean on) {
        return new UiPrefs(theme, on);
    }
}
