package io.alexandria.keywords;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The keyword vector of a chunk point computed from its payload alone, so that the upload of a
 * new chunk and the backfill of a chunk indexed before keyword vectors existed (read back by a
 * scroll) give the same vector on every host. Reads {@code title}, {@code heading_path} (list of
 * strings) and {@code text}, and the document's language from the first of
 * {@value #LANGUAGE_FIELD} (a {@link TextLanguage#tag()} the engine stores), {@code lang} and
 * {@code language} (a note's frontmatter or a book's Calibre language; a list counts by its first
 * element) that {@link TextLanguage#fromTag} recognises.
 */
public final class ChunkKeywords {
    /** The payload field holding the document's {@link TextLanguage#tag()}. */
    public static final String LANGUAGE_FIELD = "text_language";

    private ChunkKeywords() {
    }

    /**
     * {@link KeywordEncoder#document} of the payload's title, heading path and text.
     *
     * @param payload a chunk point's payload as plain Java values (missing fields count as empty)
     */
    public static KeywordVector of(KeywordEncoder encoder, Map<String, ?> payload) {
        Object title = payload.get("title");
        Object text = payload.get("text");
        List<String> headings = new ArrayList<>();
        if (payload.get("heading_path") instanceof List<?> l) {
            for (Object h : l) {
                if (h != null) {
                    headings.add(h.toString());
                }
            }
        }
        return encoder.document(title == null ? null : title.toString(), headings, text == null ? "" : text.toString(),
                languageOf(payload));
    }

    /** The document's language as the payload states it, or null when it states none. */
    public static TextLanguage languageOf(Map<String, ?> payload) {
        for (String field : List.of(LANGUAGE_FIELD, "lang", "language")) {
            Object v = payload.get(field);
            if (v instanceof List<?> l) {
                v = l.isEmpty() ? null : l.getFirst();
            }
            if (v != null) {
                var language = TextLanguage.fromTag(v.toString());
                if (language.isPresent()) {
                    return language.get();
                }
            }
        }
        return null;
    }
}
