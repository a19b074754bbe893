package io.alexandria.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.alexandria.config.Settings;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The desktop app's command line: nothing, or {@code --smoke} with its options. */
class LaunchOptionsTest {
    @Test
    void noArgumentsIsThePlainApp() {
        LaunchOptions o = LaunchOptions.parse(List.of());
        assertFalse(o.smoke());
        assertNull(o.dataDir());
        Settings saved = Settings.defaults().withVaultPath("/notes");
        assertEquals(saved, o.applyTo(saved), "the saved settings are used as they are");
    }

    @Test
    void smokeTakesVaultQdrantDataDirAndTimeout() {
        LaunchOptions o = LaunchOptions.parse(List.of("--smoke", "--vault", "/v", "--qdrant=http://q:6334",
                "--data-dir", "/d", "--timeout", "90"));
        assertTrue(o.smoke());
        assertEquals(Path.of("/v"), o.vault());
        assertEquals("http://q:6334", o.qdrant());
        assertEquals(Path.of("/d"), o.dataDir());
        assertEquals(Duration.ofSeconds(90), o.timeout());
        Settings s = o.applyTo(Settings.defaults());
        assertEquals(Path.of("/v").toAbsolutePath().toString(), s.vaultPath());
        assertEquals("http://q:6334", s.qdrantUrl());
        assertFalse(s.watch(), "a smoke run does not watch");
        assertEquals(LaunchOptions.DEFAULT_TIMEOUT, LaunchOptions.parse(List.of("--smoke", "--vault", "/v")).timeout());
    }

    @Test
    void mistakesAreOneLineReasons() {
        assertTrue(assertThrows(IllegalArgumentException.class, () -> LaunchOptions.parse(List.of("--smoke")))
                .getMessage().contains("--vault"));
        assertTrue(assertThrows(IllegalArgumentException.class,
                () -> LaunchOptions.parse(List.of("--smoke", "--vault"))).getMessage().contains("missing value"));
        assertTrue(assertThrows(IllegalArgumentException.class,
                () -> LaunchOptions.parse(List.of("--frobnicate", "x"))).getMessage().contains("unknown option"));
        assertTrue(assertThrows(IllegalArgumentException.class,
                () -> LaunchOptions.parse(List.of("--smoke", "--vault", "/v", "--timeout", "soon"))).getMessage()
                .contains("seconds"));
    }
}
