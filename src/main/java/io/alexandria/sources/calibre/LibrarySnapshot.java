package io.alexandria.sources.calibre;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Everything read from a library in one read transaction (one consistent snapshot of
 * {@code metadata.db}).
 *
 * @param libraryId   {@code library_id.uuid} as read in this snapshot; differs from
 *                    {@link CalibreLibrary#libraryId()} when the folder now holds another library
 * @param fingerprint the database's fingerprint taken just <em>before</em> the read: if the
 *                    database changes during or after the read, a later
 *                    {@link CalibreLibrary#fingerprint()} differs from it, so no change is missed
 * @param books       all books, by ascending id
 */
public record LibrarySnapshot(String libraryId, DbFingerprint fingerprint, List<CalibreBook> books) {

    /** @throws NullPointerException when an argument is null */
    public LibrarySnapshot {
        Objects.requireNonNull(libraryId, "libraryId");
        Objects.requireNonNull(fingerprint, "fingerprint");
        books = List.copyOf(books);
    }

    /** The books keyed by {@link CalibreBook#id()} (built on each call). */
    public Map<Long, CalibreBook> byId() {
        return books.stream().collect(Collectors.toUnmodifiableMap(CalibreBook::id, Function.identity()));
    }

    /** The book with this id, if present (a linear scan). */
    public Optional<CalibreBook> book(long id) {
        return books.stream().filter(b -> b.id() == id).findFirst();
    }
}
