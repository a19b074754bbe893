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
    /** String: the encoding a note was decoded from when it was not UTF-8, e.g. "UTF-16LE" (notes). */
    public static final String ENCODING = "encoding";
    /** Integer: how many tags the document has when {@link #TAGS} was cut by {@link #capped}. */
    public static final String TAGS_TOTAL = "tags_total";
    /** Integer: how many aliases the document has when {@link #ALIASES} was cut by {@link #capped}. */
    public static final String ALIASES_TOTAL = "aliases_total";
    /** Integer: how many link targets the document has when {@link #LINKS} was cut by {@link #capped}. */
    public static final String LINKS_TOTAL = "links_total";

    public ExtractedDocument {
        sections = List.copyOf(sections);
        attributes = Map.copyOf(attributes);
        warnings = List.copyOf(warnings);
    }

    /**
     * This document with its payload-bound attributes cut to {@code limits} (see
     * {@link ExtractionLimits}): {@link #TAGS}, {@link #ALIASES} and {@link #LINKS} keep their first
     * {@link ExtractionLimits#maxPayloadListItems()} items of at most
     * {@link ExtractionLimits#maxPayloadItemChars()} characters (longer items are left out rather than
     * cut, since a cut tag or link names something else); when any item was left out the list's total
     * is recorded under {@link #TAGS_TOTAL}, {@link #ALIASES_TOTAL} or {@link #LINKS_TOTAL} and a
     * warning says so. The title, {@link #AUTHOR} and {@link #LANGUAGE} are cut to
     * {@link ExtractionLimits#maxTitleChars()} characters (ending in "…"). Sections are untouched.
     *
     * @return {@code this} when nothing was over a limit, else a new document
     */
    public ExtractedDocument capped(ExtractionLimits limits) {
        Map<String, Object> attrs = new java.util.LinkedHashMap<>(attributes);
        List<String> notes = new java.util.ArrayList<>(warnings);
        boolean changed = false;
        for (String[] key : new String[][] {{TAGS, TAGS_TOTAL, "tags"}, {ALIASES, ALIASES_TOTAL, "aliases"},
                {LINKS, LINKS_TOTAL, "links"}}) {
            List<String> all = listAttribute(key[0]);
            List<String> kept = limits.capItems(all);
            if (kept.size() < all.size()) {
                attrs.put(key[0], kept);
                attrs.put(key[1], all.size());
                notes.add("only " + kept.size() + " of " + all.size() + " " + key[2] + " are kept in the payload (limit "
                        + limits.maxPayloadListItems() + " items of at most " + limits.maxPayloadItemChars()
                        + " characters)");
                changed = true;
            }
        }
        for (String key : new String[] {AUTHOR, LANGUAGE}) {
            if (attributes.get(key) instanceof String s && s.length() > limits.maxTitleChars()) {
                attrs.put(key, cut(s, limits.maxTitleChars()));
                changed = true;
            }
        }
        String t = title;
        if (t != null && t.length() > limits.maxTitleChars()) {
            t = cut(t, limits.maxTitleChars());
            notes.add("the title has " + title.length() + " characters: cut to " + limits.maxTitleChars());
            changed = true;
        }
        return changed ? new ExtractedDocument(t, sections, attrs, notes) : this;
    }

    /** {@code s} cut to at most {@code max} characters, ending in "…", never splitting a surrogate pair. */
    static String cut(String s, int max) {
        if (s.length() <= max) {
            return s;
        }
        int end = Math.max(0, max - 1);
        if (end > 0 && Character.isHighSurrogate(s.charAt(end - 1))) {
            end--;
        }
        return s.substring(0, end) + "\u2026";
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
