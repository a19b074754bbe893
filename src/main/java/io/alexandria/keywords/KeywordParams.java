package io.alexandria.keywords;

/**
 * The constants of the document weights {@link KeywordEncoder} computes (Okapi BM25's term
 * part, see there). They are part of the index format: every host must encode with the same
 * values, so they are fixed here and never read from settings; changing them means re-encoding
 * every chunk (not re-embedding: the sparse vector is computed from the payload text alone).
 *
 * @param k1            term-frequency saturation (BM25's k1 ≥ 0; 0 ignores repetitions)
 * @param b             length normalisation in [0, 1] (0: none, 1: full)
 * @param averageLength the average weighted term count of a chunk that length is normalised
 *                      against (BM25's avgdl, fixed instead of measured so that every host
 *                      computes the same weight without knowing the collection)
 * @param titleWeight   how many occurrences one title term counts for
 * @param headingWeight how many occurrences one heading-path term counts for
 */
public record KeywordParams(double k1, double b, double averageLength, double titleWeight, double headingWeight) {
    /**
     * k1 = 1.2 and b = 0.75 (the usual BM25 defaults, also Lucene's {@code BM25Similarity} and
     * FastEmbed's {@code Qdrant/bm25}); averageLength = 64 terms, the mean weighted term count of
     * the 4,052 chunks (at most 256 model tokens each) of the repository's three test corpora,
     * measured by {@code mvn -q test-compile exec:exec@bench -Dbench=keywords} (Tasks vault 59.1,
     * books 113.2, Japanese Vue docs 50.9); title and heading terms count once, as if written once
     * in the chunk (weights 2 and 0 measured no better on the dev questions).
     */
    public static final KeywordParams DEFAULT = new KeywordParams(1.2, 0.75, 64, 1, 1);

    /**
     * @throws IllegalArgumentException when a value is out of its range
     */
    public KeywordParams {
        if (!(k1 >= 0) || !(b >= 0 && b <= 1) || !(averageLength > 0) || !(titleWeight >= 0) || !(headingWeight >= 0)) {
            throw new IllegalArgumentException("bad keyword parameters: k1=" + k1 + " b=" + b + " avg=" + averageLength
                    + " title=" + titleWeight + " heading=" + headingWeight);
        }
    }
}
