package io.alexandria.bench;

import io.alexandria.search.SearchHit;
import io.alexandria.search.SearchService;
import java.util.List;

/**
 * The app's current search pipeline, {@link SearchService} exactly as the window and the CLI call
 * it (no filter), asked for {@link DenseRetriever#CHUNKS} chunks, collapsed to documents.
 */
final class SearchServiceRetriever implements Retriever {
    private final SearchService search;
    private final EvalCorpus corpus;

    SearchServiceRetriever(SearchService search, EvalCorpus corpus) {
        this.search = search;
        this.corpus = corpus;
    }

    @Override
    public String name() {
        return "app search";
    }

    @Override
    public List<String> rankDocuments(String question, int k) throws Exception {
        List<SearchHit> hits = search.search(question, DenseRetriever.CHUNKS, null);
        return Retriever.collapse(hits.stream().map(h -> corpus.documentOf(h.payload())).toList(), k);
    }
}
