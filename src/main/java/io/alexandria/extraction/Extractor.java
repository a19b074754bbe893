package io.alexandria.extraction;

import java.nio.file.Path;

/** Turns one file into an {@link ExtractedDocument}. Implementations are thread-safe. */
public interface Extractor {
    /**
     * Extracts the text of {@code file}.
     *
     * @throws ExtractionException with an {@link ExtractionException#errorType()} when the file is
     *                             missing, unreadable, corrupt, encrypted, empty or over budget
     */
    ExtractedDocument extract(Path file, ExtractionLimits limits) throws ExtractionException;
}
