package io.alexandria.sources.calibre;

import java.time.Instant;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

/**
 * One book of a Calibre library, as stored in {@code metadata.db} (base tables, see the package
 * documentation). Immutable; lists are never null (empty when the book has none), single values
 * are null when absent.
 *
 * @param id           {@code books.id}: stable for the life of the book in this library
 * @param uuid         {@code books.uuid}
 * @param title        {@code books.title}, never null
 * @param authors      author names in link order ({@code books_authors_link.id})
 * @param authorSort   {@code books.author_sort}, e.g. {@code Stevenson, Robert Louis}
 * @param languages    language codes as stored ({@code languages.lang_code}, ISO 639-2/T such as
 *                     {@code eng}) in {@code item_order}
 * @param language     ISO 639-1 form of the first language where one exists ({@code en}), else its
 *                     stored code; null when the book has no language
 * @param identifiers  {@code identifiers.type → val} ({@code isbn}, {@code goodreads}…), sorted by type
 * @param tags         tag names in link order ({@code books_tags_link.id})
 * @param series       series name, or null
 * @param seriesIndex  {@code books.series_index}, or null when the book has no series
 * @param publisher    publisher name, or null
 * @param pubdate      {@code books.pubdate} as stored text, see {@link #pubdateInstant()}
 * @param timestamp    {@code books.timestamp} (date added) as stored text
 * @param lastModified {@code books.last_modified} as stored text
 * @param comments     {@code comments.text} reduced from HTML to plain text, or null
 * @param path         {@code books.path}, relative to the library, always with {@code /}
 * @param hasCover     {@code books.has_cover}: {@code <library>/<path>/cover.jpg} exists per calibre
 * @param formats      the book's format files ({@code data} rows) in {@code data.id} order; a format
 *                     whose file is missing on disk is still listed
 */
public record CalibreBook(long id, String uuid, String title, List<String> authors, String authorSort,
        List<String> languages, String language, Map<String, String> identifiers, List<String> tags,
        String series, Double seriesIndex, String publisher, String pubdate, String timestamp,
        String lastModified, String comments, String path, boolean hasCover, List<BookFormat> formats) {

    /** Version of the {@link #metadataHash()} encoding; bump it when the hashed fields change. */
    static final String HASH_VERSION = "calibre-metadata-v1";

    /**
     * Copies the collections into immutable ones.
     *
     * @throws NullPointerException when {@code title} or {@code path} is null, or a collection holds null
     */
    public CalibreBook {
        Objects.requireNonNull(title, "title");
        Objects.requireNonNull(path, "path");
        authors = authors == null ? List.of() : List.copyOf(authors);
        languages = languages == null ? List.of() : List.copyOf(languages);
        identifiers = identifiers == null ? Map.of() : Collections.unmodifiableMap(new TreeMap<>(identifiers));
        tags = tags == null ? List.of() : List.copyOf(tags);
        formats = formats == null ? List.of() : List.copyOf(formats);
    }

    /**
     * SHA-256 (lower-case hex) over the fields that go into search payloads: title, authors,
     * language, tags, series, seriesIndex, publisher, pubdate (as stored) and identifiers. Equal
     * hashes mean the payload metadata is unchanged; it ignores formats, comments, timestamps and
     * {@code last_modified}, so the engine can tell a metadata-only change from a content change.
     */
    public String metadataHash() {
        return new MetadataHasher(HASH_VERSION)
                .field("title", title)
                .field("authors", authors)
                .field("language", language)
                .field("tags", tags)
                .field("series", series)
                .field("seriesIndex", seriesIndex)
                .field("publisher", publisher)
                .field("pubdate", pubdate)
                .field("identifiers", identifiers)
                .hex();
    }

    /** The format {@code format} (any case, e.g. {@code "epub"}), if the book has it. */
    public Optional<BookFormat> format(String format) {
        return formats.stream().filter(f -> f.format().equalsIgnoreCase(format)).findFirst();
    }

    /** {@link #pubdate()} parsed; empty when absent, unparsable or calibre's "undefined" date (year 101). */
    public Optional<Instant> pubdateInstant() {
        return CalibreDates.parse(pubdate);
    }

    /** {@link #timestamp()} (date added) parsed; empty when absent or unparsable. */
    public Optional<Instant> timestampInstant() {
        return CalibreDates.parse(timestamp);
    }

    /** {@link #lastModified()} parsed; empty when absent or unparsable. */
    public Optional<Instant> lastModifiedInstant() {
        return CalibreDates.parse(lastModified);
    }
}
