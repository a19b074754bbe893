package io.alexandria.qdrant;

import java.io.IOException;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.PostingsEnum;
import org.apache.lucene.index.Term;
import org.apache.lucene.index.Terms;
import org.apache.lucene.index.TermsEnum;
import org.apache.lucene.search.DocIdSetIterator;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.util.BitSetIterator;
import org.apache.lucene.util.BytesRef;
import org.apache.lucene.util.FixedBitSet;

/**
 * Scoring of a sparse query vector over the stored sparse vectors of one name, as Qdrant's sparse
 * vector index (Qdrant 1.18: {@code lib/sparse/src/index/search_context.rs}, {@code
 * lib/segment/src/index/sparse_index/sparse_vector_index.rs}).
 *
 * <p>Candidates are the points whose sparse vector shares at least one index with the query: the
 * postings of the query's indices (the {@code si\0NAME} terms of {@link PointDocuments}, the
 * weights in their payloads, {@link SparseTokenStream}), read term at a time per segment and
 * restricted to the filter's matches. Each (point, index) entry adds the point's weight times the
 * query weight to the point's score, in ascending index order, float32: the dot product over the
 * shared indices, as Qdrant's {@code SearchContext} accumulates it. So a query costs the length of
 * its indices' posting lists, read front to back.
 *
 * <p>IDF ({@code modifier: idf}, Qdrant's {@code VectorQueryContext::remap_idf_weights} and
 * {@code fancy_idf} in {@code lib/segment/src/data_types/query_context.rs}): every query weight
 * is multiplied by {@code ln((N - n + 0.5) / (n + 0.5) + 1)} (float32), where {@code N} is the
 * number of points with a non-empty sparse vector of that name and {@code n} the number of those
 * whose vector has the index (its posting list length), both counted over the live points when
 * the query runs.
 */
final class SparseScoring implements PointQueries.CandidateSource {
    private final String name;
    private final int[] indices;
    private final float[] query;
    private final float[] weights;
    private final boolean idf;
    private final BytesRef[] terms;

    /**
     * @param name   the sparse vector name
     * @param query  the query vector (indices ascending, distinct)
     * @param idf    whether to apply IDF to the query weights
     */
    SparseScoring(String name, SparseVector query, boolean idf) {
        this.name = name;
        this.indices = query.indices();
        this.query = query.values().clone();
        this.weights = query.values().clone();
        this.idf = idf;
        this.terms = new BytesRef[indices.length];
        for (int i = 0; i < indices.length; i++) {
            terms[i] = PointDocuments.sparseTerm(indices[i]);
        }
    }

    /** The IDF of Qdrant's {@code fancy_idf}: {@code ln((n - df + 0.5) / (df + 0.5) + 1)}, float32. */
    static float idf(float n, float df) {
        return (float) Math.log((n - df + 0.5f) / (df + 0.5f) + 1f);
    }

    @Override
    public Object cacheKey() {
        return java.util.List.of("sparse", name, java.nio.IntBuffer.wrap(indices), java.nio.FloatBuffer.wrap(
                query.clone()), idf);
    }

    @Override
    public void prepare(IndexSearcher searcher) throws IOException {
        if (!idf) {
            return;
        }
        float n = searcher.count(new TermQuery(new Term(PointDocuments.SPARSE_PRESENT, name)));
        for (int i = 0; i < indices.length; i++) {
            float df = searcher.count(new TermQuery(new Term(PointDocuments.sparseIndices(name), terms[i])));
            weights[i] *= idf(n, df);
        }
    }

    @Override
    public PointQueries.LeafCandidates open(LeafReaderContext leaf, DocIdSetIterator filter) throws IOException {
        Terms fieldTerms = leaf.reader().terms(PointDocuments.sparseIndices(name));
        if (fieldTerms == null) {
            return null;
        }
        int maxDoc = leaf.reader().maxDoc();
        FixedBitSet allowed = null;
        if (filter != null) {
            allowed = new FixedBitSet(maxDoc);
            allowed.or(filter);
        }
        FixedBitSet touched = null;
        float[] scores = null;
        TermsEnum te = fieldTerms.iterator();
        PostingsEnum postings = null;
        for (int j = 0; j < terms.length; j++) {
            if (!te.seekExact(terms[j])) {
                continue;
            }
            if (touched == null) {
                touched = new FixedBitSet(maxDoc);
                scores = new float[maxDoc];
            }
            postings = te.postings(postings, PostingsEnum.PAYLOADS);
            for (int doc = postings.nextDoc(); doc != DocIdSetIterator.NO_MORE_DOCS; doc = postings.nextDoc()) {
                if (allowed != null && !allowed.get(doc)) {
                    continue;
                }
                postings.nextPosition();
                BytesRef payload = postings.getPayload();
                if (payload == null || payload.length != 4) {
                    throw new IOException("sparse vector " + name + " of document " + doc + " has no weight");
                }
                scores[doc] += SparseTokenStream.weight(payload) * weights[j];
                touched.set(doc);
            }
        }
        if (touched == null) {
            return null;
        }
        float[] leafScores = scores;
        DocIdSetIterator it = new BitSetIterator(touched, touched.cardinality());
        return new PointQueries.LeafCandidates() {
            @Override
            public DocIdSetIterator iterator() {
                return it;
            }

            @Override
            public float score(int doc) {
                return leafScores[doc];
            }

            @Override
            public boolean filtered() {
                return true;
            }
        };
    }
}
