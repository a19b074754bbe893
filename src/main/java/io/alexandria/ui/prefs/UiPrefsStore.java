package io.alexandria.ui.prefs;

import io.alexandria.common.Json;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads and writes {@link UiPrefs} as {@code <dataDir>/ui-settings.json} (JSON, written to a
 * temporary file and moved into place). File I/O: never on the JavaFX thread.
 */
public final class UiPrefsStore {
    /** The file's name in the data folder. */
    public static final String FILE = "ui-settings.json";
    private static final Logger LOG = LoggerFactory.getLogger(UiPrefsStore.class);
    private final Path file;

    /** A store in {@code dataDir}. */
    public UiPrefsStore(Path dataDir) {
        this.file = dataDir.resolve(FILE);
    }

    /** The preferences; the defaults when the file is missing or unreadable (logged). */
    public UiPrefs load() {
        try {
            return Json.MAPPER.readValue(Files.readString(file, StandardCharsets.UTF_8), UiPrefs.class);
        } catch (NoSuchFileException e) {
            return UiPrefs.defaults();
        } catch (IOException | RuntimeException e) {
            LOG.warn("cannot read {} ({}); using the defaults", file, e.getMessage());
            return UiPrefs.defaults();
        }
    }

    /**
     * Saves {@code prefs}.
     *
     * @throws IOException when the folder cannot be written
     */
    public void save(UiPrefs prefs) throws IOException {
        Files.createDirectories(file.getParent());
        Path tmp = Files.createTempFile(file.getParent(), ".ui-settings", ".tmp");
        try {
            Files.writeString(tmp, Json.writePretty(prefs), StandardCharsets.UTF_8);
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    /** The file. */
    public Path file() {
        return file;
    }
}
