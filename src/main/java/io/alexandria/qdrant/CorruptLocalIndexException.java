package io.alexandria.qdrant;

import java.io.IOException;
import java.nio.file.Path;

/**
 * The local index folder (or one collection in it) cannot be read: files are missing, truncated
 * or fail their checksums, e.g. after a disk fault or a hand-edited folder. A crash or
 * {@code kill -9} does not cause this (the index reopens at its last acknowledged write). The app
 * can catch it to offer "Rebuild local index": delete {@link #folder()} and sync again.
 */
public final class CorruptLocalIndexException extends IOException {
    private final transient Path folder;

    /**
     * @param folder the damaged folder (the index folder or one collection's folder in it)
     * @param detail what is wrong
     * @param cause  the underlying error, or null
     */
    public CorruptLocalIndexException(Path folder, String detail, Throwable cause) {
        super("Local Qdrant index " + folder + " is damaged and cannot be opened: " + detail, cause);
        this.folder = folder;
    }

    /** The damaged folder. */
    public Path folder() {
        return folder;
    }
}
