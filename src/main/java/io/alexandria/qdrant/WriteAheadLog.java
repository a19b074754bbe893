package io.alexandria.qdrant;

import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.CRC32C;

/**
 * A thin, checksummed write-ahead log: one file of frames {@code [int32 length][int32 CRC-32C of
 * the body][body]} (little-endian), appended and fsynced ({@code fdatasync}) before a write is
 * acknowledged. Lucene commits are the checkpoints: after one, {@link #reset()} empties the log.
 *
 * <p>Reading stops at the first frame that is incomplete or fails its checksum: that is the tail
 * of an append that was interrupted (crash, {@code kill -9}, power loss) and therefore never
 * acknowledged, and it is cut off. Not thread-safe: the owning collection serialises writes.
 */
final class WriteAheadLog implements Closeable {
    /** Largest frame body accepted when reading (a longer length field is damage). */
    private static final int MAX_FRAME = 256 * 1024 * 1024;

    private final Path file;
    private final FileChannel channel;
    private long end;

    private WriteAheadLog(Path file, FileChannel channel, long end) {
        this.file = file;
        this.channel = channel;
        this.end = end;
    }

    /**
     * Opens (or creates) the log and reads its intact frames; a torn tail is truncated away.
     *
     * @param file   the log file
     * @param bodies receives the body of every intact frame, in order
     * @throws IOException when the file cannot be read or written
     */
    static WriteAheadLog open(Path file, List<byte[]> bodies) throws IOException {
        FileChannel ch = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ,
                StandardOpenOption.WRITE);
        try {
            long size = ch.size();
            long pos = 0;
            ByteBuffer header = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN);
            List<byte[]> read = new ArrayList<>();
            while (pos + 8 <= size) {
                header.clear();
                readFully(ch, header, pos);
                int length = header.getInt(0);
                int crc = header.getInt(4);
                if (length < 0 || length > MAX_FRAME || pos + 8 + length > size) {
                    break;
                }
                ByteBuffer body = ByteBuffer.allocate(length);
                readFully(ch, body, pos + 8);
                if (crc(body.array()) != crc) {
                    break;
                }
                read.add(body.array());
                pos += 8 + length;
            }
            if (pos < size) {
                ch.truncate(pos);
                ch.force(true);
            }
            bodies.addAll(read);
            return new WriteAheadLog(file, ch, pos);
        } catch (IOException | RuntimeException e) {
            ch.close();
            throw e;
        }
    }

    private static void readFully(FileChannel ch, ByteBuffer buffer, long position) throws IOException {
        long pos = position;
        while (buffer.hasRemaining()) {
            int n = ch.read(buffer, pos);
            if (n < 0) {
                throw new IOException("unexpected end of " + ch);
            }
            pos += n;
        }
    }

    private static int crc(byte[] body) {
        CRC32C crc = new CRC32C();
        crc.update(body);
        return (int) crc.getValue();
    }

    /**
     * Appends one frame and forces it to disk. On failure (e.g. disk full) the log is cut back to
     * where it was, so a later append never follows a torn frame.
     *
     * @throws IOException when writing or syncing fails; nothing of this frame is kept then
     */
    void append(byte[] body) throws IOException {
        ByteBuffer frame = ByteBuffer.allocate(8 + body.length).order(ByteOrder.LITTLE_ENDIAN);
        frame.putInt(body.length).putInt(crc(body)).put(body).flip();
        long start = end;
        try {
            long pos = start;
            while (frame.hasRemaining()) {
                pos += channel.write(frame, pos);
            }
            channel.force(false);
            end = pos;
        } catch (IOException e) {
            try {
                channel.truncate(start);
            } catch (IOException suppressed) {
                e.addSuppressed(suppressed);
            }
            throw e;
        }
    }

    /** Bytes in the log. */
    long size() {
        return end;
    }

    /** Empties the log (after a checkpoint made its frames redundant). */
    void reset() throws IOException {
        channel.truncate(0);
        channel.force(true);
        end = 0;
    }

    /** The log file. */
    Path file() {
        return file;
    }

    @Override
    public void close() throws IOException {
        channel.close();
    }
}
