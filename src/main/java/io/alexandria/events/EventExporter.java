package io.alexandria.events;

import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * Streams the events of a query to CSV ({@link CsvEventSink}) or JSON ({@link JsonEventSink}) page
 * by page ({@link #PAGE} events per scroll), in the query's order, never holding more than a page.
 */
final class EventExporter {
    /** Events fetched per scroll while exporting. */
    static final int PAGE = 1_000;

    private final EventService service;

    EventExporter(EventService service) {
        this.service = service;
    }

    /**
     * Writes to {@code file}, replacing it only once everything is written (a failed export leaves
     * any previous file as it was and no partial file behind).
     */
    long export(EventQuery q, long max, Path file) throws IOException {
        ExportFormat format = ExportFormat.of(file);
        Path target = file.toAbsolutePath();
        Path dir = target.getParent();
        if (dir != null) {
            Files.createDirectories(dir);
        }
        Path tmp = Files.createTempFile(dir, "." + target.getFileName(), ".part");
        try {
            long n;
            try (OutputStream out = Files.newOutputStream(tmp)) {
                n = write(q, max, format, out);
            }
            try {
                Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
            }
            return n;
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    /** Writes UTF-8 to {@code out} and closes it; returns how many events were written. */
    long write(EventQuery q, long max, ExportFormat format, OutputStream out) throws IOException {
        Writer writer = new OutputStreamWriter(out, StandardCharsets.UTF_8);
        EventSink sink = format == ExportFormat.CSV ? new CsvEventSink(writer) : new JsonEventSink(writer);
        long n;
        try {
            n = service.forEach(q, max, PAGE, e -> {
                try {
                    sink.write(e);
                } catch (IOException x) {
                    throw new UncheckedIOException(x);
                }
            });
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
        sink.close();
        return n;
    }
}
