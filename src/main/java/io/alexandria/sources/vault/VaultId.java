package io.alexandria.sources.vault;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.UUID;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A vault's identity, the same on every host that syncs the vault ({@code docs/architecture.md},
 * "Ownership"): a random UUID kept in the file {@value #FILE_NAME} in the vault's root, created
 * once by the first host that syncs the vault and carried to the others by whatever syncs the
 * vault's files (Syncthing, a shared folder). Obsidian does not show or index dotfiles.
 *
 * <p>Obsidian Sync does not carry dotfiles outside {@code .obsidian}: with it, each host creates
 * its own id, and each treats the points the other wrote as another host's data — never deleted,
 * only reported. A vault whose root cannot be written (read-only) gets an id derived from its
 * folder name ({@code name:} + a name-based UUID), as hosts that cannot share a file at least
 * agree on that.
 */
public final class VaultId {
    /** The file in the vault's root that holds the id (one line). */
    public static final String FILE_NAME = ".alexandria-vault-id";
    private static final Logger LOG = LoggerFactory.getLogger(VaultId.class);
    private static final Pattern VALID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._:-]{7,99}");

    private VaultId() {
    }

    /**
     * The vault's id: read from {@value #FILE_NAME}, or created there (written to a temporary file
     * and moved into place, so a half-written id is never read; when another process created it
     * first, that one wins).
     *
     * @param root the vault folder (must exist)
     * @return the id: a UUID, the file's first line when it holds another valid id, or a name-based
     *         fallback when the file can be neither read nor created
     */
    public static String of(Path root) {
        Path file = root.resolve(FILE_NAME);
        String read = read(file);
        if (read != null) {
            return read;
        }
        if (Files.isRegularFile(file)) {
            return fallback(root); // present but not an id (edited by hand): left as it is
        }
        String fresh = UUID.randomUUID().toString();
        Path tmp = null;
        try {
            tmp = Files.createTempFile(root, ".alexandria-vault-id", ".tmp");
            Files.writeString(tmp, fresh + "\n", StandardCharsets.UTF_8);
            try {
                Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, file);
            }
            tmp = null;
            // on POSIX an atomic move replaces a file created meanwhile: read back what is there
            String now = read(file);
            return now != null ? now : fresh;
        } catch (FileAlreadyExistsException e) {
            String now = read(file);
            return now != null ? now : fallback(root);
        } catch (IOException | RuntimeException e) {
            LOG.warn("cannot create {} in the vault {} ({}); using an id derived from the vault's name", FILE_NAME,
                    root, e.toString());
            return fallback(root);
        } finally {
            if (tmp != null) {
                try {
                    Files.deleteIfExists(tmp);
                } catch (IOException ignored) {
                    // a stray temporary file in the vault root is harmless (hidden, not a note)
                }
            }
        }
    }

    /** The id derived from the vault's folder name, for vaults where the file cannot be kept. */
    static String fallback(Path root) {
        Path name = root.getFileName();
        String n = name == null ? root.toString() : name.toString();
        return "name:" + UUID.nameUUIDFromBytes(("alexandria-vault|" + n).getBytes(StandardCharsets.UTF_8));
    }

    private static String read(Path file) {
        try {
            if (!Files.isRegularFile(file)) {
                return null;
            }
            List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
            for (String line : lines) {
                String t = line.strip();
                if (!t.isEmpty()) {
                    return VALID.matcher(t).matches() ? t : null;
                }
            }
            return null;
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }
}
