package io.alexandria.qdrant;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.qdrant.client.grpc.Collections.AliasOperations;
import io.qdrant.client.grpc.Collections.CreateCollection;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.Function;
import org.apache.lucene.util.IOUtils;

/**
 * The whole database: collections and aliases, independent of gRPC so that
 * {@link LocalQdrant#restart()} can serve the same data again. Thread-safe: a read-write lock
 * guards the catalog (collections and aliases), so alias switches are atomic; each collection has
 * its own lock for its points ({@link StoredCollection#read}/{@link StoredCollection#write}).
 *
 * <p>On disk ({@link #open}) the folder holds {@code .lock} (held with an OS file lock while open),
 * {@code aliases.json} (alias to collection, replaced atomically) and {@code collections/C/}, one
 * Lucene index with its write-ahead log per collection, where {@code C} is the first 32 hex digits
 * of the SHA-256 of the collection name (names may hold characters that file systems do not). A
 * collection is created in a {@code tmp-*} folder and renamed into place, and deleted by renaming
 * it to {@code trash-*} first, so a crash never leaves half a collection; leftovers are removed on
 * open.
 *
 * <p>Name resolution follows Qdrant's {@code TableOfContent::resolve_name}: an alias resolves to its
 * collection, otherwise the name must be a collection, else NOT_FOUND "Collection `NAME` doesn't
 * exist!".
 */
public final class QdrantStore {
    private static final String ALIASES = "aliases.json";
    private static final String COLLECTIONS = "collections";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final ReentrantReadWriteLock lock = new ReentrantReadWriteLock();
    private final Map<String, StoredCollection> collections = new TreeMap<>();
    private final Map<String, String> aliases = new TreeMap<>();
    private final ServerStats stats;
    private final Path dir;
    private final StorageFaults faults;
    private final FileChannel lockChannel;
    private final FileLock fileLock;
    private volatile boolean closed;

    private QdrantStore(ServerStats stats, Path dir, StorageFaults faults, FileChannel lockChannel, FileLock fileLock) {
        this.stats = stats;
        this.dir = dir;
        this.faults = faults;
        this.lockChannel = lockChannel;
        this.fileLock = fileLock;
    }

    /** An empty in-memory store reporting to {@code stats}. */
    public static QdrantStore inMemory(ServerStats stats) {
        return new QdrantStore(stats, null, StorageFaults.NONE, null, null);
    }

    /**
     * Opens (or creates) the index folder {@code dir}, locking it for this process.
     *
     * @throws LocalIndexInUseException   when another process (or another store in this JVM) holds it
     * @throws CorruptLocalIndexException when a collection or the alias file cannot be read
     * @throws IOException                when the folder cannot be read or created
     */
    public static QdrantStore open(Path dir, ServerStats stats) throws IOException {
        return open(dir, stats, StorageFaults.NONE);
    }

    static QdrantStore open(Path dir, ServerStats stats, StorageFaults faults) throws IOException {
        Path folder = dir.toAbsolutePath();
        Files.createDirectories(folder.resolve(COLLECTIONS));
        FileChannel channel = FileChannel.open(folder.resolve(".lock"), StandardOpenOption.CREATE,
                StandardOpenOption.WRITE);
        FileLock lock;
        try {
            lock = channel.tryLock();
        } catch (OverlappingFileLockException e) {
            channel.close();
            throw new LocalIndexInUseException(folder, e);
        } catch (IOException e) {
            channel.close();
            throw e;
        }
        if (lock == null) {
            channel.close();
            throw new LocalIndexInUseException(folder, null);
        }
        QdrantStore store = new QdrantStore(stats, folder, faults, channel, lock);
        try {
            store.load();
            return store;
        } catch (IOException | RuntimeException e) {
            try {
                store.close();
            } catch (RuntimeException suppressed) {
                e.addSuppressed(suppressed);
            }
            throw e;
        }
    }

    private void load() throws IOException {
        List<Path> children;
        try (var list = Files.list(dir.resolve(COLLECTIONS))) {
            children = list.sorted().toList();
        }
        for (Path child : children) {
            String file = child.getFileName().toString();
            if (file.startsWith("tmp-") || file.startsWith("trash-")) {
                deleteTree(child);
                continue;
            }
            StoredCollection c = StoredCollection.open(child, stats, faults);
            collections.put(c.name(), c);
        }
        Path aliasFile = dir.resolve(ALIASES);
        if (Files.exists(aliasFile)) {
            try {
                Map<String, String> read = JSON.readValue(aliasFile.toFile(), new TypeReference<Map<String, String>>() {
                });
                read.forEach((alias, target) -> {
                    if (collections.containsKey(target)) {
                        aliases.put(alias, target);
                    }
                });
            } catch (IOException e) {
                throw new CorruptLocalIndexException(aliasFile, "unreadable alias file: " + e.getMessage(), e);
            }
        }
    }

    /** The index folder, or null in memory. */
    public Path dataDir() {
        return dir;
    }

    /** Whether {@link #close()} was called. */
    public boolean isClosed() {
        return closed;
    }

    /**
     * Checkpoints and closes every collection and releases the folder lock. Idempotent.
     *
     * @throws UncheckedIOException when a collection cannot be checkpointed (its write-ahead log
     *                              still holds everything acknowledged)
     */
    public void close() {
        lock.writeLock().lock();
        try {
            if (closed) {
                return;
            }
            closed = true;
            IOException failure = null;
            for (StoredCollection c : collections.values()) {
                try {
                    c.close();
                } catch (IOException e) {
                    failure = failure == null ? e : failure;
                }
            }
            try {
                if (fileLock != null) {
                    fileLock.release();
                }
                if (lockChannel != null) {
                    lockChannel.close();
                }
            } catch (IOException e) {
                failure = failure == null ? e : failure;
            }
            if (failure != null) {
                throw new UncheckedIOException("closing the local Qdrant index " + dir + " failed", failure);
            }
        } finally {
            lock.writeLock().unlock();
        }
    }

    private void checkOpen() {
        if (closed) {
            throw io.grpc.Status.UNAVAILABLE.withDescription("The local Qdrant index is closed").asRuntimeException();
        }
    }

    static String folderName(String collection) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(collection.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(hash, 0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        Files.walkFileTree(root, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                Files.delete(file);
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult postVisitDirectory(Path d, IOException e) throws IOException {
                if (e != null) {
                    throw e;
                }
                Files.delete(d);
                return FileVisitResult.CONTINUE;
            }
        });
    }

    private void saveAliases() {
        if (dir == null) {
            return;
        }
        try {
            Path tmp = dir.resolve(ALIASES + ".tmp");
            faults.beforeWrite(ALIASES);
            try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                    StandardOpenOption.TRUNCATE_EXISTING)) {
                ch.write(java.nio.ByteBuffer.wrap(JSON.writeValueAsBytes(aliases)));
                ch.force(true);
            }
            Files.move(tmp, dir.resolve(ALIASES), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            IOUtils.fsync(dir, true);
        } catch (IOException e) {
            throw new UncheckedIOException("saving aliases of " + dir + " failed: " + e.getMessage(), e);
        }
    }

    /** The counters this store reports to. */
    public ServerStats stats() {
        return stats;
    }

    /** Runs {@code fn} sharing the collection named (or aliased) {@code name} with other readers. */
    public <T> T read(String name, Function<StoredCollection, T> fn) {
        lock.readLock().lock();
        try {
            checkOpen();
            return resolve(name).read(fn);
        } finally {
            lock.readLock().unlock();
        }
    }

    /** Runs {@code fn} alone on the collection named (or aliased) {@code name}. */
    public <T> T write(String name, Function<StoredCollection, T> fn) {
        lock.readLock().lock();
        try {
            checkOpen();
            return resolve(name).write(fn);
        } finally {
            lock.readLock().unlock();
        }
    }

    private StoredCollection resolve(String name) {
        String target = aliases.getOrDefault(name, name);
        StoredCollection c = collections.get(target);
        if (c == null) {
            throw QdrantErrors.collectionNotFound(target);
        }
        return c;
    }

    /**
     * Creates a collection. ALREADY_EXISTS when the name is taken by a collection,
     * INVALID_ARGUMENT when it is an alias or not a valid name (Qdrant: 1 to 255 characters, none of
     * {@code <>:"/\|?*} or NUL).
     */
    public boolean create(CreateCollection request) {
        String name = request.getCollectionName();
        validateName(name);
        StoredCollection created = StoredCollection.validate(StrictMode.apply(request), stats);
        lock.writeLock().lock();
        try {
            checkOpen();
            if (collections.containsKey(name)) {
                throw QdrantErrors.collectionAlreadyExists(name);
            }
            if (aliases.containsKey(name)) {
                throw QdrantErrors.badInput("Can't create collection with name " + name
                        + ". Alias with the same name already exists");
            }
            collections.put(name, withStorage(created));
            return true;
        } finally {
            lock.writeLock().unlock();
        }
    }

    private StoredCollection withStorage(StoredCollection c) {
        try {
            if (dir == null) {
                return c.createStorage(null, faults);
            }
            Path tmp = dir.resolve(COLLECTIONS).resolve("tmp-" + UUID.randomUUID());
            Files.createDirectories(tmp);
            try {
                c.createStorage(tmp, faults).close();
            } catch (IOException | RuntimeException e) {
                deleteTree(tmp);
                throw e;
            }
            Path target = dir.resolve(COLLECTIONS).resolve(folderName(c.name()));
            Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE);
            IOUtils.fsync(dir.resolve(COLLECTIONS), true);
            return StoredCollection.open(target, stats, faults);
        } catch (IOException e) {
            throw new UncheckedIOException("creating collection " + c.name() + " failed: " + e.getMessage(), e);
        }
    }

    private static void validateName(String name) {
        if (name.isEmpty() || name.length() > 255) {
            throw QdrantErrors.invalidArgument(
                    "Validation error in body: [collection_name: length must be between 1 and 255]");
        }
        for (char c : name.toCharArray()) {
            if ("<>:\"/\\|?*\0".indexOf(c) >= 0) {
                throw QdrantErrors.invalidArgument("Validation error in body: [collection_name: Collection name"
                        + " cannot contain \"" + c + "\" char]");
            }
        }
    }

    /**
     * Deletes a collection by its real name (Qdrant does not resolve aliases here) and its aliases.
     *
     * @return false when there was no such collection (Qdrant answers {@code result=false}, no error)
     */
    public boolean delete(String name) {
        lock.writeLock().lock();
        try {
            checkOpen();
            StoredCollection c = collections.remove(name);
            if (c == null) {
                return false;
            }
            c.discard();
            if (dir != null) {
                try {
                    Path trash = dir.resolve(COLLECTIONS).resolve("trash-" + UUID.randomUUID());
                    Files.move(c.folder(), trash, StandardCopyOption.ATOMIC_MOVE);
                    IOUtils.fsync(dir.resolve(COLLECTIONS), true);
                    deleteTree(trash);
                } catch (IOException e) {
                    throw new UncheckedIOException("deleting collection " + name + " failed: " + e.getMessage(), e);
                }
            }
            if (aliases.values().removeIf(name::equals)) {
                saveAliases();
            }
            return true;
        } finally {
            lock.writeLock().unlock();
        }
    }

    /** Collection names, sorted (Qdrant's order is unspecified). */
    public List<String> names() {
        lock.readLock().lock();
        try {
            return new ArrayList<>(collections.keySet());
        } finally {
            lock.readLock().unlock();
        }
    }

    /** Whether a collection or an alias of one has this name. */
    public boolean exists(String name) {
        lock.readLock().lock();
        try {
            return collections.containsKey(aliases.getOrDefault(name, name));
        } finally {
            lock.readLock().unlock();
        }
    }

    /**
     * Applies alias actions all-or-nothing, under the write lock, so no request sees a
     * half-switched state. Per action, as Qdrant's {@code update_aliases}: create needs an existing
     * collection (not an alias; NOT_FOUND), may not use a collection's name (ALREADY_EXISTS) and
     * silently repoints an existing alias; delete of an unknown alias is a no-op; rename of an
     * unknown alias is NOT_FOUND "Alias OLD does not exists!". Where Qdrant 1.18 keeps the actions
     * before a failing one, this server applies none (as Qdrant's newer consensus planner does).
     */
    public void updateAliases(List<AliasOperations> actions) {
        lock.writeLock().lock();
        try {
            checkOpen();
            Map<String, String> next = new TreeMap<>(aliases);
            for (AliasOperations a : actions) {
                switch (a.getActionCase()) {
                    case CREATE_ALIAS -> {
                        String collection = a.getCreateAlias().getCollectionName();
                        String alias = a.getCreateAlias().getAliasName();
                        if (!collections.containsKey(collection)) {
                            throw QdrantErrors.collectionNotFound(collection);
                        }
                        if (collections.containsKey(alias)) {
                            throw QdrantErrors.collectionAlreadyExists(alias);
                        }
                        next.put(alias, collection);
                    }
                    case DELETE_ALIAS -> next.remove(a.getDeleteAlias().getAliasName());
                    case RENAME_ALIAS -> {
                        String old = a.getRenameAlias().getOldAliasName();
                        String target = next.remove(old);
                        if (target == null) {
                            throw QdrantErrors.notFound("Alias " + old + " does not exists!");
                        }
                        next.put(a.getRenameAlias().getNewAliasName(), target);
                    }
                    default -> throw QdrantErrors.invalidArgument("Alias operation is empty");
                }
            }
            Map<String, String> before = new TreeMap<>(aliases);
            aliases.clear();
            aliases.putAll(next);
            try {
                saveAliases();
            } catch (RuntimeException e) {
                aliases.clear();
                aliases.putAll(before);
                throw e;
            }
        } finally {
            lock.writeLock().unlock();
        }
    }

    /** All aliases: alias name to collection name, sorted by alias. */
    public Map<String, String> aliases() {
        lock.readLock().lock();
        try {
            return new TreeMap<>(aliases);
        } finally {
            lock.readLock().unlock();
        }
    }

    /**
     * Aliases pointing at exactly this collection name, sorted. As Qdrant, the name is not resolved
     * and an unknown collection simply has none.
     */
    public List<String> aliasesOf(String collection) {
        lock.readLock().lock();
        try {
            return aliases.entrySet().stream().filter(e -> e.getValue().equals(collection))
                    .map(Map.Entry::getKey).toList();
        } finally {
            lock.readLock().unlock();
        }
    }
}
