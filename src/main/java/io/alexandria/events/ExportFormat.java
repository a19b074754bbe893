package io.alexandria.events;

import java.nio.file.Path;
import java.util.Locale;

/** The file formats events export to, chosen by the file's extension. */
public enum ExportFormat {
    /** {@code .csv}: RFC 4180 (comma, double quotes, CRLF), UTF-8, a header row. */
    CSV,
    /** {@code .json}: one JSON array of the event payloads exactly as stored, UTF-8. */
    JSON;

    /**
     * The format for {@code file}'s extension ({@code .csv} or {@code .json}, any case).
     *
     * @throws IllegalArgumentException for any other extension
     */
    public static ExportFormat of(Path file) {
        String name = file.getFileName() == null ? "" : file.getFileName().toString().toLowerCase(Locale.ROOT);
        if (name.endsWith(".csv")) {
            return CSV;
        }
        if (name.endsWith(".json")) {
            return JSON;
        }
        throw new IllegalArgumentException("cannot tell the export format of " + file
                + ": the file name must end in .csv or .json");
    }
}
