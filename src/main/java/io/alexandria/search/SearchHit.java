package io.alexandria.search;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One search result: a chunk and where it comes from.
 *
 * @param score    cosine similarity in [-1, 1], higher is closer
 * @param payload  the point's whole payload (plain Java values)
 */
public record SearchHit(double score, String title, String source, String sourceId, String filePath, String text,
                        String heading, String chapter, Integer page, Map<String, Object> payload) {

    /** The {@code search --json} object: score, title, source, source_id, file_path, text. */
    public Map<String, Object> toJson() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("score", score);
        m.put("title", title);
        m.put("source", source);
        m.put("source_id", sourceId);
        m.put("file_path", filePath);
        m.put("text", text);
        if (heading != null && !heading.isEmpty()) {
            m.put("heading", heading);
        }
        if (chapter != null) {
            m.put("chapter", chapter);
        }
        if (page != null) {
            m.put("page", page);
        }
        return m;
    }
}
