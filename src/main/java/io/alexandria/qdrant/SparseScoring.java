package io.alexandria.qdrant;

import java.io.IOException;
import org.apache.lucene.index.BinaryDocValues;
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
 * union of the postings of the query's indices (the {@code si\0NAME} terms of
 * {@link PointDocuments}), collected per segment into a bit set. A candidate's score is the dot
 * product over the shared indices, accumulated in float32 in ascending index order, read from the
 * point's encoded sparse vector (binary doc values). So the cost of a query is the length of its
 * indices' postings plus, per candidate, the length of its sparse vector.
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
    public PointQueries.LeafCandidates open(LeafReaderContext leaf) throws IOException {
        Terms fieldTerms = leaf.reader().terms(PointDocuments.sparseIndices(name));
        if (fieldTerms == null) {
            return null;
        }
        FixedBitSet candidates = null;
        TermsEnum te = fieldTerms.iterator();
        PostingsEnum postings = null;
        for (BytesRef term : terms) {
            if (!te.seekExact(term)) {
                continue;
            }
            if (candidates == null) {
                candidates = new FixedBitSet(leaf.reader().maxDoc());
            }
            postings = te.postings(postings, PostingsEnum.NONE);
            for (int doc = postings.nextDoc(); doc != DocIdSetIterator.NO_MORE_DOCS; doc = postings.nextDoc()) {
                candidates.set(doc);
            }
        }
        if (candidates == null) {
            return null;
        }
        BinaryDocValues vectors = leaf.reader().getBinaryDocValues(PointDocuments.sparse(name));
        if (vectors == null) {
            throw new IOException("sparse vector postings without stored vectors: " + name);
        }
        DocIdSetIterator it = new BitSetIterator(candidates, candidates.cardinality());
        return new PointQueries.LeafCandidates() {
            @Override
            public DocIdSetIterator iterator() {
                return it;
            }

            @Override
            public float score(int doc) throws IOException {
                if (!vectors.advanceExact(doc)) {
                    throw new IOException("document " + doc + " has postings but no sparse vector " + name);
                }
                return dot(vectors.binaryValue(), indices, weights);
            }
        };
    }

    /**
     * The dot product of an encoded sparse vector ({@link PointDocuments#encodeSparse}: big-endian
     * index and float pairs, indices ascending unsigned) with a query, over shared indices, float32.
     */
    static float dot(BytesRef encoded, int[] queryIndices, float[] queryWeights) {
        byte[] b = encoded.bytes;
        int pos = encoded.offset;
        int end = encoded.offset + encoded.length;
        int j = 0;
        float acc = 0f;
        while (pos < end && j < queryIndices.length) {
            int index = readInt(b, pos);
            int c = Integer.compareUnsigned(index, queryIndices[j]);
            if (c == 0) {
                acc += Float.intBitsToFloat(readInt(b, pos + 4)) * queryWeights[j];
                pos += 8;
                j++;
            } else if (c < 0) {
                pos += 8;
            } else {
                j++;
            }
        }
        return acc;
    }

    private static int readInt(byte[] b, int pos) {
        return (b[pos] & 0xff) << 24 | (b[pos + 1] & 0xff) << 16 | (b[pos + 2] & 0xff) << 8 | (b[pos + 3] & 0xff);
    }
}
