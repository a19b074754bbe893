package io.alexandria.ui.prefs;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.alexandria.ui.theme.ThemeMode;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The window's preferences file: defaults, a round trip, unknown and broken content. */
class UiPrefsStoreTest {
    @TempDir
    Path data;

    @Test
    void roundTripAndDefaults() throws Exception {
        UiPrefsStore store = new UiPrefsStore(data);
        assertEquals(UiPrefs.defaults(), store.load());
        assertEquals(ThemeMode.SYSTEM, UiPrefs.defaults().theme());
        assertEquals(true, UiPrefs.defaults().closeToTray());
        store.save(new UiPrefs(ThemeMode.DARK, false));
        assertEquals(new UiPrefs(ThemeMode.DARK, false), new UiPrefsStore(data).load());
        Files.writeString(store.file(), "{\"theme\":\"LIGHT\",\"fromTheFuture\":1}");
        assertEquals(new UiPrefs(ThemeMode.LIGHT, true), store.load(), "unknown fields ignored, missing ones defaulted");
        Files.writeString(store.file(), "{not json");
        assertEquals(UiPrefs.defaults(), store.load());
    }
}
