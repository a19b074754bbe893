package io.alexandria.qdrant;

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
import org.apache.lucene.index.KnnVectorValues;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.SortedDocValues;
import org.apache.lucene.index.SortedNumericDocValues;
import org.apache.lucene.index.SortedSetDocValues;
import org.apache.lucene.search.ConjunctionUtils;
import org.apache.lucene.search.DocIdSetIterator;
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
     * A point with its score.
     *
     * @param point the point
     * @param score its similarity or distance
     */
    record Scored(StoredPoint point, float score) {
    }

    /**
     * Exact search as Qdrant: the query is checked against the vector space ({@code vectorName}
     * {@code ""} is the unnamed vector), points without that vector are skipped, results come best
     * first (highest score for Cosine/Dot, smallest distance for Euclid/Manhattan; ties by id),
     * then {@code score_threshold}, {@code offset} and {@code limit} apply. The filter runs as a
     * Lucene query ({@link LuceneFilters}); the vectors it leaves are scored with SIMD kernels
     * straight from the memory-mapped vector file, keeping the best {@code offset + limit} in a
     * heap. Candidates of an inexact translation are checked with {@link FilterEvaluator} best
     * first until enough pass.
     */
    static List<Scored> search(StoredCollection c, String vectorName, List<Float> vector, Filter filter,
                               Float scoreThreshold, long offset, long limit, boolean loadVectors) {
        StoredCollection.VectorSpec spec = c.vectorSpec(vectorName);
        float[] query = c.prepareQuery(vectorName, vector);
        LuceneFilters.Translated t = c.translate(filter);
        FilterEvaluator evaluator = c.evaluator();
        boolean higher = VectorMath.higherIsBetter(spec.distance());
        long wanted = offset + limit;
        String field = PointDocuments.dense(vectorName);
        return c.search(s -> {
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
                FloatVectorValues values = leaf.reader().getFloatVectorValues(field);
                if (values == null) {
                    continue;
                }
                KnnVectorValues.DocIndexIterator vit = values.iterator();
                DocIdSetIterator it = vit;
                if (w != null) {
                    Scorer scorer = w.scorer(leaf);
                    if (scorer == null) {
                        continue;
                    }
                    it = ConjunctionUtils.intersectIterators(List.of(scorer.iterator(), vit));
                }
                Bits live = leaf.reader().getLiveDocs();
                SortedDocValues ids = null;
                for (int doc = it.nextDoc(); doc != DocIdSetIterator.NO_MORE_DOCS; doc = it.nextDoc()) {
                    if (live != null && !live.get(doc)) {
                        continue;
                    }
                    float score = VectorMath.score(values.vectorValue(vit.index()), query, spec.distance());
                    if (scoreThreshold != null && !VectorMath.passes(score, scoreThreshold, spec.distance())) {
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
            List<Scored> hits = new ArrayList<>();
            if (t.exact()) {
                List<Candidate> best = new ArrayList<>(heap);
                best.sort(worstFirst.reversed());
                for (Candidate cand : best) {
                    hits.add(new Scored(PointDocuments.read(cand.leaf.reader(), cand.doc, loadVectors), cand.score));
                }
            } else {
                all.sort((a, b) -> higher ? Float.compare(b.score, a.score) : Float.compare(a.score, b.score));
                int i = 0;
                while (i < all.size() && hits.size() < wanted + 1) {
                    float score = all.get(i).score;
                    List<Scored> tied = new ArrayList<>();
                    for (; i < all.size() && all.get(i).score == score; i++) {
                        Candidate cand = all.get(i);
                        StoredPoint p = PointDocuments.read(cand.leaf.reader(), cand.doc, loadVectors);
                        if (evaluator.matches(p, filter)) {
                            tied.add(new Scored(p, score));
                        }
                    }
                    tied.sort(Comparator.comparing(sc -> sc.point().id()));
                    hits.addAll(tied);
                }
            }
            return page(hits, offset, limit);
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
