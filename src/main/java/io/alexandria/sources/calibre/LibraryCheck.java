package io.alexandria.sources.calibre;

import java.util.Objects;
import java.util.Optional;

/**
 * The answer of {@link CalibreLibrary#looksLikeLibrary(java.nio.file.Path)}: whether a folder is a
 * readable Calibre library, and if not, why, in words for the settings pane.
 *
 * @param ok      true when the folder is a Calibre library that could be read
 * @param reason  why not, or null when {@code ok}
 * @param message for a person: why not, or a short confirmation when {@code ok}
 */
public record LibraryCheck(boolean ok, CalibreException.Reason reason, String message) {

    /** @throws IllegalArgumentException when {@code ok} and {@code reason} disagree */
    public LibraryCheck {
        Objects.requireNonNull(message, "message");
        if (ok != (reason == null)) {
            throw new IllegalArgumentException("reason must be null exactly when ok");
        }
    }

    static LibraryCheck passed(String message) {
        return new LibraryCheck(true, null, message);
    }

    static LibraryCheck failed(CalibreException e) {
        return new LibraryCheck(false, e.reason(), e.getMessage());
    }

    /** The reason as an Optional: empty when {@code ok}. */
    public Optional<CalibreException.Reason> failure() {
        return Optional.ofNullable(reason);
    }
}
