package io.alexandria.store;

import io.alexandria.config.OwnerOnly;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Set;

/**
 * One sync engine per data directory: the window, a {@code watch} or a {@code sync} on the same
 * ledger would otherwise work the same documents twice. An OS file lock on
 * {@code <dataDir>/engine.lock}, released on {@link #close()} or when the process dies (so a crash
 * never leaves it stuck); the file is created {@code 600} in the owner-only data folder. Read-only commands ({@code health}, {@code search}, {@code events}) take
 * no lock.
 */
public final class EngineLock implements AutoCloseable {
    private final FileChannel channel;
    private final FileLock lock;

    private EngineLock(FileChannel channel, FileLock lock) {
        this.channel = channel;
        this.lock = lock;
    }

    /**
     * Takes the lock.
     *
     * @throws StoreException when another engine (the app, a watch, a sync) holds it, or the file
     *                        cannot be created
     */
    public static EngineLock acquire(Path dataDir) {
        try {
            Database.ownerOnlyFolder(dataDir);
            Path file = dataDir.resolve("engine.lock");
            FileChannel channel = FileChannel.open(file, Set.of(StandardOpenOption.CREATE, StandardOpenOption.WRITE),
                    OwnerOnly.fileAttributes());
            tighten(file);
            FileLock lock;
            try {
                lock = channel.tryLock();
            } catch (OverlappingFileLockException e) {
                lock = null;
            }
            if (lock == null) {
                channel.close();
                throw new StoreException("another Alexandria (the app, a watch or a sync) is already syncing with "
                        + "the data directory " + dataDir + "; stop it first, or use it", null);
            }
            return new EngineLock(channel, lock);
        } catch (IOException e) {
            throw new StoreException("cannot lock " + dataDir.resolve("engine.lock") + ": " + e.getMessage(), e);
        }
    }

    /** Makes an existing install's lock file {@code 600}; another owner's file is left as it is. */
    private static void tighten(Path file) {
        try {
            OwnerOnly.file(file);
        } catch (IOException notOwner) {
            // the lock file holds nothing: its mode is tidiness, not protection
        }
    }

    @Override
    public void close() {
        try {
            lock.release();
            channel.close();
        } catch (IOException ignored) {
            // the lock goes with the process anyway
        }
    }
}
