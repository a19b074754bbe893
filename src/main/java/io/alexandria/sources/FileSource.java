package io.alexandria.sources;

import io.alexandria.extraction.ExtractedDocument;
import io.alexandria.extraction.ExtractionException;
import io.alexandria.extraction.ExtractionLimits;
import io.alexandria.extraction.Extractor;
import io.alexandria.extraction.book.BookExtractors;
import io.alexandria.extraction.markdown.MarkdownExtractor;
import io.alexandria.store.DocumentKey;
import io.alexandria.store.SourceFacts;
import io.alexandria.common.Hashes;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Standalone book and note files (drag and drop): source {@code file}, scope "", keyed by the
 * file's SHA-256 so the same file dropped twice, or from two hosts, is one document. Files are
 * never deleted by a scan: the list only grows with what the user adds.
 */
public final class FileSource implements DocumentSource {
    private static final MarkdownExtractor MARKDOWN = new MarkdownExtractor();
    private final Map<Path, String> files = new ConcurrentHashMap<>();

    @Override
    public String kind() {
        return SourceKinds.FILE;
    }

    @Override
    public String scope() {
        return "";
    }

    @Override
    public Path root() {
        return null;
    }

    @Override
    public String describe() {
        return "dropped files";
    }

    /** Formats this source can ingest: the book formats plus Markdown notes. */
    public static boolean supports(Path file) {
        return extractorFor(formatOf(file)).isPresent();
    }

    /** The upper-case format of a file by its extension ("" when it has none). */
    public static String formatOf(Path file) {
        String name = file.getFileName().toString();
        int dot = name.lastIndexOf('.');
        return dot < 0 ? "" : name.substring(dot + 1).toUpperCase(Locale.ROOT);
    }

    private static Optional<Extractor> extractorFor(String format) {
        if (format.equals("MD") || format.equals("MARKDOWN")) {
            return Optional.of(MARKDOWN);
        }
        return BookExtractors.forFormat(format);
    }

    /**
     * Adds a file to ingest.
     *
     * @throws IOException when it cannot be read (the caller tells the user)
     * @throws IllegalArgumentException when its format is not supported
     */
    public void add(Path file) throws IOException {
        Path abs = file.toAbsolutePath().normalize();
        if (!supports(abs)) {
            throw new IllegalArgumentException("unsupported file type: " + abs.getFileName());
        }
        files.put(abs, Hashes.sha256(abs));
    }

    @Override
    public SourceListing list() {
        List<SourceItem> items = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        for (var e : files.entrySet()) {
            Path file = e.getKey();
            try {
                BasicFileAttributes a = Files.readAttributes(file, BasicFileAttributes.class);
                String name = file.getFileName().toString();
                String title = name.contains(".") ? name.substring(0, name.lastIndexOf('.')) : name;
                SourceFacts facts = new SourceFacts(file.getParent() == null ? "" : file.getParent().toString(),
                        file.toString(), title, formatOf(file), a.size(), a.lastModifiedTime().toMillis(), null, null,
                        null);
                items.add(new SourceItem(new DocumentKey(SourceKinds.FILE, "", e.getValue()), file, facts));
            } catch (IOException ex) {
                problems.add(file + ": " + ex.getMessage());
            }
        }
        return new SourceListing(items, problems);
    }

    @Override
    public Path fileOf(DocumentFile known) {
        return Path.of(known.filePath());
    }

    @Override
    public ExtractedDocument extract(DocumentFile known, ExtractionLimits limits) throws ExtractionException {
        Extractor extractor = extractorFor(known.format() == null ? "" : known.format()).orElseThrow(
                () -> new ExtractionException(ExtractionException.UNSUPPORTED, "unsupported format " + known.format()));
        return extractor.extract(fileOf(known), limits);
    }

    @Override
    public Map<String, Object> contentPayload(DocumentFile known, ExtractedDocument document) {
        Map<String, Object> p = new LinkedHashMap<>();
        if (document.title() != null && !document.title().isBlank()) {
            p.put("title", document.title());
        }
        p.put("format", known.format());
        for (String k : List.of(ExtractedDocument.AUTHOR, ExtractedDocument.LANGUAGE, ExtractedDocument.PAGES)) {
            Object v = document.attributes().get(k);
            if (v != null) {
                p.put(k, v);
            }
        }
        List<String> tags = document.listAttribute(ExtractedDocument.TAGS);
        if (!tags.isEmpty()) {
            p.put("tags", tags);
        }
        Object tagsTotal = document.attributes().get(ExtractedDocument.TAGS_TOTAL);
        if (tagsTotal != null) {
            p.put(ExtractedDocument.TAGS_TOTAL, tagsTotal);
        }
        return p;
    }

    @Override
    public boolean deletesMissing() {
        return false;
    }
}
