package io.alexandria.events;

import java.io.Closeable;
import java.io.IOException;

/** Writes events one at a time to an export; {@link #close()} finishes the document. */
interface EventSink extends Closeable {
    void write(EventRecord event) throws IOException;
}
