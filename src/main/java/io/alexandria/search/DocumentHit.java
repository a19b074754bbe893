package io.alexandria.search;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One document of a per-document search answer, with its best passages.
 *
 * @param rank     1-based rank of the document in the answer
 * @param docId    the payload's {@code doc_id} (UUID of the document's identity)
 * @param score    the best passage's score ({@link SearchMode} says which kind)
 * @param title    the document's title (note title or book title)
 * @param source   {@code obsidian}, {@code calibre} or {@code file}
 * @param sourceId the note's vault-relative path, the Calibre book id, or the file path
 * @param filePath the file (vault-relative for notes)
 * @param author   the book's author, or null (notes)
 * @param passages the document's best chunks, best first, at least one; each with its text,
 *                 heading / chapter / page and score
 */
public record DocumentHit(int rank, String docId, double score, String title, String source, String sourceId,
                          String filePath, String author, List<SearchHit> passages) {
    public DocumentHit {
        passages = List.copyOf(passages);
        if (passages.isEmpty()) {
            throw new IllegalArgumentException("a document hit needs at least one passage");
        }
    }

    /** The {@code group} object the CLI's {@code search --json} adds to each of its chunks. */
    public Map<String, Object> group() {
        Map<String, Object> g = new LinkedHashMap<>();
        g.put("doc_id", docId);
        g.put("rank", rank);
        g.put("score", score);
        g.put("title", title);
        g.put("source", source);
        g.put("source_id", sourceId);
        g.put("file_path", filePath);
        if (author != null) {
            g.put("author", author);
        }
        return g;
    }

    /** Each passage's {@link SearchHit#toJson()} with {@code "group": }{@link #group()} added. */
    public List<Map<String, Object>> chunkJson() {
        Map<String, Object> group = group();
        List<Map<String, Object>> out = new ArrayList<>(passages.size());
        for (SearchHit h : passages) {
            Map<String, Object> m = h.toJson();
            m.put("group", group);
            out.add(m);
        }
        return out;
    }
}
