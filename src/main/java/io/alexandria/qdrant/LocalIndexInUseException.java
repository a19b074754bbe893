package io.alexandria.qdrant;

import java.io.IOException;
import java.nio.file.Path;

/**
 * The local index folder is already open in another process (or by another server in this JVM).
 * The message names the folder, e.g. {@code "Local Qdrant index /home/me/.alexandria/qdrant is in
 * use by another process"}.
 */
public final class LocalIndexInUseException extends IOException {
    private final transient Path folder;

    /**
     * @param folder the index folder
     * @param cause  the lock failure, or null
     */
    public LocalIndexInUseException(Path folder, Throwable cause) {
        super("Local Qdrant index " + folder + " is in use by another process", cause);
        this.folder = folder;
    }

    /** The index folder. */
    public Path folder() {
        return folder;
    }
}
