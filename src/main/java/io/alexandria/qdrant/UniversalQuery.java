package io.alexandria.qdrant;

import io.qdrant.client.grpc.Common.Condition;
import io.qdrant.client.grpc.Common.Filter;
import io.qdrant.client.grpc.Common.HasIdCondition;
import io.qdrant.client.grpc.Points.Fusion;
import io.qdrant.client.grpc.Points.OrderValue;
import io.qdrant.client.grpc.Points.PrefetchQuery;
import io.qdrant.client.grpc.Points.Query;
import io.qdrant.client.grpc.Points.QueryPointGroups;
import io.qdrant.client.grpc.Points.QueryPoints;
import io.qdrant.client.grpc.Points.Rrf;
import io.qdrant.client.grpc.Points.VectorInput;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Qdrant's universal query API over one collection (Qdrant 1.18: planning in
 * {@code lib/shard/src/query/planned_query.rs}, execution in
 * {@code lib/collection/src/shards/local_shard/query.rs} and
 * {@code lib/collection/src/collection/query.rs}).
 *
 * <p>A query is a tree of stages. A stage without {@code prefetch} reads the collection: no
 * query (points by id, score 1.0), a dense or sparse {@code nearest} vector, or {@code order_by}
 * (score 1.0, {@code order_value} set). A stage with {@code prefetch} first resolves each
 * prefetch (each keeping its own {@code limit}, default 10, and {@code score_threshold}), then
 * merges their results with its query: {@code fusion} (RRF or DBSF, {@link Fusions}), a
 * {@code nearest} re-score of the prefetched points, or {@code order_by} over them. Filters are
 * propagated down: a stage's filter is combined (AND) with its ancestors' and applied where the
 * points are read, at the leaves; re-scoring uses only the prefetched ids, as Qdrant. The root
 * stage fetches {@code offset + limit} results and skips {@code offset}.
 *
 * <p>Validation as Qdrant's {@code CollectionQueryRequest::validation}, for the root and every
 * prefetch: prefetches need a query, {@code score_threshold} needs a query other than
 * {@code order_by}, fusion cannot name a vector in {@code using}, fusion needs prefetches. Query
 * kinds the server does not implement answer UNIMPLEMENTED naming the feature.
 */
final class UniversalQuery {
    /** Default {@code limit} of a query and of a prefetch. */
    static final long DEFAULT_LIMIT = 10;

    private UniversalQuery() {
    }

    /**
     * One result of a stage.
     *
     * @param id       the point id
     * @param score    its score (1.0 for points read by id or by order)
     * @param order    the {@code order_value} of an {@code order_by} stage, or null
     * @param scrolled whether it was read by id or order (Qdrant then reports version 0)
     * @param point    the point without dense vectors when already read, or null
     */
    record Hit(PointKey id, float score, OrderValue order, boolean scrolled, StoredPoint point) {
        Hit withScore(float s) {
            return new Hit(id, s, order, scrolled, point);
        }
    }

    /**
     * The fields a query, a prefetch and a grouped query share.
     *
     * @param prefetch       sub-queries
     * @param query          the query, or null
     * @param using          the vector name ({@code ""}: the unnamed vector)
     * @param filter         the filter, or null
     * @param scoreThreshold the score threshold, or null
     * @param limit          how many results to keep
     * @param path           where the stage is in the request, for error messages ({@code ""}
     *                       for the root, {@code prefetch[0].} for a prefetch)
     */
    record Stage(List<PrefetchQuery> prefetch, Query query, String using, Filter filter, Float scoreThreshold,
                 long limit, String path) {
    }

    /** The root stage of a {@code Query} request (limit not yet including the offset). */
    static Stage stage(QueryPoints r) {
        if (r.hasLookupFrom()) {
            throw QdrantErrors.unimplemented("Query lookup_from");
        }
        long limit = r.hasLimit() ? r.getLimit() : DEFAULT_LIMIT;
        requirePositive(limit, "limit");
        return new Stage(r.getPrefetchList(), r.hasQuery() ? r.getQuery() : null, r.hasUsing() ? r.getUsing() : "",
                r.hasFilter() ? r.getFilter() : null, r.hasScoreThreshold() ? r.getScoreThreshold() : null, limit, "");
    }

    /** The root stage of a {@code QueryGroups} request ({@code limit} is the number of groups). */
    static Stage stage(QueryPointGroups r) {
        if (r.hasLookupFrom()) {
            throw QdrantErrors.unimplemented("Query lookup_from");
        }
        long limit = r.hasLimit() ? r.getLimit() : DEFAULT_LIMIT;
        requirePositive(limit, "limit");
        return new Stage(r.getPrefetchList(), r.hasQuery() ? r.getQuery() : null, r.hasUsing() ? r.getUsing() : "",
                r.hasFilter() ? r.getFilter() : null, r.hasScoreThreshold() ? r.getScoreThreshold() : null, limit, "");
    }

    private static Stage stage(PrefetchQuery p, String path) {
        if (p.hasLookupFrom()) {
            throw QdrantErrors.unimplemented("Query lookup_from");
        }
        long limit = p.hasLimit() ? p.getLimit() : DEFAULT_LIMIT;
        requirePositive(limit, path + "limit");
        return new Stage(p.getPrefetchList(), p.hasQuery() ? p.getQuery() : null, p.hasUsing() ? p.getUsing() : "",
                p.hasFilter() ? p.getFilter() : null, p.hasScoreThreshold() ? p.getScoreThreshold() : null, limit,
                path);
    }

    private static void requirePositive(long limit, String field) {
        if (limit == 0) {
            throw QdrantErrors.invalidArgument("Validation error in body: [" + field
                    + ": value 0 invalid, must be 1 or larger]");
        }
    }

    /**
     * Runs a query: the best {@code offset + limit} results of the root stage, less the first
     * {@code offset}.
     */
    static List<Hit> run(StoredCollection c, Stage root, long offset) {
        validate(root);
        List<Hit> hits = resolve(c, root, null, root.limit() + offset);
        return PointQueries.page(hits, offset, root.limit());
    }

    /**
     * Runs a stage with another limit and an extra filter (grouped queries): prefetch limits are
     * multiplied by {@code prefetchFactor}, as Qdrant's {@code increase_limit_for_group}.
     */
    static List<Hit> run(StoredCollection c, Stage root, Filter extra, long limit, long prefetchFactor) {
        validate(root);
        Stage s = new Stage(scaled(root.prefetch(), prefetchFactor), root.query(), root.using(),
                and(root.filter(), extra), root.scoreThreshold(), limit, root.path());
        return resolve(c, s, null, limit);
    }

    private static List<PrefetchQuery> scaled(List<PrefetchQuery> prefetch, long factor) {
        List<PrefetchQuery> out = new ArrayList<>();
        for (PrefetchQuery p : prefetch) {
            long limit = p.hasLimit() ? p.getLimit() : DEFAULT_LIMIT;
            out.add(p.toBuilder().setLimit(limit * factor).clearPrefetch()
                    .addAllPrefetch(scaled(p.getPrefetchList(), factor)).build());
        }
        return out;
    }

    /** Checks a stage and its prefetches as Qdrant does before running anything. */
    static void validate(Stage s) {
        Query q = s.query();
        if (q != null && q.getVariantCase() == Query.VariantCase.VARIANT_NOT_SET) {
            throw QdrantErrors.invalidArgument("Query variant is missing");
        }
        if (!s.prefetch().isEmpty() && q == null) {
            throw QdrantErrors.badRequest("A query is needed to merge the prefetches. Can't have prefetches without"
                    + " defining a query.");
        }
        if (s.scoreThreshold() != null) {
            if (q == null) {
                throw QdrantErrors.badRequest("A query is needed to use the score_threshold. Can't have "
                        + "score_threshold without defining a query.");
            }
            if (q.getVariantCase() == Query.VariantCase.ORDER_BY) {
                throw QdrantErrors.badRequest("Can't use score_threshold with an order_by query.");
            }
        }
        boolean fusion = q != null && (q.getVariantCase() == Query.VariantCase.FUSION
                || q.getVariantCase() == Query.VariantCase.RRF);
        if (fusion && !s.using().isEmpty()) {
            throw QdrantErrors.badRequest("Fusion queries cannot be combined with the 'using' field.");
        }
        if (fusion && s.prefetch().isEmpty()) {
            throw QdrantErrors.badInput("Validation failed: cannot apply Fusion without prefetches");
        }
        if (q != null) {
            supported(q);
        }
        for (int i = 0; i < s.prefetch().size(); i++) {
            validate(stage(s.prefetch().get(i), s.path() + "prefetch[" + i + "]."));
        }
    }

    private static void supported(Query q) {
        switch (q.getVariantCase()) {
            case NEAREST, ORDER_BY, FUSION, RRF -> {
            }
            case RECOMMEND -> throw QdrantErrors.unimplemented("Recommend queries");
            case DISCOVER -> throw QdrantErrors.unimplemented("Discover queries");
            case CONTEXT -> throw QdrantErrors.unimplemented("Context queries");
            case SAMPLE -> throw QdrantErrors.unimplemented("Sample queries");
            case FORMULA -> throw QdrantErrors.unimplemented("Formula queries");
            case NEAREST_WITH_MMR -> throw QdrantErrors.unimplemented("MMR queries");
            case RELEVANCE_FEEDBACK -> throw QdrantErrors.unimplemented("Relevance feedback queries");
            default -> throw QdrantErrors.invalidArgument("Malformed query");
        }
    }

    /** The AND of two filters (either may be null). */
    static Filter and(Filter a, Filter b) {
        if (a == null) {
            return b;
        }
        if (b == null) {
            return a;
        }
        return Filter.newBuilder().addMust(Condition.newBuilder().setFilter(a))
                .addMust(Condition.newBuilder().setFilter(b)).build();
    }

    private static List<Hit> resolve(StoredCollection c, Stage s, Filter inherited, long limit) {
        Filter filter = and(inherited, s.filter());
        if (s.prefetch().isEmpty()) {
            return leaf(c, s, filter, limit);
        }
        List<List<Hit>> sources = new ArrayList<>();
        for (int i = 0; i < s.prefetch().size(); i++) {
            Stage p = stage(s.prefetch().get(i), s.path() + "prefetch[" + i + "].");
            sources.add(resolve(c, p, filter, p.limit()));
        }
        return rescore(c, s, sources, limit);
    }

    private static List<Hit> leaf(StoredCollection c, Stage s, Filter filter, long limit) {
        Query q = s.query();
        if (q == null) {
            List<Hit> out = new ArrayList<>();
            for (StoredPoint p : c.scrollById(filter, null, limit, false)) {
                out.add(new Hit(p.id(), 1.0f, null, true, p));
            }
            return out;
        }
        return switch (q.getVariantCase()) {
            case NEAREST -> nearest(c, q.getNearest(), s.using(), filter, s.scoreThreshold(), limit);
            case ORDER_BY -> ordered(c, q, filter, limit);
            default -> throw QdrantErrors.invalidArgument("Malformed query");
        };
    }

    private static List<Hit> ordered(StoredCollection c, Query q, Filter filter, long limit) {
        List<Hit> out = new ArrayList<>();
        for (PointQueries.Ordered o : PointQueries.orderBy(c, q.getOrderBy(), filter, limit)) {
            out.add(new Hit(o.point().id(), 1.0f, o.value(), true, o.point()));
        }
        return out;
    }

    /** A dense or sparse nearest search. */
    static List<Hit> nearest(StoredCollection c, VectorInput input, String using, Filter filter, Float threshold,
                             long limit) {
        List<PointQueries.Hit> found = switch (input.getVariantCase()) {
            case DENSE -> PointQueries.nearestDense(c, using, input.getDense().getDataList(), filter, threshold, limit);
            case SPARSE -> PointQueries.nearestSparse(c, using, SparseVector.of(input.getSparse().getIndicesList(),
                    input.getSparse().getValuesList()), filter, threshold, limit);
            case ID -> throw QdrantErrors.unimplemented("Query by point id");
            case MULTI_DENSE -> throw QdrantErrors.unimplemented("Multivectors");
            case DOCUMENT, IMAGE, OBJECT -> throw QdrantErrors.unimplemented("Inference (document/image/object)");
            default -> throw QdrantErrors.invalidArgument("VectorInput variant is missing");
        };
        List<Hit> out = new ArrayList<>(found.size());
        for (PointQueries.Hit h : found) {
            out.add(new Hit(h.id(), h.score(), null, false, h.point()));
        }
        return out;
    }

    private static List<Hit> rescore(StoredCollection c, Stage s, List<List<Hit>> sources, long limit) {
        Query q = s.query();
        return switch (q.getVariantCase()) {
            case FUSION -> {
                List<Hit> fused = switch (q.getFusion()) {
                    case RRF -> Fusions.rrf(sources, Fusions.DEFAULT_RRF_K, List.of());
                    case DBSF -> Fusions.dbsf(sources);
                    default -> throw QdrantErrors.invalidArgument("invalid fusion type value " + q.getFusionValue());
                };
                yield cut(fused, s.scoreThreshold(), limit);
            }
            case RRF -> {
                Rrf rrf = q.getRrf();
                yield cut(Fusions.rrf(sources, rrf.hasK() ? Integer.toUnsignedLong(rrf.getK()) : Fusions.DEFAULT_RRF_K,
                        rrf.getWeightsList()), s.scoreThreshold(), limit);
            }
            case NEAREST -> {
                Filter ids = idsOf(sources);
                yield nearest(c, q.getNearest(), s.using(), ids, s.scoreThreshold(), limit);
            }
            case ORDER_BY -> ordered(c, q, idsOf(sources), limit);
            default -> throw QdrantErrors.invalidArgument("Malformed query");
        };
    }

    /** Qdrant's fusion cut: results while their score is at least the threshold, then the limit. */
    private static List<Hit> cut(List<Hit> fused, Float threshold, long limit) {
        List<Hit> out = new ArrayList<>();
        for (Hit h : fused) {
            if ((threshold != null && h.score() < threshold) || out.size() >= limit) {
                break;
            }
            out.add(h);
        }
        return out;
    }

    /** A filter selecting exactly the points of the sources (Qdrant's {@code filter_with_sources_ids}). */
    private static Filter idsOf(List<List<Hit>> sources) {
        Set<PointKey> ids = new LinkedHashSet<>();
        sources.forEach(list -> list.forEach(h -> ids.add(h.id())));
        HasIdCondition.Builder has = HasIdCondition.newBuilder();
        ids.forEach(id -> has.addHasId(id.toProto()));
        return Filter.newBuilder().addMust(Condition.newBuilder().setHasId(has)).build();
    }

    /**
     * Score fusion as Qdrant 1.18: RRF ({@code lib/segment/src/common/reciprocal_rank_fusion.rs})
     * and DBSF ({@code lib/segment/src/common/score_fusion.rs}). Results are best first; Qdrant
     * leaves the order of equal scores unspecified, here they come by id.
     */
    static final class Fusions {
        /** Qdrant's {@code DEFAULT_RRF_K}. */
        static final long DEFAULT_RRF_K = 2;

        private Fusions() {
        }

        /**
         * Reciprocal rank fusion: a point at 0-based position {@code pos} of source {@code i}
         * gets {@code 1 / ((pos + 1) / w_i + k - 1)} (float32; {@code 1 / (pos + k)} with the
         * default weight 1; 0 for a weight {@code <= 0}), summed over the sources it appears in.
         * Source scores are ignored; the first occurrence of a point keeps its other fields.
         *
         * @param weights one per source, or empty for all 1
         * @throws io.grpc.StatusRuntimeException INVALID_ARGUMENT when the weights do not match the
         *                                        sources
         */
        static List<Hit> rrf(List<List<Hit>> sources, long k, List<Float> weights) {
            if (!weights.isEmpty() && weights.size() != sources.size()) {
                throw QdrantErrors.badInput("Validation failed: Number of weights in RRF should match number of "
                        + "pre-fetches: got " + weights.size() + ", expected " + sources.size());
            }
            Map<PointKey, Hit> byId = new LinkedHashMap<>();
            for (int i = 0; i < sources.size(); i++) {
                float weight = weights.isEmpty() ? 1f : weights.get(i);
                List<Hit> source = sources.get(i);
                for (int pos = 0; pos < source.size(); pos++) {
                    float score = positionScore(pos, k, weight);
                    Hit h = source.get(pos);
                    Hit seen = byId.get(h.id());
                    byId.put(h.id(), seen == null ? h.withScore(score) : seen.withScore(seen.score() + score));
                }
            }
            return bestFirst(byId);
        }

        /** Qdrant's {@code position_score}. */
        static float positionScore(int pos, long k, float weight) {
            if (weight <= 0f) {
                return 0f;
            }
            return 1.0f / ((float) (pos + 1) / weight + (float) k - 1.0f);
        }

        /**
         * Distribution-based score fusion: each source's scores are normalised with its mean and
         * sample standard deviation (Welford, float32) to {@code (s - (mean - 3 sd)) / (6 sd)} (a
         * single result, or all equal scores, become 0.5), then summed per point.
         */
        static List<Hit> dbsf(List<List<Hit>> sources) {
            Map<PointKey, Hit> byId = new LinkedHashMap<>();
            for (List<Hit> source : sources) {
                for (Hit h : normalised(source)) {
                    Hit seen = byId.get(h.id());
                    byId.put(h.id(), seen == null ? h : seen.withScore(seen.score() + h.score()));
                }
            }
            return bestFirst(byId);
        }

        private static List<Hit> normalised(List<Hit> points) {
            if (points.size() < 2) {
                return points.stream().map(h -> h.withScore(0.5f)).toList();
            }
            float mean = 0f;
            float aggregate = 0f;
            int k = 1;
            for (Hit h : points) {
                float oldDelta = h.score() - mean;
                mean += oldDelta / (float) k;
                float delta = h.score() - mean;
                aggregate += oldDelta * delta;
                k++;
            }
            float variance = aggregate / ((float) points.size() - 1f);
            float sd = (float) Math.sqrt(variance);
            float min = mean - 3f * sd;
            float max = mean + 3f * sd;
            if (min == max) {
                return points.stream().map(h -> h.withScore(0.5f)).toList();
            }
            return points.stream().map(h -> h.withScore((h.score() - min) / (max - min))).toList();
        }

        private static List<Hit> bestFirst(Map<PointKey, Hit> byId) {
            List<Hit> out = new ArrayList<>(byId.values());
            out.sort(Comparator.comparing(Hit::score, Comparator.reverseOrder()).thenComparing(Hit::id));
            return out;
        }
    }
}
