package io.alexandria.extraction.book;

import io.alexandria.extraction.ExtractionException;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * An input stream that checks the {@link ExtractionGuard}'s deadline on every read, so a parser
 * that pulls its input incrementally (jsoup, the JDK's RTF reader) is stopped with
 * {@code ExtractionTimeout} (thrown as a {@link GuardTrip}) once the time budget is spent.
 */
final class GuardedInputStream extends FilterInputStream {
    private final ExtractionGuard guard;

    GuardedInputStream(InputStream in, ExtractionGuard guard) {
        super(in);
        this.guard = guard;
    }

    @Override
    public int read() throws IOException {
        check();
        return super.read();
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        check();
        return super.read(b, off, len);
    }

    private void check() throws GuardTrip {
        try {
            guard.checkDeadline();
        } catch (ExtractionException e) {
            throw new GuardTrip(e);
        }
    }
}
