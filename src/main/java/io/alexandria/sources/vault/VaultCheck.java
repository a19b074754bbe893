package io.alexandria.sources.vault;

import java.nio.file.Path;

/**
 * Why a folder is or is not accepted as an Obsidian vault; see {@link VaultScanner#checkVault(Path)}.
 *
 * @param verdict the outcome
 * @param message a sentence for the settings pane, naming the folder
 */
public record VaultCheck(Verdict verdict, String message) {
    /** The outcome of a vault check. */
    public enum Verdict {
        /** The folder has a {@code .obsidian/} folder or at least one {@code .md} note. */
        VAULT,
        /** Nothing exists at the path. */
        NOT_FOUND,
        /** The path is a file, not a folder. */
        NOT_A_FOLDER,
        /** The folder exists but cannot be listed. */
        UNREADABLE,
        /** A readable folder with neither {@code .obsidian/} nor any {@code .md} note. */
        NO_NOTES
    }

    /** {@code true} when the folder looks like a vault. */
    public boolean isVault() {
        return verdict == Verdict.VAULT;
    }
}
