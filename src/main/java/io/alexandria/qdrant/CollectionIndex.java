package io.alexandria.qdrant;

import java.io.Closeable;
import java.io.EOFException;
import java.io.IOException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.apache.lucene.codecs.KnnVectorsFormat;
import org.apache.lucene.codecs.lucene103.Lucene103Codec;
import org.apache.lucene.index.CorruptIndexException;
import org.apache.lucene.index.IndexFormatTooNewException;
import org.apache.lucene.index.IndexFormatTooOldException;
import org.apache.lucene.index.IndexNotFoundException;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.SegmentInfos;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.SearcherManager;
import org.apache.lucene.store.ByteBuffersDirectory;
import org.apache.lucene.store.Directory;
import org.apache.lucene.store.FSDirectory;
import org.apache.lucene.store.FilterDirectory;
import org.apache.lucene.store.IOContext;
import org.apache.lucene.store.IndexOutput;
import org.apache.lucene.store.LockObtainFailedException;

/**
 * One collection's Lucene index and write-ahead log: the storage mechanics under
 * {@link StoredCollection}.
 *
 * <p>Durability: each write is first appended to the {@link WriteAheadLog} and fsynced, then
 * applied to the Lucene {@link IndexWriter}; only then is it acknowledged. A Lucene commit (the
 * checkpoint, fsynced, with the collection's metadata and the number of the last logged write in
 * its user data) happens when the log passes {@value #CHECKPOINT_BYTES} bytes, on schema changes and
 * on close, and empties the log. Opening replays the logged writes newer than the commit. Lucene
 * commits are atomic and the log cuts off a torn tail, so a crash at any moment reopens at the last
 * acknowledged write without a repair step (the replayed writes stay in the log until the next
 * checkpoint). Readers see writes through Lucene's near-real-time
 * searcher, refreshed lazily on the first read after a write.
 *
 * <p>On a write failure (e.g. a full disk) the writer is rolled back to the last commit and the
 * log replayed, so acknowledged writes stay and the next write can succeed once space returns.
 * In memory ({@code folder == null}) there is no log and no commit. Callers serialise writes.
 */
final class CollectionIndex implements Closeable {
    /**
     * Log size that triggers a Lucene commit (bytes). It bounds what opening after a crash
     * replays (about 5,000 chunk-sized points); 8 MiB cost 4 to 13 % of upsert throughput and
     * 32 MiB doubles the worst-case replay (see the package README).
     */
    static final long CHECKPOINT_BYTES = 16L * 1024 * 1024;
    /** User-data key of the last logged write a commit contains. */
    static final String SEQ = "seq";
    static final String WAL_FILE = "wal.log";

    /** Applies logged writes again, in log order, after a restart or a rollback. */
    interface Replayer {
        void replay(List<byte[]> records, IndexWriter writer) throws IOException;
    }

    private final Path folder;
    private final Directory directory;
    private final StorageFaults faults;
    private final Supplier<Map<String, String>> metadata;
    private Replayer replayer;
    private IndexWriter writer;
    private SearcherManager searchers;
    private WriteAheadLog wal;
    /** Writes applied to the writer, and the count the current searcher sees. */
    private volatile long applied;
    private volatile long visible;
    private long seq;

    private CollectionIndex(Path folder, Directory directory, StorageFaults faults,
                            Supplier<Map<String, String>> metadata) {
        this.folder = folder;
        this.directory = directory;
        this.faults = faults;
        this.metadata = metadata;
    }

    /**
     * Creates a new, empty index (in {@code folder}, or in memory when null) and commits the
     * metadata.
     */
    static CollectionIndex create(Path folder, StorageFaults faults, Supplier<Map<String, String>> metadata)
            throws IOException {
        Directory dir = folder == null ? new ByteBuffersDirectory() : directory(folder, faults);
        CollectionIndex index = new CollectionIndex(folder, dir, faults, metadata);
        try {
            index.writer = new IndexWriter(dir, config(folder == null).setOpenMode(IndexWriterConfig.OpenMode.CREATE));
            index.searchers = new SearcherManager(index.writer, null);
            if (folder != null) {
                index.wal = WriteAheadLog.open(folder.resolve(WAL_FILE), new ArrayList<>());
                index.commit();
            }
            return index;
        } catch (IOException | RuntimeException e) {
            index.closeQuietly();
            throw e;
        }
    }

    /**
     * The committed user data of the index in {@code folder}.
     *
     * @throws CorruptLocalIndexException when there is no readable commit
     */
    static Map<String, String> readMetadata(Path folder) throws IOException {
        try (Directory dir = FSDirectory.open(folder)) {
            return SegmentInfos.readLatestCommit(dir).getUserData();
        } catch (IndexNotFoundException e) {
            throw new CorruptLocalIndexException(folder, "no Lucene commit in the folder", e);
        } catch (CorruptIndexException | IndexFormatTooOldException | IndexFormatTooNewException
                 | NoSuchFileException | EOFException e) {
            throw new CorruptLocalIndexException(folder, e.getMessage(), e);
        }
    }

    /**
     * Opens an existing index; {@link #replay(Replayer)} must follow before use.
     *
     * @throws CorruptLocalIndexException when the index files are damaged
     */
    static CollectionIndex open(Path folder, StorageFaults faults, Supplier<Map<String, String>> metadata)
            throws IOException {
        Directory dir = directory(folder, faults);
        CollectionIndex index = new CollectionIndex(folder, dir, faults, metadata);
        try {
            index.openWriter();
            return index;
        } catch (CorruptIndexException | IndexFormatTooOldException | IndexFormatTooNewException
                 | NoSuchFileException | EOFException | IndexNotFoundException e) {
            index.closeQuietly();
            throw new CorruptLocalIndexException(folder, e.getMessage(), e);
        } catch (LockObtainFailedException e) {
            index.closeQuietly();
            throw new LocalIndexInUseException(folder, e);
        } catch (IOException | RuntimeException e) {
            index.closeQuietly();
            throw e;
        }
    }

    private void openWriter() throws IOException {
        writer = new IndexWriter(directory, config(false).setOpenMode(IndexWriterConfig.OpenMode.APPEND));
        seq = Long.parseLong(writer.getLiveCommitData() == null ? "0"
                : liveData().getOrDefault(SEQ, "0"));
        searchers = new SearcherManager(writer, null);
    }

    private Map<String, String> liveData() {
        Map<String, String> out = new HashMap<>();
        writer.getLiveCommitData().forEach(e -> out.put(e.getKey(), e.getValue()));
        return out;
    }

    /**
     * Replays the log's writes newer than the last commit with {@code r} (which also serves later
     * recoveries). No checkpoint follows: the log keeps the replayed writes until the next one, so
     * opening after a crash costs only the replay.
     *
     * @return the number of writes replayed
     */
    int replay(Replayer r) throws IOException {
        this.replayer = r;
        if (folder == null) {
            return 0;
        }
        return replayLog();
    }

    private int replayLog() throws IOException {
        int replayed = 0;
        List<byte[]> records = new ArrayList<>();
        if (wal != null) {
            wal.close();
        }
        wal = WriteAheadLog.open(folder.resolve(WAL_FILE), records);
        List<byte[]> bodies = new ArrayList<>();
        long last = seq;
        for (byte[] frame : records) {
            java.nio.ByteBuffer b = java.nio.ByteBuffer.wrap(frame);
            long frameSeq = b.getLong();
            if (frameSeq <= last) {
                continue;
            }
            byte[] body = new byte[frame.length - 8];
            b.get(body);
            bodies.add(body);
            last = frameSeq;
            replayed++;
        }
        if (!bodies.isEmpty()) {
            replayer.replay(bodies, writer);
            seq = last;
            applied++;
        }
        return replayed;
    }

    private static Directory directory(Path folder, StorageFaults faults) throws IOException {
        Directory fs = FSDirectory.open(folder);
        if (faults == StorageFaults.NONE) {
            return fs;
        }
        return new FilterDirectory(fs) {
            @Override
            public IndexOutput createOutput(String name, IOContext context) throws IOException {
                faults.beforeWrite(name);
                return super.createOutput(name, context);
            }

            @Override
            public IndexOutput createTempOutput(String prefix, String suffix, IOContext context) throws IOException {
                faults.beforeWrite(prefix);
                return super.createTempOutput(prefix, suffix, context);
            }
        };
    }

    private static IndexWriterConfig config(boolean inMemory) {
        KnnVectorsFormat vectors = new ExactVectorsFormat();
        IndexWriterConfig c = new IndexWriterConfig();
        c.setCodec(new Lucene103Codec() {
            @Override
            public KnnVectorsFormat getKnnVectorsFormatForField(String field) {
                return vectors;
            }
        });
        c.setCommitOnClose(false);
        c.setRAMBufferSizeMB(inMemory ? 16 : 32);
        return c;
    }

    /**
     * Logs {@code record}, then applies {@code change} to the writer. When anything fails the
     * index is rolled back to its last durable state and the exception rethrown.
     */
    void write(byte[] record, IOConsumer change) throws IOException {
        ensureWriter();
        try {
            if (wal != null) {
                java.nio.ByteBuffer frame = java.nio.ByteBuffer.allocate(8 + record.length);
                frame.putLong(seq + 1).put(record);
                faults.beforeWrite(WAL_FILE);
                wal.append(frame.array());
                seq++;
            }
            change.accept(writer);
            applied++;
            if (wal != null && wal.size() > CHECKPOINT_BYTES) {
                commit();
            }
        } catch (IOException | RuntimeException e) {
            recover(e);
            throw e;
        }
    }

    /** A change to the writer. */
    interface IOConsumer {
        void accept(IndexWriter writer) throws IOException;
    }

    /**
     * Applies a change and checkpoints at once (schema changes: payload indexes), without logging.
     */
    void writeAndCommit(IOConsumer change) throws IOException {
        ensureWriter();
        try {
            change.accept(writer);
            applied++;
            commit();
        } catch (IOException | RuntimeException e) {
            recover(e);
            throw e;
        }
    }

    /** Reopens the writer when an earlier failure left it closed (e.g. the disk was still full). */
    private void ensureWriter() throws IOException {
        if (folder == null || writer.isOpen()) {
            return;
        }
        IOException failure = new IOException("reopening after a write failure");
        recover(failure);
        if (!writer.isOpen()) {
            Throwable why = failure.getSuppressed().length > 0 ? failure.getSuppressed()[0] : failure;
            throw new IOException("the index of " + folder + " could not be reopened after a write failure: " + why,
                    why);
        }
    }

    private void recover(Exception cause) {
        if (folder == null) {
            return;
        }
        try {
            if (searchers != null) {
                searchers.close();
            }
            if (writer.isOpen()) {
                writer.rollback();
            }
            openWriter();
            replayLog();
            applied++;
        } catch (IOException | RuntimeException e) {
            cause.addSuppressed(e);
        }
    }

    /** Commits everything applied so far with the current metadata, then empties the log. */
    void commit() throws IOException {
        if (folder == null) {
            return;
        }
        Map<String, String> data = new HashMap<>(metadata.get());
        data.put(SEQ, Long.toString(seq));
        writer.setLiveCommitData(data.entrySet());
        writer.commit();
        wal.reset();
    }

    /** A searcher that sees every applied write; give it back with {@link #release}. */
    IndexSearcher acquire() throws IOException {
        if (folder != null && !writer.isOpen()) {
            synchronized (this) {
                ensureWriter();
            }
        }
        if (visible < applied) {
            synchronized (this) {
                long target = applied;
                if (visible < target) {
                    try {
                        searchers.maybeRefreshBlocking();
                        visible = target;
                    } catch (IOException | RuntimeException e) {
                        recover(e);
                        throw e;
                    }
                }
            }
        }
        return searchers.acquire();
    }

    /** Gives back a searcher from {@link #acquire()}. */
    void release(IndexSearcher searcher) throws IOException {
        searchers.release(searcher);
    }

    /** The writer (callers hold the collection's write lock). */
    IndexWriter writer() {
        return writer;
    }

    /** The folder, or null in memory. */
    Path folder() {
        return folder;
    }

    /** Checkpoints (when on disk) and releases everything. */
    @Override
    public void close() throws IOException {
        try {
            if (folder != null && writer != null && writer.isOpen()) {
                commit();
            }
        } finally {
            closeQuietly();
        }
    }

    /** Releases everything without a checkpoint (the log keeps what was not committed). */
    void closeQuietly() {
        try {
            if (searchers != null) {
                searchers.close();
            }
        } catch (IOException | RuntimeException ignored) {
            // closing anyway
        }
        try {
            if (writer != null) {
                writer.rollback();
            }
        } catch (IOException | RuntimeException ignored) {
            // closing anyway
        }
        try {
            if (wal != null) {
                wal.close();
            }
        } catch (IOException ignored) {
            // closing anyway
        }
        try {
            directory.close();
        } catch (IOException ignored) {
            // closing anyway
        }
    }
}
