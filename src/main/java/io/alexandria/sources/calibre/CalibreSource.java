package io.alexandria.sources.calibre;

import io.alexandria.common.Json;
import io.alexandria.extraction.ExtractedDocument;
import io.alexandria.extraction.ExtractionException;
import io.alexandria.extraction.ExtractionLimits;
import io.alexandria.extraction.Extractor;
import io.alexandria.extraction.book.BookExtractors;
import io.alexandria.sources.DocumentSource;
import io.alexandria.sources.SourceItem;
import io.alexandria.sources.SourceKinds;
import io.alexandria.sources.SourceListing;
import io.alexandria.sources.SourceUnavailableException;
import io.alexandria.store.DocumentKey;
import io.alexandria.sources.DocumentFile;
import io.alexandria.store.SourceFacts;
import io.alexandria.store.SourceIdentity;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A Calibre library as a {@link DocumentSource}: one document per book (never per format), keyed
 * by the library's uuid (scope) and the book id, so two libraries never collide and two hosts
 * sharing one library agree. The indexed format is the most preferred one whose file exists and
 * that an extractor supports ({@link FormatPreference}); a book whose formats are all missing or
 * unsupported is still listed, so its extraction fails with a clear reason. Payload fields
 * ({@code docs/architecture.md}, "Chunk payload" and "Event payload"): {@code book_id} (integer),
 * {@code title}, {@code author} (authors joined with " &amp; " as Calibre shows them),
 * {@code language} (ISO 639-1 where one exists), plus
 * {@code authors}, {@code languages}, {@code library_id}, {@code format}, {@code tags},
 * {@code series}, {@code series_index}, {@code publisher}, {@code pubdate}, {@code identifiers}.
 */
public final class CalibreSource implements DocumentSource {
    private final Path root;
    private final FormatPreference preference;
    private volatile String libraryId;

    /**
     * @param root       the library folder (holding {@code metadata.db})
     * @param preference format order
     * @param knownId    the library uuid remembered from an earlier sync, used while the library
     *                   cannot be opened (an unmounted NAS); null when unknown
     */
    public CalibreSource(Path root, FormatPreference preference, String knownId) {
        this.root = root.toAbsolutePath().normalize();
        this.preference = preference;
        String id = knownId;
        try {
            id = CalibreLibrary.open(this.root).libraryId();
        } catch (CalibreException e) {
            // unavailable now: list() reports it and nothing is deleted
        }
        this.libraryId = id == null ? "unknown:" + this.root : id;
    }

    @Override
    public String kind() {
        return SourceKinds.CALIBRE;
    }

    @Override
    public String scope() {
        return libraryId;
    }

    @Override
    public Path root() {
        return root;
    }

    /** The library's {@code library_id} (its uuid), once the library was opened. */
    @Override
    public Optional<SourceIdentity> identity() {
        String id = libraryId;
        return id.startsWith("unknown:") ? Optional.empty()
                : Optional.of(new SourceIdentity(SourceKinds.CALIBRE, id, SourceIdentity.LIBRARY_ID, id));
    }

    @Override
    public String describe() {
        return "Calibre library at " + root;
    }

    @Override
    public SourceListing list() throws SourceUnavailableException {
        LibrarySnapshot snapshot;
        try {
            snapshot = CalibreLibrary.open(root).read();
        } catch (CalibreException e) {
            throw new SourceUnavailableException(e.getMessage(), e);
        }
        if (!snapshot.libraryId().equals(libraryId)) {
            if (!libraryId.startsWith("unknown:")) {
                throw new SourceUnavailableException("the folder " + root + " now holds another Calibre library ("
                        + snapshot.libraryId() + ", was " + libraryId + ")");
            }
            libraryId = snapshot.libraryId();
        }
        List<SourceItem> items = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        for (CalibreBook book : snapshot.books()) {
            items.add(item(book, problems));
        }
        return new SourceListing(items, problems);
    }

    private SourceItem item(CalibreBook book, List<String> problems) {
        Optional<BookFormat> chosen = preference.choose(book, f -> BookExtractors.forFormat(f.format()).isPresent());
        BookFormat format = chosen.orElseGet(() -> preference.ordered(book).stream().findFirst().orElse(null));
        if (chosen.isEmpty()) {
            problems.add("book " + book.id() + " (" + book.title() + "): no existing file in a supported format");
        }
        long size = 0;
        long mtime = 0;
        String filePath = null;
        String formatName = null;
        Path file = null;
        if (format != null) {
            file = format.file();
            filePath = root.relativize(file.toAbsolutePath().normalize()).toString().replace('\\', '/');
            formatName = format.format();
            try {
                BasicFileAttributes a = Files.readAttributes(file, BasicFileAttributes.class);
                size = a.size();
                mtime = a.lastModifiedTime().toMillis();
            } catch (IOException e) {
                // missing file: extraction reports FileMissing
            }
        }
        Map<String, Object> meta = metadata(book, formatName);
        String title = ExtractionLimits.defaults().capTitle(book.title());
        SourceFacts facts = new SourceFacts(root.toString(), filePath, title, formatName, size, mtime, null,
                book.metadataHash(), Json.write(meta));
        DocumentKey key = new DocumentKey(SourceKinds.CALIBRE, libraryId, Long.toString(book.id()));
        return new SourceItem(key, file == null ? root.resolve("metadata.db") : file, facts);
    }

    /**
     * The book's payload metadata. Lists and long strings are cut to the payload limits of
     * {@link ExtractionLimits#defaults()} (this metadata is copied into every point of the book):
     * {@code authors} and {@code tags} keep their first items ({@code authors_total} /
     * {@code tags_total} give the full count when cut), {@code author} is cut to the title limit.
     */
    private Map<String, Object> metadata(CalibreBook book, String format) {
        ExtractionLimits caps = ExtractionLimits.defaults();
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("book_id", book.id());
        m.put("author", caps.capTitle(String.join(" & ", book.authors())));
        List<String> authors = caps.capItems(book.authors());
        m.put("authors", authors);
        if (authors.size() < book.authors().size()) {
            m.put("authors_total", book.authors().size());
        }
        if (book.language() != null) {
            m.put("language", book.language());
        }
        m.put("languages", book.languages());
        m.put("library_id", libraryId);
        m.put("calibre_uuid", book.uuid());
        if (format != null) {
            m.put("format", format);
        }
        List<String> tags = caps.capItems(book.tags());
        m.put("tags", tags);
        if (tags.size() < book.tags().size()) {
            m.put(ExtractedDocument.TAGS_TOTAL, book.tags().size());
        }
        if (book.series() != null) {
            m.put("series", book.series());
            m.put("series_index", book.seriesIndex());
        }
        if (book.publisher() != null) {
            m.put("publisher", book.publisher());
        }
        if (book.pubdate() != null) {
            m.put("pubdate", book.pubdate());
        }
        if (!book.identifiers().isEmpty()) {
            Map<String, String> ids = new LinkedHashMap<>();
            for (var e : book.identifiers().entrySet()) {
                if (ids.size() < caps.maxPayloadListItems() && e.getKey().length() <= caps.maxPayloadItemChars()
                        && String.valueOf(e.getValue()).length() <= caps.maxPayloadItemChars()) {
                    ids.put(e.getKey(), e.getValue());
                }
            }
            m.put("identifiers", ids);
        }
        return m;
    }

    @Override
    public Path fileOf(DocumentFile known) {
        return known.filePath() == null ? null : root.resolve(known.filePath());
    }

    @Override
    public ExtractedDocument extract(DocumentFile known, ExtractionLimits limits) throws ExtractionException {
        if (known.format() == null || known.filePath() == null) {
            throw new ExtractionException(ExtractionException.NO_TEXT, "the book has no format file");
        }
        Extractor extractor = BookExtractors.forFormat(known.format()).orElseThrow(() -> new ExtractionException(
                ExtractionException.UNSUPPORTED, "no extractor for the " + known.format() + " format"));
        Path file = fileOf(known);
        if (!Files.exists(file)) {
            throw new ExtractionException(ExtractionException.MISSING, "the " + known.format() + " file is missing: "
                    + file);
        }
        return extractor.extract(file, limits);
    }

    @Override
    public Map<String, Object> contentPayload(DocumentFile known, ExtractedDocument document) {
        Map<String, Object> p = new LinkedHashMap<>();
        Object pages = document.attributes().get(ExtractedDocument.PAGES);
        if (pages != null) {
            p.put("pages", pages);
        }
        return p;
    }
}
