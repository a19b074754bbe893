package io.alexandria.bench;

import io.alexandria.search.DocumentHit;
import io.alexandria.search.DocumentResults;
import io.alexandria.search.DocumentSearch;
import io.alexandria.search.SearchMode;
import java.util.ArrayList;
import java.util.List;

/**
 * Hybrid RRF grouped by document: {@link DocumentSearch} exactly as the app will call it (no
 * filter), asked for {@code k} documents; each document named by its best passage's payload.
 * Fails when the dense leg answered alone, so a dense fallback is never reported under this name
 * (a Japanese question answered by the keyword leg alone, {@link SearchMode#KEYWORDS}, is the
 * service's choice and counts).
 */
final class GroupedHybridRetriever implements Retriever {
    private final DocumentSearch search;
    private final EvalCorpus corpus;

    GroupedHybridRetriever(DocumentSearch search, EvalCorpus corpus) {
        this.search = search;
        this.corpus = corpus;
    }

    @Override
    public String name() {
        return "hybrid RRF grouped";
    }

    @Override
    public List<String> rankDocuments(String question, int k) throws Exception {
        DocumentResults r = search.search(question, k, null);
        if (r.mode() == SearchMode.DENSE) {
            throw new IllegalStateException("DocumentSearch answered with the dense leg alone for: " + question);
        }
        List<String> docs = new ArrayList<>();
        for (DocumentHit d : r.documents()) {
            docs.add(corpus.documentOf(d.passages().getFirst().payload()));
        }
        return Retriever.collapse(docs, k);
    }
}
