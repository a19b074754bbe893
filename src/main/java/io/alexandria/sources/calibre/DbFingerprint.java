package io.alexandria.sources.calibre;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Instant;
import java.util.Objects;

/**
 * A cheap probe of whether {@code metadata.db} changed: sizes and modification times of
 * {@code metadata.db} and {@code metadata.db-wal}, plus the SQLite header's file change counter.
 * Taking one reads file attributes and 4 bytes of the header with a plain file read; it opens no
 * SQLite connection and takes no lock, so it can be polled (every few seconds) while Calibre runs.
 *
 * <p>Compare with {@link #equals(Object)}: a different fingerprint means "read again". The change
 * counter (bytes 24–27 of the header, per sqlite.org/fileformat.html §1.3.4) is bumped by every
 * commit in rollback-journal mode, calibre's default, so a write that keeps the size and lands in
 * the same mtime tick is still seen. In WAL mode commits go to {@code -wal}, whose size and
 * mtime are part of the fingerprint.
 *
 * @param dbSize        size of {@code metadata.db} in bytes
 * @param dbModified    last-modified time of {@code metadata.db}
 * @param changeCounter the header's file change counter (unsigned 32 bit), or -1 when the file is
 *                      shorter than the header
 * @param walSize       size of {@code metadata.db-wal} in bytes, 0 when there is none
 * @param walModified   last-modified time of {@code metadata.db-wal}, {@link Instant#EPOCH} when none
 */
public record DbFingerprint(long dbSize, Instant dbModified, long changeCounter, long walSize,
        Instant walModified) {

    private static final int CHANGE_COUNTER_OFFSET = 24;

    /** @throws NullPointerException when a time is null */
    public DbFingerprint {
        Objects.requireNonNull(dbModified, "dbModified");
        Objects.requireNonNull(walModified, "walModified");
    }

    /**
     * Takes the fingerprint of {@code <libraryDir>/metadata.db}.
     *
     * @param libraryDir the library folder
     * @return the fingerprint now
     * @throws NoSuchFileException when {@code metadata.db} does not exist
     * @throws IOException         when its attributes or header cannot be read
     */
    public static DbFingerprint of(Path libraryDir) throws IOException {
        Path db = libraryDir.resolve(CalibreLibrary.METADATA_DB);
        BasicFileAttributes dbAttrs = Files.readAttributes(db, BasicFileAttributes.class);
        long counter = readChangeCounter(db);
        Path wal = libraryDir.resolve(CalibreLibrary.METADATA_DB + "-wal");
        long walSize = 0;
        Instant walModified = Instant.EPOCH;
        try {
            BasicFileAttributes walAttrs = Files.readAttributes(wal, BasicFileAttributes.class);
            walSize = walAttrs.size();
            walModified = walAttrs.lastModifiedTime().toInstant();
        } catch (NoSuchFileException e) {
            // no WAL: the usual case for calibre (journal_mode=delete)
        }
        return new DbFingerprint(dbAttrs.size(), dbAttrs.lastModifiedTime().toInstant(), counter, walSize,
                walModified);
    }

    private static long readChangeCounter(Path db) throws IOException {
        try (FileChannel channel = FileChannel.open(db, StandardOpenOption.READ)) {
            ByteBuffer buffer = ByteBuffer.allocate(4);
            long position = CHANGE_COUNTER_OFFSET;
            while (buffer.hasRemaining()) {
                int n = channel.read(buffer, position);
                if (n < 0) {
                    return -1;
                }
                position += n;
            }
            return Integer.toUnsignedLong(buffer.flip().getInt());
        }
    }
}
