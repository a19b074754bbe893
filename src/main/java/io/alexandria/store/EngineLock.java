package io.alexandria.store;

import io.alexandria.config.OwnerOnly;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One sync engine per data directory: the window, a {@code watch} or a {@code sync} on the same
 * ledger would otherwise work the same documents twice. An OS file lock on
 * {@code <dataDir>/engine.lock}, released on {@link #close()} or when the process dies (so a crash
 * never leaves it stuck); the file is created {@code 600} in the owner-only data folder. Read-only commands ({@code health}, {@code search}, {@code events}) take
 * no lock.
 */
public final class EngineLock implements AutoCloseable {
    /**
     * Data directories this process holds: checked before the file, because closing a second
     * channel on a locked file may drop the process's OS lock on some systems (POSIX record locks).
     */
    private static final Set<Path> HELD = ConcurrentHashMap.newKeySet();
    /** The OS lock (its channel is closed with it). */
    private final FileLock lock;
    private final Path dir;

    private EngineLock(FileLock lock, Path dir) {
        this.lock = lock;
        this.dir = dir;
    }

    /**
     * Takes the lock. A lock held only for an instant (another process checking
     * {@link #isHeld}) is waited for: up to three tries, 100 ms apart.
     *
     * @throws StoreException when another engine (the app, a watch, a sync) holds it, or the file
     *                        cannot be created
     */
    public static EngineLock acquire(Path dataDir) {
        for (int attempt = 1; ; attempt++) {
            try {
                return tryAcquire(dataDir);
            } catch (StoreException e) {
                if (attempt >= 3 || e.getCause() != null) {
                    throw e;
                }
                try {
                    Thread.sleep(100);
                } catch (InterruptedException ie) {
                    Thread.currentThread().interrupt();
                    throw e;
                }
            }
        }
    }

    /**
     * Whether an engine (in this process or another) holds {@code dataDir}'s lock now. Checks by
     * taking the lock for an instant, so a crashed process never counts as running. False when
     * the folder has no lock file yet.
     */
    public static boolean isHeld(Path dataDir) {
        if (HELD.contains(key(dataDir))) {
            return true;
        }
        if (!Files.exists(dataDir.resolve("engine.lock"))) {
            return false;
        }
        try {
            tryAcquire(dataDir).close();
            return false;
        } catch (StoreException e) {
            return e.getCause() == null;
        }
    }

    private static Path key(Path dataDir) {
        return dataDir.toAbsolutePath().normalize();
    }

    private static StoreException held(Path dataDir) {
        return new StoreException("another Alexandria (the app, a watch or a sync) is already syncing with "
                + "the data directory " + dataDir + "; stop it first, or use it", null);
    }

    private static EngineLock tryAcquire(Path dataDir) {
        Path dir = key(dataDir);
        if (!HELD.add(dir)) {
            throw held(dataDir);
        }
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
                throw held(dataDir);
            }
            return new EngineLock(lock, dir);
        } catch (IOException e) {
            HELD.remove(dir);
            throw new StoreException("cannot lock " + dataDir.resolve("engine.lock") + ": " + e.getMessage(), e);
        } catch (RuntimeException e) {
            HELD.remove(dir);
            throw e;
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
            lock.channel().close();
        } catch (IOException ignored) {
            // the lock goes with the process anyway
        } finally {
            HELD.remove(dir);
        }
    }
}
