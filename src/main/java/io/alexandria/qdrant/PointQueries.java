package io.alexandria.qdrant;

import io.qdrant.client.grpc.Collections.Modifier;
import io.qdrant.client.grpc.Collections.PayloadSchemaType;
import io.qdrant.client.grpc.Common.Filter;
import io.qdrant.client.grpc.JsonWithInt.Value;
import io.qdrant.client.grpc.Points.Direction;
import io.qdrant.client.grpc.Points.FacetHit;
import io.qdrant.client.grpc.Points.FacetValue;
import io.qdrant.client.grpc.Points.OrderBy;
import io.qdrant.client.grpc.Points.OrderValue;
import io.qdrant.client.grpc.Points.StartFrom;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.PriorityQueue;
import org.apache.lucene.index.FloatVectorValues;
import org.apache.lucene.index.IndexReader;
import org.apache.lucene.index.KnnVectorValues;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.SortedDocValues;
import org.apache.lucene.index.SortedNumericDocValues;
import org.apache.lucene.index.SortedSetDocValues;
import org.apache.lucene.search.ConjunctionUtils;
import org.apache.lucene.search.DocIdSetIterator;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.MatchAllDocsQuery;
import org.apache.lucene.search.ScoreMode;
import org.apache.lucene.search.Scorer;
import org.apache.lucene.search.Weight;
import org.apache.lucene.util.Bits;
import org.apache.lucene.util.BytesRef;
import org.apache.lucene.util.NumericUtils;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Read-side algorithms over one collection's Lucene index: exact nearest-neighbour search,
 * {@code order_by} (over the order doc values) and facets (over the facet doc values). Callers
 * hold the collection's read lock.
 */
final class PointQueries {
    private PointQueries() {
    }

    /**
     * A search result before its point is read (except when a filter had to be checked on it).
     *
     * @param id    the point id
     * @param score its score
     * @param point the point without dense vectors when already read, else null
     */
    record Hit(PointKey id, float score, StoredPoint point) {
    }

    /**
     * The candidates of one index segment (Lucene leaf) and how to score them.
     */
    interface LeafCandidates {
        /** The candidate documents in increasing order. */
        DocIdSetIterator iterator();

        /** The score of the document the iterator is on. */
        float score(int doc) throws IOException;

        /** Whether the iterator already leaves out what the filter given to {@code open} excludes. */
        default boolean filtered() {
            return false;
        }
    }

    /** Where a search's candidates come from: dense vectors or sparse postings. */
    interface CandidateSource {
        /** Called once with the searcher before the leaves are opened (collection statistics). */
        default void prepare(IndexSearcher searcher) throws IOException {
        }

        /** What identifies this source's scores in a {@link #withScoreCache} scope (null: not cached). */
        default Object cacheKey() {
            return null;
        }

        /**
         * The leaf's candidates, or null when it has none.
         *
         * @param filter the documents the filter's index query matches in this leaf (null: all); a
         *               source may consume it and answer {@link LeafCandidates#filtered()}
         */
        LeafCandidates open(LeafReaderContext leaf, DocIdSetIterator filter) throws IOException;
    }

    /** The point of a hit, read (again) when not yet read or when its vectors are wanted. */
    static StoredPoint load(StoredCollection c, Hit h, boolean loadVectors) {
        if (h.point() != null && (!loadVectors || h.point().vectors().isEmpty())) {
            return h.point();
        }
        StoredPoint p = c.point(h.id(), loadVectors);
        if (p == null) {
            throw new IllegalStateException("point " + h.id() + " vanished during a read");
        }
        return p;
    }

    /**
     * The best {@code wanted} points for a dense query vector, best first: exact search as Qdrant.
     * The query is checked against the vector space ({@code vectorName} {@code ""} is the unnamed
     * vector), points without that vector are skipped, results come best first (highest score for
     * Cosine/Dot, smallest distance for Euclid/Manhattan; ties by id), {@code score_threshold}
     * applies. The filter runs as a Lucene query ({@link LuceneFilters}); the vectors it leaves are
     * scored with SIMD kernels straight from the memory-mapped vector file, keeping the best in a
     * heap ({@link #rank}).
     *
     * @throws io.grpc.StatusRuntimeException INVALID_ARGUMENT for an unknown vector name, a sparse
     *                                        vector name or a wrong dimension
     */
    static List<Hit> nearestDense(StoredCollection c, String vectorName, List<Float> vector, Filter filter,
                                  Float scoreThreshold, long wanted) {
        if (c.sparseSpecs().containsKey(vectorName)) {
            throw QdrantErrors.badInput("Conversion between sparse and regular vectors failed");
        }
        StoredCollection.VectorSpec spec = c.vectorSpec(vectorName);
        float[] query = c.prepareQuery(vectorName, vector);
        String field = PointDocuments.dense(vectorName);
        CandidateSource source = new CandidateSource() {
            @Override
            public LeafCandidates open(LeafReaderContext leaf, DocIdSetIterator filter) throws IOException {
                FloatVectorValues values = leaf.reader().getFloatVectorValues(field);
                if (values == null) {
                    return null;
                }
                KnnVectorValues.DocIndexIterator vit = values.iterator();
                return new LeafCandidates() {
                    @Override
                    public DocIdSetIterator iterator() {
                        return vit;
                    }

                    @Override
                    public float score(int doc) throws IOException {
                        return VectorMath.score(values.vectorValue(vit.index()), query, spec.distance());
                    }
                };
            }

            @Override
            public Object cacheKey() {
                return List.of("dense", vectorName, java.nio.FloatBuffer.wrap(query));
            }
        };
        boolean higher = VectorMath.higherIsBetter(spec.distance());
        return rank(c, filter, source, higher,
                scoreThreshold == null ? null : s -> VectorMath.passes(s, scoreThreshold, spec.distance()), wanted);
    }

    /**
     * The best {@code wanted} points for a sparse query vector, as Qdrant's sparse index: the score
     * is the dot product over the indices the point shares with the query (query weights first
     * multiplied by IDF when the sparse vector's {@code modifier} is {@code idf},
     * {@link SparseScoring}); points without the sparse vector or without a shared index are not
     * returned; higher is better, ties by id; {@code score_threshold} keeps scores at least it.
     *
     * @throws io.grpc.StatusRuntimeException INVALID_ARGUMENT when {@code vectorName} is not a
     *                                        sparse vector of the collection, or the vector is malformed
     */
    static List<Hit> nearestSparse(StoredCollection c, String vectorName, SparseVector vector, Filter filter,
                                   Float scoreThreshold, long wanted) {
        if (!c.sparseSpecs().containsKey(vectorName)) {
            if (c.hasDenseVector(vectorName)) {
                throw QdrantErrors.badInput("Conversion between sparse and regular vectors failed");
            }
            throw QdrantErrors.badInput("Not existing vector name error: " + vectorName);
        }
        if (vector.indices().length == 0) {
            c.translate(filter);
            return List.of();
        }
        boolean idf = c.sparseSpecs().get(vectorName).getModifier() == Modifier.Idf;
        CandidateSource source = new SparseScoring(vectorName, vector, idf);
        return rank(c, filter, source, true, scoreThreshold == null ? null : s -> s >= scoreThreshold, wanted);
    }

    /** Scores kept per (source, segment) while a {@link #withScoreCache} scope runs on this thread. */
    private static final ThreadLocal<Map<Object, float[]>> SCORE_CACHE = new ThreadLocal<>();

    /**
     * Runs {@code fn} remembering the scores searches compute, so that searches repeating the same
     * query with other filters (a grouped query's follow-up requests) score each point once.
     * Callers hold the collection's read lock throughout, so the index does not change.
     */
    static <T> T withScoreCache(java.util.function.Supplier<T> fn) {
        Map<Object, float[]> before = SCORE_CACHE.get();
        SCORE_CACHE.set(new HashMap<>());
        try {
            return fn.get();
        } finally {
            SCORE_CACHE.set(before);
        }
    }

    /** The cached scores of a leaf (NaN: not yet computed), or null when not caching. */
    private static float[] cachedScores(CandidateSource source, LeafReaderContext leaf) {
        Map<Object, float[]> cache = SCORE_CACHE.get();
        Object key = cache == null ? null : source.cacheKey();
        IndexReader.CacheHelper core = leaf.reader().getCoreCacheHelper();
        if (key == null || core == null) {
            return null;
        }
        return cache.computeIfAbsent(List.of(key, core.getKey()), k -> {
            float[] scores = new float[leaf.reader().maxDoc()];
            java.util.Arrays.fill(scores, Float.NaN);
            return scores;
        });
    }

    /** A score test ({@code score_threshold}). */
    interface ScoreTest {
        boolean passes(float score);
    }

    /**
     * Scores the candidates the filter leaves and keeps the best {@code wanted}, best first, ties by
     * id. With an exact filter translation a heap keeps the best; otherwise every candidate is
     * kept, sorted, and checked with {@link FilterEvaluator} best first until enough pass.
     */
    static List<Hit> rank(StoredCollection c, Filter filter, CandidateSource source, boolean higher, ScoreTest test,
                          long wanted) {
        LuceneFilters.Translated t = c.translate(filter);
        FilterEvaluator evaluator = c.evaluator();
        return c.search(s -> {
            source.prepare(s);
            Comparator<Candidate> worstFirst = (a, b) -> {
                int byScore = Float.compare(a.score, b.score);
                if (byScore != 0) {
                    return higher ? byScore : -byScore;
                }
                return b.id.compareTo(a.id);
            };
            List<Candidate> all = new ArrayList<>();
            PriorityQueue<Candidate> heap = new PriorityQueue<>(worstFirst);
            Weight w = t.query() instanceof MatchAllDocsQuery ? null
                    : s.createWeight(s.rewrite(t.query()), ScoreMode.COMPLETE_NO_SCORES, 1f);
            for (LeafReaderContext leaf : s.getIndexReader().leaves()) {
                DocIdSetIterator matching = null;
                if (w != null) {
                    Scorer scorer = w.scorer(leaf);
                    if (scorer == null) {
                        continue;
                    }
                    matching = scorer.iterator();
                }
                LeafCandidates lc = source.open(leaf, matching);
                if (lc == null) {
                    continue;
                }
                DocIdSetIterator it = lc.iterator();
                if (matching != null && !lc.filtered()) {
                    it = ConjunctionUtils.intersectIterators(List.of(matching, it));
                }
                Bits live = leaf.reader().getLiveDocs();
                SortedDocValues ids = null;
                float[] cached = cachedScores(source, leaf);
                for (int doc = it.nextDoc(); doc != DocIdSetIterator.NO_MORE_DOCS; doc = it.nextDoc()) {
                    if (live != null && !live.get(doc)) {
                        continue;
                    }
                    float score;
                    if (cached == null) {
                        score = lc.score(doc);
                    } else if (Float.isNaN(cached[doc])) {
                        score = lc.score(doc);
                        cached[doc] = score;
                    } else {
                        score = cached[doc];
                    }
                    if (test != null && !test.passes(score)) {
                        continue;
                    }
                    if (!t.exact()) {
                        all.add(new Candidate(leaf, doc, score, null));
                        continue;
                    }
                    if (heap.size() >= wanted) {
                        Candidate worst = heap.peek();
                        int cmp = Float.compare(score, worst.score);
                        if (higher ? cmp < 0 : cmp > 0) {
                            continue;
                        }
                    }
                    if (ids == null) {
                        ids = leaf.reader().getSortedDocValues(PointDocuments.ID);
                    }
                    Candidate cand = new Candidate(leaf, doc, score, idOf(ids, doc));
                    heap.add(cand);
                    if (heap.size() > wanted) {
                        heap.poll();
                    }
                }
            }
            List<Hit> hits = new ArrayList<>();
            if (t.exact()) {
                List<Candidate> best = new ArrayList<>(heap);
                best.sort(worstFirst.reversed());
                for (Candidate cand : best) {
                    hits.add(new Hit(cand.id, cand.score, null));
                }
                return hits;
            }
            all.sort((a, b) -> higher ? Float.compare(b.score, a.score) : Float.compare(a.score, b.score));
            int i = 0;
            while (i < all.size() && hits.size() < wanted) {
                float score = all.get(i).score;
                List<Hit> tied = new ArrayList<>();
                for (; i < all.size() && all.get(i).score == score; i++) {
                    Candidate cand = all.get(i);
                    StoredPoint p = PointDocuments.read(cand.leaf.reader(), cand.doc, false);
                    if (evaluator.matches(p, filter)) {
                        tied.add(new Hit(p.id(), score, p));
                    }
                }
                tied.sort(Comparator.comparing(Hit::id));
                hits.addAll(tied);
            }
            return new ArrayList<>(hits.subList(0, (int) Math.min(hits.size(), wanted)));
        });
    }

    private record Candidate(LeafReaderContext leaf, int doc, float score, PointKey id) {
    }

    private static PointKey idOf(SortedDocValues ids, int doc) throws IOException {
        if (!ids.advanceExact(doc)) {
            throw new IOException("document without id: " + doc);
        }
        BytesRef b = ids.lookupOrd(ids.ordValue());
        return PointKey.fromBytes(b.bytes, b.offset, b.length);
    }

    /** {@code items[offset .. offset+limit)}. */
    static <T> List<T> page(List<T> items, long offset, long limit) {
        int from = (int) Math.min(items.size(), offset);
        int to = (int) Math.min(items.size(), from + Math.min(limit, Integer.MAX_VALUE));
        return new ArrayList<>(items.subList(from, to));
    }

    /**
     * A point with its order value.
     *
     * @param point the point
     * @param value the value it is ordered by (an int or a float, as Qdrant's {@code OrderValue})
     */
    record Ordered(StoredPoint point, OrderValue value) {
        double numeric() {
            return value.hasInt() ? value.getInt() : value.getFloat();
        }
    }

    /**
     * {@code order_by} as Qdrant: the key needs a payload index that supports ranges (integer,
     * float, datetime), else INVALID_ARGUMENT "No range index for `order_by` key ...". Points are
     * ordered by value, then id, both ascending or both descending; {@code start_from} is
     * inclusive; a point with several values appears once, at its first value in the direction;
     * points without a value are left out.
     */
    static List<Ordered> orderBy(StoredCollection c, OrderBy orderBy, Filter filter, long max) {
        PayloadIndex index = c.indexes().get(orderBy.getKey());
        if (index == null || !index.supportsOrderBy()) {
            throw QdrantErrors.badInput("No range index for `order_by` key: `" + orderBy.getKey()
                    + "`. Please create one to use `order_by`. Check https://qdrant.tech/documentation/"
                    + "concepts/indexing/#payload-index to see which payload schemas support Range conditions");
        }
        boolean desc = orderBy.hasDirection() && orderBy.getDirection() == Direction.Desc;
        boolean floating = index.type() == PayloadSchemaType.Float;
        Double start = orderBy.hasStartFrom() ? startValue(orderBy.getStartFrom()) : null;
        LuceneFilters.Translated t = c.translate(filter);
        FilterEvaluator evaluator = c.evaluator();
        String field = PointDocuments.order(orderBy.getKey());
        record Entry(LeafReaderContext leaf, int doc, long raw, PointKey id) {
        }
        List<Entry> entries = new ArrayList<>();
        c.forEachMatch(t, (leaf, doc) -> {
            SortedNumericDocValues dv = leaf.reader().getSortedNumericDocValues(field);
            if (dv == null || !dv.advanceExact(doc)) {
                return;
            }
            Long best = null;
            for (int i = 0; i < dv.docValueCount(); i++) {
                long raw = dv.nextValue();
                double x = floating ? NumericUtils.sortableLongToDouble(raw) : raw;
                if (start != null && (desc ? x > start : x < start)) {
                    continue;
                }
                if (best == null || (desc ? compare(raw, best, floating) > 0 : compare(raw, best, floating) < 0)) {
                    best = raw;
                }
            }
            if (best == null) {
                return;
            }
            if (!t.exact() && !evaluator.matches(PointDocuments.read(leaf.reader(), doc, false), filter)) {
                return;
            }
            entries.add(new Entry(leaf, doc, best, PointDocuments.id(leaf.reader(), doc)));
        });
        Comparator<Entry> cmp = (a, b) -> compare(a.raw(), b.raw(), floating);
        cmp = cmp.thenComparing(Entry::id);
        entries.sort(desc ? cmp.reversed() : cmp);
        List<Ordered> out = new ArrayList<>();
        for (Entry e : page(entries, 0, max)) {
            OrderValue value = floating ? OrderValue.newBuilder().setFloat(NumericUtils.sortableLongToDouble(e.raw()))
                    .build() : OrderValue.newBuilder().setInt(e.raw()).build();
            out.add(new Ordered(PointDocuments.read(e.leaf().reader(), e.doc(), true), value));
        }
        return out;
    }

    private static int compare(long a, long b, boolean floating) {
        return floating ? Double.compare(NumericUtils.sortableLongToDouble(a), NumericUtils.sortableLongToDouble(b))
                : Long.compare(a, b);
    }

    private static OrderValue orderValue(Value v, PayloadSchemaType type) {
        return switch (type) {
            case Integer -> OrderValue.newBuilder().setInt(v.getIntegerValue()).build();
            case Datetime -> OrderValue.newBuilder().setInt(DateTimes.parseMicros(v.getStringValue())).build();
            default -> OrderValue.newBuilder()
                    .setFloat(v.hasIntegerValue() ? v.getIntegerValue() : v.getDoubleValue()).build();
        };
    }

    private static double startValue(StartFrom s) {
        return switch (s.getValueCase()) {
            case FLOAT -> s.getFloat();
            case INTEGER -> s.getInteger();
            case TIMESTAMP -> DateTimes.micros(s.getTimestamp());
            case DATETIME -> {
                Long micros = DateTimes.parseMicros(s.getDatetime());
                if (micros == null) {
                    throw QdrantErrors.invalidArgument("Unable to parse datetime: " + s.getDatetime());
                }
                yield micros;
            }
            default -> throw QdrantErrors.invalidArgument("Malformed start_from");
        };
    }

    /**
     * Facet counts as Qdrant: the key needs a keyword, integer, bool or uuid index (INVALID_ARGUMENT
     * "No appropriate index for faceting ..." otherwise, except on an empty collection, which
     * answers no hits as Qdrant's segments do); each point counts once per distinct value; hits are
     * ordered by count descending, then value ascending, and cut to {@code limit}.
     */
    static List<FacetHit> facet(StoredCollection c, String key, Filter filter, long limit) {
        if (c.size() == 0 || limit == 0) {
            return List.of();
        }
        PayloadIndex index = c.indexes().get(key);
        if (index == null || !index.supportsFacet()) {
            throw QdrantErrors.badInput("No appropriate index for faceting: `" + key + "`. Please create one to "
                    + "facet on this field. Check https://qdrant.tech/documentation/concepts/indexing/"
                    + "#payload-index to see which payload schemas support Match conditions");
        }
        Map<Object, Long> counts = new HashMap<>();
        LuceneFilters.Translated t = c.translate(filter);
        FilterEvaluator evaluator = c.evaluator();
        boolean integers = index.type() == PayloadSchemaType.Integer;
        c.forEachMatch(t, (leaf, doc) -> {
            if (!t.exact() && !evaluator.matches(PointDocuments.read(leaf.reader(), doc, false), filter)) {
                return;
            }
            if (integers) {
                SortedNumericDocValues dv = leaf.reader().getSortedNumericDocValues(PointDocuments.facetIntegers(key));
                if (dv != null && dv.advanceExact(doc)) {
                    Set<Long> distinct = new HashSet<>();
                    for (int i = 0; i < dv.docValueCount(); i++) {
                        distinct.add(dv.nextValue());
                    }
                    distinct.forEach(d -> counts.merge(d, 1L, Long::sum));
                }
            } else {
                SortedSetDocValues dv = leaf.reader().getSortedSetDocValues(PointDocuments.facetStrings(key));
                if (dv != null && dv.advanceExact(doc)) {
                    for (int i = 0; i < dv.docValueCount(); i++) {
                        String v = dv.lookupOrd(dv.nextOrd()).utf8ToString();
                        Object k = index.type() == PayloadSchemaType.Bool ? (Object) Boolean.valueOf(v) : v;
                        counts.merge(k, 1L, Long::sum);
                    }
                }
            }
        });
        List<Map.Entry<Object, Long>> entries = new ArrayList<>(counts.entrySet());
        entries.sort((a, b) -> {
            int byCount = Long.compare(b.getValue(), a.getValue());
            return byCount != 0 ? byCount : compareValues(a.getKey(), b.getKey());
        });
        List<FacetHit> hits = new ArrayList<>();
        for (Map.Entry<Object, Long> e : page(entries, 0, limit)) {
            FacetValue.Builder value = FacetValue.newBuilder();
            switch (e.getKey()) {
                case Long l -> value.setIntegerValue(l);
                case Boolean b -> value.setBoolValue(b);
                default -> value.setStringValue((String) e.getKey());
            }
            hits.add(FacetHit.newBuilder().setValue(value).setCount(e.getValue()).build());
        }
        return hits;
    }

    @SuppressWarnings("unchecked")
    private static int compareValues(Object a, Object b) {
        return ((Comparable<Object>) a).compareTo(b);
    }
}
