package io.alexandria.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.alexandria.app.SettingsCheck.Field;
import io.alexandria.app.SettingsCheck.Level;
import io.alexandria.config.Settings;
import io.alexandria.testserver.QdrantTestServer;
import io.alexandria.testsupport.Ports;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The settings form's checks, with the sentences the Settings pane shows. */
class SettingsValidatorTest {
    private static QdrantTestServer server;
    private final SettingsValidator validator = new SettingsValidator(Duration.ofSeconds(5));
    @TempDir
    Path tmp;

    @BeforeAll
    static void startServer() {
        server = QdrantTestServer.start(0, "right-key");
    }

    @AfterAll
    static void stopServer() {
        server.stop();
    }

    private Settings settings(Path vault, Path calibre, String url) {
        Settings d = Settings.defaults();
        return new Settings(vault == null ? null : vault.toString(), calibre == null ? null : calibre.toString(), url,
                d.model(), d.device(), d.chunkTokens(), d.chunkOverlap(), List.of(), true, false, 10,
                d.formatPreference(), d.massDeleteShare(), null);
    }

    private Path vault() throws IOException {
        Path v = Files.createDirectories(tmp.resolve("vault"));
        Files.writeString(v.resolve("note.md"), "# Note\n");
        return v;
    }

    @Test
    void aVaultAndAReachableQdrantPass() throws IOException {
        SettingsCheck c = validator.check(settings(vault(), null, server.url()), "right-key");
        assertTrue(c.valid(), c.toString());
        assertEquals(Level.OK, c.message(Field.VAULT).level());
        assertEquals(Level.OK, c.message(Field.QDRANT).level());
        assertTrue(c.message(Field.QDRANT).message().startsWith("Connected to Qdrant"), c.toString());
    }

    @Test
    void aFolderThatIsNotAVaultIsRefusedWithAReason() throws IOException {
        Path pictures = Files.createDirectories(tmp.resolve("Pictures"));
        Files.writeString(pictures.resolve("photo.jpg"), "jpeg");
        SettingsCheck c = validator.check(settings(pictures, null, server.url()), "right-key");
        assertFalse(c.valid());
        assertEquals(Level.ERROR, c.message(Field.VAULT).level());
        assertTrue(c.message(Field.VAULT).message().contains("is not an Obsidian vault"), c.toString());
        SettingsCheck missing = validator.check(settings(tmp.resolve("nowhere"), null, server.url()), "right-key");
        assertTrue(missing.message(Field.VAULT).message().contains("does not exist"), missing.toString());
    }

    @Test
    void aFolderThatIsNotACalibreLibraryIsRefusedWithAReason() throws IOException {
        Path books = Files.createDirectories(tmp.resolve("Books"));
        SettingsCheck c = validator.check(settings(null, books, server.url()), "right-key");
        assertFalse(c.valid());
        assertEquals(Level.ERROR, c.message(Field.CALIBRE).level());
        assertFalse(c.message(Field.CALIBRE).message().isBlank());
    }

    @Test
    void anUnreachableQdrantIsAWarningThatStillAllowsSaving() throws IOException {
        SettingsCheck c = validator.check(settings(vault(), null, "http://127.0.0.1:" + Ports.closedPort()), null);
        assertTrue(c.valid(), "first run without Qdrant: the settings can still be saved");
        assertEquals(Level.WARNING, c.message(Field.QDRANT).level());
        assertTrue(c.message(Field.QDRANT).message().contains("unreachable"), c.toString());
    }

    @Test
    void aRefusedKeyAndAMalformedUrlAreErrors() throws IOException {
        SettingsCheck wrongKey = validator.check(settings(vault(), null, server.url()), "wrong-key");
        assertFalse(wrongKey.valid());
        assertTrue(wrongKey.message(Field.API_KEY).message().contains("API key"), wrongKey.toString());
        SettingsCheck malformed = validator.check(settings(vault(), null, "ftp://example.org"), null);
        assertEquals(Level.ERROR, malformed.message(Field.QDRANT).level());
        assertTrue(malformed.message(Field.QDRANT).message().contains("http:// or https://"), malformed.toString());
    }

    @Test
    void modelDeviceAndChunkSizesAreChecked() throws IOException {
        Settings d = settings(vault(), null, server.url());
        SettingsCheck c = validator.check(new Settings(d.vaultPath(), null, d.qdrantUrl(), "gpt-embed-9000", "tpu",
                4096, 32, List.of(), true, false, 10, d.formatPreference(), 0.2, null), "right-key");
        assertFalse(c.valid());
        assertTrue(c.message(Field.MODEL).message().startsWith("Unknown model 'gpt-embed-9000'"), c.toString());
        assertTrue(c.message(Field.DEVICE).message().startsWith("Unknown device 'tpu'"), c.toString());
        assertTrue(c.message(Field.CHUNKS).message().startsWith("Chunk size must be between"), c.toString());
        SettingsCheck overlap = validator.check(new Settings(d.vaultPath(), null, d.qdrantUrl(), d.model(), "cuda:1",
                256, 200, List.of("Templates/"), true, false, 10, d.formatPreference(), 0.2, null), "right-key");
        assertTrue(overlap.message(Field.CHUNKS).message().contains("overlap"), overlap.toString());
        assertNull(overlap.message(Field.DEVICE), "cuda:1 is a device");
        assertNull(overlap.message(Field.IGNORE));
    }
}
