package io.alexandria.extraction;

import java.util.List;
import java.util.Map;

/**
 * The text of one note or book after extraction, ready for chunking.
 *
 * @param title      the document's title as the document itself states it (frontmatter title,
 *                   EPUB {@code dc:title}, PDF info title), or {@code null} when it states none
 *                   (callers then use the file name or library metadata)
 * @param sections   text in reading order, grouped by location context; may be empty only for a
 *                   note with an empty body (books with no text are an {@link ExtractionException})
 * @param attributes source-specific facts, keyed by the constants below (values are String,
 *                   Integer, Boolean or List&lt;String&gt;); never {@code null}
 * @param warnings   non-fatal problems a user may want to know (e.g. "invalid UTF-8 replaced")
 */
public record ExtractedDocument(String title, List<Section> sections, Map<String, Object> attributes,
                                List<String> warnings) {
    /** List&lt;String&gt;: tags without '#', from frontmatter and inline tags (notes). */
    public static final String TAGS = "tags";
    /** List&lt;String&gt;: frontmatter aliases (notes). */
    public static final String ALIASES = "aliases";
    /** List&lt;String&gt;: wikilink and embed targets, note names without heading/block part (notes). */
    public static final String LINKS = "links";
    /** Map&lt;String,String&gt;: all frontmatter keys with values rendered as strings (notes). */
    public static final String FRONTMATTER = "frontmatter";
    /** String: book format extracted, upper case, e.g. "EPUB", "PDF" (books). */
    public static final String FORMAT = "format";
    /** Integer: number of pages (paged formats). */
    public static final String PAGES = "pages";
    /** String: author as the file itself states it (books without library metadata). */
    public static final String AUTHOR = "author";
    /** String: language code as the file states it, e.g. "en" (books). */
    public static final String LANGUAGE = "language";
    /** Boolean: true when invalid UTF-8 was replaced with U+FFFD while decoding. */
    public static final String INVALID_UTF8 = "invalid_utf8";

    public ExtractedDocument {
        sections = List.copyOf(sections);
        attributes = Map.copyOf(attributes);
        warnings = List.copyOf(warnings);
    }

    /** Total characters of text over all sections. */
    public long characters() {
        long n = 0;
        for (Section s : sections) {
            n += s.characters();
        }
        return n;
    }

    /** A list-valued attribute, or an empty list when absent. */
    @SuppressWarnings("unchecked")
    public List<String> listAttribute(String key) {
        Object v = attributes.get(key);
        return v instanceof List<?> l ? (List<String>) l : List.of();
    }

    /** A string-valued attribute, or {@code null} when absent. */
    public String stringAttribute(String key) {
        Object v = attributes.get(key);
        return v == null ? null : v.toString();
    }
}
