package io.alexandria.search;

/** How a {@link DocumentSearch} answer was found. */
public enum SearchMode {
    /**
     * Dense and keyword legs fused by Reciprocal Rank Fusion; scores are RRF scores (Qdrant:
     * Σ over legs of 1 / (k + 0-based rank), k = 2), comparable only within one answer.
     */
    HYBRID,
    /**
     * Dense leg alone (the collection has no keyword sparse vector yet, or the server cannot fuse);
     * scores are cosine similarities in [-1, 1].
     */
    DENSE,
    /**
     * Keyword leg alone: the question is in a language the model was not trained on (a Japanese
     * question with an English model, {@link QueryEmbedding#covers}), whose dense vectors would
     * only add noise to the fusion; scores are BM25 scores (Σ idf · weight).
     */
    KEYWORDS
}
