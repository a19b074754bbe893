package io.alexandria.ui.theme;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Reading each OS's dark-mode setting from what its command prints, and the theme modes. */
class OsColorSchemeTest {
    @Test
    void gnomeColorScheme() {
        assertEquals(Optional.of(true), OsColorScheme.parseGnomeColorScheme("'prefer-dark'\n"));
        assertEquals(Optional.of(false), OsColorScheme.parseGnomeColorScheme("'default'\n"));
        assertEquals(Optional.of(false), OsColorScheme.parseGnomeColorScheme("'prefer-light'"));
        assertEquals(Optional.empty(), OsColorScheme.parseGnomeColorScheme("No such key “color-scheme”"));
    }

    @Test
    void olderGtkThemeNames() {
        assertEquals(Optional.of(true), OsColorScheme.parseGtkThemeName("'Adwaita-dark'"));
        assertEquals(Optional.of(true), OsColorScheme.parseGtkThemeName("'Yaru-dark-blue'"));
        assertEquals(Optional.of(false), OsColorScheme.parseGtkThemeName("'Adwaita'"));
        assertEquals(Optional.empty(), OsColorScheme.parseGtkThemeName("''"));
    }

    @Test
    void macInterfaceStyle() {
        assertEquals(Optional.of(true), OsColorScheme.parseMacInterfaceStyle(0, "Dark\n"));
        assertEquals(Optional.of(false), OsColorScheme.parseMacInterfaceStyle(1,
                "The domain/default pair of (kCFPreferencesAnyApplication, AppleInterfaceStyle) does not exist"));
    }

    @Test
    void windowsRegistry() {
        String dark = "\r\nHKEY_CURRENT_USER\\Software\\Microsoft\\Windows\\CurrentVersion\\Themes\\Personalize\r\n"
                + "    AppsUseLightTheme    REG_DWORD    0x0\r\n\r\n";
        assertEquals(Optional.of(true), OsColorScheme.parseWindowsAppsUseLightTheme(dark));
        assertEquals(Optional.of(false), OsColorScheme.parseWindowsAppsUseLightTheme(dark.replace("0x0", "0x1")));
        assertEquals(Optional.empty(), OsColorScheme.parseWindowsAppsUseLightTheme(
                "ERROR: The system was unable to find the specified registry key or value."));
    }

    @Test
    void modes() {
        assertTrue(ThemeMode.SYSTEM.dark(true));
        assertFalse(ThemeMode.SYSTEM.dark(false));
        assertTrue(ThemeMode.DARK.dark(false));
        assertFalse(ThemeMode.LIGHT.dark(true));
    }
}
