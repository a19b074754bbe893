package io.alexandria.search;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A per-document search answer.
 *
 * @param documents best first, each document once
 * @param mode      whether both legs were fused or the dense leg answered alone
 */
public record DocumentResults(List<DocumentHit> documents, SearchMode mode) {
    public DocumentResults {
        documents = List.copyOf(documents);
    }

    /** Every passage of every document, document by document, best first within each. */
    public List<SearchHit> passages() {
        List<SearchHit> out = new ArrayList<>();
        for (DocumentHit d : documents) {
            out.addAll(d.passages());
        }
        return out;
    }

    /**
     * The CLI's {@code search --json} array: one object per passage in {@link #passages()} order,
     * the chunk fields of {@link SearchHit#toJson()} plus {@code group} ({@link DocumentHit#group()}).
     */
    public List<Map<String, Object>> toJson() {
        List<Map<String, Object>> out = new ArrayList<>();
        for (DocumentHit d : documents) {
            out.addAll(d.chunkJson());
        }
        return out;
    }
}
