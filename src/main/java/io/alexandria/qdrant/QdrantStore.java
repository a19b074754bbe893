package io.alexandria.qdrant;

import io.qdrant.client.grpc.Collections.AliasOperations;
import io.qdrant.client.grpc.Collections.CreateCollection;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.Function;

/**
 * The whole in-memory database: collections and aliases, independent of gRPC so that
 * {@link LocalQdrant#restart()} can serve the same data again. Thread-safe: one read-write lock
 * guards everything, so every request sees a consistent state and alias switches are atomic.
 *
 * <p>Name resolution follows Qdrant's {@code TableOfContent::resolve_name}: an alias resolves to its
 * collection, otherwise the name must be a collection, else NOT_FOUND "Collection `NAME` doesn't
 * exist!".
 */
public final class QdrantStore {
    private final ReentrantReadWriteLock lock = new ReentrantReadWriteLock();
    private final Map<String, StoredCollection> collections = new TreeMap<>();
    private final Map<String, String> aliases = new TreeMap<>();
    private final ServerStats stats;

    private volatile boolean closed;

    private QdrantStore(ServerStats stats) {
        this.stats = stats;
    }

    /** An empty in-memory store reporting to {@code stats}. */
    public static QdrantStore inMemory(ServerStats stats) {
        return new QdrantStore(stats);
    }

    /**
     * Opens the index folder {@code dir}.
     *
     * @throws IOException always, until persistent storage is wired in
     */
    static QdrantStore open(Path dir, ServerStats stats) throws IOException {
        throw new IOException("persistent storage is not available yet: " + dir);
    }

    /** The index folder, or null in memory. */
    public Path dataDir() {
        return null;
    }

    /** Whether {@link #close()} was called. */
    public boolean isClosed() {
        return closed;
    }

    /** Releases the storage. Idempotent. */
    public void close() {
        closed = true;
    }

    /** The counters this store reports to. */
    public ServerStats stats() {
        return stats;
    }

    /** Runs {@code fn} under the read lock on the collection named (or aliased) {@code name}. */
    public <T> T read(String name, Function<StoredCollection, T> fn) {
        lock.readLock().lock();
        try {
            return fn.apply(resolve(name));
        } finally {
            lock.readLock().unlock();
        }
    }

    /** Runs {@code fn} under the write lock on the collection named (or aliased) {@code name}. */
    public <T> T write(String name, Function<StoredCollection, T> fn) {
        lock.writeLock().lock();
        try {
            return fn.apply(resolve(name));
        } finally {
            lock.writeLock().unlock();
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
        StoredCollection created = StoredCollection.create(request, stats);
        lock.writeLock().lock();
        try {
            if (collections.containsKey(name)) {
                throw QdrantErrors.collectionAlreadyExists(name);
            }
            if (aliases.containsKey(name)) {
                throw QdrantErrors.badInput("Can't create collection with name " + name
                        + ". Alias with the same name already exists");
            }
            collections.put(name, created);
            return true;
        } finally {
            lock.writeLock().unlock();
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
            aliases.values().removeIf(name::equals);
            return collections.remove(name) != null;
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
            aliases.clear();
            aliases.putAll(next);
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
