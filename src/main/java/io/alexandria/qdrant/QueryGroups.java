package io.alexandria.qdrant;

import io.qdrant.client.grpc.Collections.Distance;
import io.qdrant.client.grpc.Collections.StrictModeConfig;
import io.qdrant.client.grpc.Common.Condition;
import io.qdrant.client.grpc.Common.FieldCondition;
import io.qdrant.client.grpc.Common.Filter;
import io.qdrant.client.grpc.Common.HasIdCondition;
import io.qdrant.client.grpc.Common.IsEmptyCondition;
import io.qdrant.client.grpc.Common.Match;
import io.qdrant.client.grpc.Common.RepeatedIntegers;
import io.qdrant.client.grpc.Common.RepeatedStrings;
import io.qdrant.client.grpc.JsonWithInt.Value;
import io.qdrant.client.grpc.Points.Direction;
import io.qdrant.client.grpc.Points.GroupId;
import io.qdrant.client.grpc.Points.OrderValue;
import io.qdrant.client.grpc.Points.PointGroup;
import io.qdrant.client.grpc.Points.Query;
import io.qdrant.client.grpc.Points.QueryPointGroups;
import io.qdrant.client.grpc.Points.WithPayloadSelector;
import io.qdrant.client.grpc.Points.WithVectorsSelector;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Grouped queries ({@code Points/QueryGroups}) as Qdrant 1.18 ({@code
 * lib/collection/src/grouping/group_by.rs} and {@code aggregator.rs}).
 *
 * <p>The query runs (with {@link UniversalQuery}) for {@code limit * group_size} points, prefetch
 * limits multiplied by {@code group_size}, and the filter extended with "{@code group_by} is not
 * empty". Each point joins the group of every distinct value at {@code group_by} (arrays join each
 * group they name); a value that is not a string or an integer leaves the point out. Groups are
 * ranked by their best hit (the query's order: highest score, smallest distance, or the
 * {@code order_by} direction; ties as first seen) and the best {@code limit} are returned, each
 * with its best {@code group_size} hits. As Qdrant, up to 5 more requests look for more groups
 * (excluding full groups and the points already seen) until the best {@code limit} groups are
 * full, then up to 5 requests fill the best groups that are not. The group id is the value:
 * {@code string_value}, {@code unsigned_value} for integers {@code >= 0}, {@code integer_value}
 * for negative ones. With a payload index on {@code group_by}, the requests' filters ("not
 * empty", group values, seen ids) run as index queries, except {@code except} on the values of
 * full groups, which is checked on the best candidates; each point's score is computed once for
 * all the requests ({@link PointQueries#withScoreCache}).
 *
 * <p>Defaults: {@code limit} 10 groups, {@code group_size} 3, no payload, no vectors. Strict mode
 * (with {@code unindexed_filtering_retrieve=false}) refuses a {@code group_by} key without an
 * index that serves {@code match} (keyword, integer, uuid, bool), as Qdrant's
 * {@code check_grouping_field}. {@code with_lookup} and {@code lookup_from} answer UNIMPLEMENTED.
 */
final class QueryGroups {
    private static final int MAX_GET_GROUPS_REQUESTS = 5;
    private static final int MAX_GROUP_FILLING_REQUESTS = 5;
    /** Qdrant's {@code DEFAULT_GROUP_SIZE}. */
    static final long DEFAULT_GROUP_SIZE = 3;

    private QueryGroups() {
    }

    /** Runs a grouped query. */
    static List<PointGroup> run(StoredCollection c, QueryPointGroups r) {
        if (r.hasWithLookup()) {
            throw QdrantErrors.unimplemented("Grouped query with_lookup");
        }
        if (r.getGroupBy().isEmpty()) {
            throw QdrantErrors.invalidArgument("Validation error in body: [group_by: length is invalid, must be 1 "
                    + "or larger]");
        }
        JsonPath.parse(r.getGroupBy());
        long groupSize = r.hasGroupSize() ? r.getGroupSize() : DEFAULT_GROUP_SIZE;
        if (groupSize == 0) {
            throw QdrantErrors.invalidArgument("Validation error in body: [group_size: value 0 invalid, must be 1 "
                    + "or larger]");
        }
        UniversalQuery.Stage stage = UniversalQuery.stage(r);
        UniversalQuery.validate(stage);
        checkStrict(c, r, stage);
        long groups = stage.limit();
        Aggregator agg = new Aggregator(c, r.getGroupBy(), (int) Math.min(groups, Integer.MAX_VALUE),
                (int) Math.min(groupSize, Integer.MAX_VALUE), order(c, stage));
        Filter notEmpty = Filter.newBuilder().addMustNot(Condition.newBuilder()
                .setIsEmpty(IsEmptyCondition.newBuilder().setKey(r.getGroupBy()))).build();
        long perRequest = groups * groupSize;
        Requests requests = (extra, seen, limit) -> UniversalQuery.run(c, stage,
                UniversalQuery.and(notEmpty, UniversalQuery.and(extra, excludeIds(seen))), limit, groupSize);
        StoredCollection.internal(() -> PointQueries.withScoreCache(() -> {
            boolean needsFilling = true;
            for (int i = 0; i < MAX_GET_GROUPS_REQUESTS; i++) {
                List<UniversalQuery.Hit> hits = requests.next(conditions(r.getGroupBy(), agg.fullGroupKeys(), true),
                        agg.ids(), perRequest);
                if (hits.isEmpty()) {
                    break;
                }
                agg.add(hits);
                if (agg.filledBestGroups() >= groups) {
                    needsFilling = false;
                    break;
                }
            }
            if (needsFilling) {
                for (int i = 0; i < MAX_GROUP_FILLING_REQUESTS; i++) {
                    List<UniversalQuery.Hit> hits = requests.next(conditions(r.getGroupBy(),
                            agg.unfilledBestGroupKeys(), false), agg.ids(), perRequest);
                    if (hits.isEmpty()) {
                        break;
                    }
                    agg.add(hits);
                    if (agg.filledBestGroups() >= groups) {
                        break;
                    }
                }
            }
            return null;
        }));
        WithPayloadSelector payload = r.hasWithPayload() && r.getWithPayload().getSelectorOptionsCase()
                != WithPayloadSelector.SelectorOptionsCase.SELECTOROPTIONS_NOT_SET ? r.getWithPayload() : null;
        WithVectorsSelector vectors = r.hasWithVectors() ? r.getWithVectors() : null;
        boolean loadVectors = PointsService.wantsVectors(r.hasWithVectors(), r.getWithVectors());
        List<PointGroup> out = new ArrayList<>();
        for (Map.Entry<Object, List<UniversalQuery.Hit>> g : agg.distill()) {
            PointGroup.Builder b = PointGroup.newBuilder().setId(groupId(g.getKey()));
            for (UniversalQuery.Hit h : g.getValue()) {
                StoredPoint p = PointQueries.load(c, new PointQueries.Hit(h.id(), h.score(), h.point()), loadVectors);
                b.addHits(PointViews.scored(p, h.score(), payload, vectors, c.hasUnnamedVector(), h.order(),
                        h.scrolled() ? 0 : p.version()));
            }
            out.add(b.build());
        }
        return out;
    }

    /**
     * One of Qdrant's follow-up requests: the query again, restricted by {@code extra} (group keys
     * to leave out or to fill; null: none) and without the points already {@code seen}.
     */
    private interface Requests {
        List<UniversalQuery.Hit> next(Filter extra, Set<PointKey> seen, long limit);
    }

    /** Qdrant's {@code check_grouping_field}, and strict mode on the request's filters. */
    private static void checkStrict(StoredCollection c, QueryPointGroups r, UniversalQuery.Stage stage) {
        c.checkStrict(stage.filter());
        StrictModeConfig strict = c.strictMode();
        if (!strict.getEnabled() || !strict.hasUnindexedFilteringRetrieve() || strict.getUnindexedFilteringRetrieve()) {
            return;
        }
        PayloadIndex index = c.indexes().get(r.getGroupBy());
        if (index == null) {
            throw QdrantErrors.badRequest("Index required but not found for \"" + r.getGroupBy()
                    + "\". Help: Create an index supporting `match` for this key.");
        }
        if (!index.supportsMatch()) {
            throw QdrantErrors.badRequest("Index of type \"" + index.type().name() + "\" found for \""
                    + r.getGroupBy() + "\". Help: Create an index supporting `match` for this key.");
        }
    }

    /** How hits compare: better first. Qdrant's {@code query_result_order}. */
    private static Comparator<UniversalQuery.Hit> order(StoredCollection c, UniversalQuery.Stage stage) {
        Comparator<UniversalQuery.Hit> byScoreDesc = Comparator.comparing(UniversalQuery.Hit::score,
                Comparator.reverseOrder());
        Query q = stage.query();
        if (q == null) {
            return (a, b) -> 0;
        }
        return switch (q.getVariantCase()) {
            case NEAREST -> {
                boolean dense = q.getNearest().hasDense() && c.hasDenseVector(stage.using());
                if (dense) {
                    Distance d = c.vectorSpec(stage.using()).distance();
                    yield VectorMath.higherIsBetter(d) ? byScoreDesc : Comparator.comparing(UniversalQuery.Hit::score);
                }
                yield byScoreDesc;
            }
            case ORDER_BY -> {
                Comparator<UniversalQuery.Hit> asc = (a, b) -> compareOrder(a.order(), b.order());
                boolean desc = q.getOrderBy().hasDirection() && q.getOrderBy().getDirection() == Direction.Desc;
                yield desc ? asc.reversed() : asc;
            }
            default -> byScoreDesc;
        };
    }

    private static int compareOrder(OrderValue a, OrderValue b) {
        if (a == null || b == null) {
            return 0;
        }
        if (a.hasInt() && b.hasInt()) {
            return Long.compare(a.getInt(), b.getInt());
        }
        double x = a.hasInt() ? a.getInt() : a.getFloat();
        double y = b.hasInt() ? b.getInt() : b.getFloat();
        return Double.compare(x, y);
    }

    /**
     * Qdrant's {@code except_on} ({@code except} true) and {@code match_on}: per value kind one
     * condition on the key, {@code except} or {@code any} of the integers, then of the strings;
     * null when there are no keys.
     */
    private static Filter conditions(String key, List<Object> keys, boolean except) {
        List<Long> ints = new ArrayList<>();
        List<String> strings = new ArrayList<>();
        for (Object k : keys) {
            if (k instanceof Long l) {
                ints.add(l);
            } else {
                strings.add((String) k);
            }
        }
        Filter.Builder f = Filter.newBuilder();
        if (!ints.isEmpty()) {
            RepeatedIntegers values = RepeatedIntegers.newBuilder().addAllIntegers(ints).build();
            Match m = except ? Match.newBuilder().setExceptIntegers(values).build()
                    : Match.newBuilder().setIntegers(values).build();
            f.addMust(Condition.newBuilder().setField(FieldCondition.newBuilder().setKey(key).setMatch(m)));
        }
        if (!strings.isEmpty()) {
            RepeatedStrings values = RepeatedStrings.newBuilder().addAllStrings(strings).build();
            Match m = except ? Match.newBuilder().setExceptKeywords(values).build()
                    : Match.newBuilder().setKeywords(values).build();
            f.addMust(Condition.newBuilder().setField(FieldCondition.newBuilder().setKey(key).setMatch(m)));
        }
        return f.getMustCount() == 0 ? null : f.build();
    }

    private static Filter excludeIds(Set<PointKey> ids) {
        if (ids.isEmpty()) {
            return null;
        }
        HasIdCondition.Builder has = HasIdCondition.newBuilder();
        ids.forEach(id -> has.addHasId(id.toProto()));
        return Filter.newBuilder().addMustNot(Condition.newBuilder().setHasId(has)).build();
    }

    private static GroupId groupId(Object key) {
        if (key instanceof Long l) {
            return l >= 0 ? GroupId.newBuilder().setUnsignedValue(l).build()
                    : GroupId.newBuilder().setIntegerValue(l).build();
        }
        return GroupId.newBuilder().setStringValue((String) key).build();
    }

    /**
     * Qdrant's {@code GroupsAggregator}: groups keyed by value (a {@link Long} or a {@link String}),
     * each with its hits by point id.
     */
    private static final class Aggregator {
        private final StoredCollection c;
        private final String groupBy;
        private final int maxGroups;
        private final int groupSize;
        private final Comparator<UniversalQuery.Hit> better;
        private final Map<Object, Map<PointKey, UniversalQuery.Hit>> groups = new LinkedHashMap<>();
        private final Set<Object> full = new LinkedHashSet<>();
        private final Map<Object, UniversalQuery.Hit> best = new LinkedHashMap<>();
        private final Set<PointKey> ids = new LinkedHashSet<>();

        Aggregator(StoredCollection c, String groupBy, int maxGroups, int groupSize,
                   Comparator<UniversalQuery.Hit> better) {
            this.c = c;
            this.groupBy = groupBy;
            this.maxGroups = maxGroups;
            this.groupSize = groupSize;
            this.better = better;
        }

        void add(List<UniversalQuery.Hit> hits) {
            for (UniversalQuery.Hit h : hits) {
                StoredPoint p = PointQueries.load(c, new PointQueries.Hit(h.id(), h.score(), h.point()), false);
                List<Object> keys = keys(p.payload());
                if (keys == null) {
                    continue;
                }
                for (Object key : keys) {
                    Map<PointKey, UniversalQuery.Hit> group = groups.computeIfAbsent(key, k -> new LinkedHashMap<>());
                    if (group.putIfAbsent(h.id(), h) == null) {
                        ids.add(h.id());
                    }
                    if (group.size() == groupSize) {
                        full.add(key);
                    }
                    UniversalQuery.Hit seen = best.get(key);
                    if (seen == null || better.compare(h, seen) < 0) {
                        best.put(key, h);
                    }
                }
            }
        }

        /** The distinct group keys of a payload, or null when a value cannot be a group id. */
        private List<Object> keys(Map<String, Value> payload) {
            LinkedHashSet<Object> keys = new LinkedHashSet<>();
            for (Value v : PointDocuments.flattened(payload, groupBy)) {
                switch (v.getKindCase()) {
                    case STRING_VALUE -> keys.add(v.getStringValue());
                    case INTEGER_VALUE -> keys.add(v.getIntegerValue());
                    default -> {
                        return null;
                    }
                }
            }
            return new ArrayList<>(keys);
        }

        /** The keys of the best groups, best first (ties as first seen). */
        private List<Object> bestKeys() {
            List<Map.Entry<Object, UniversalQuery.Hit>> entries = new ArrayList<>(best.entrySet());
            entries.sort((a, b) -> better.compare(a.getValue(), b.getValue()));
            List<Object> out = new ArrayList<>();
            for (int i = 0; i < Math.min(maxGroups, entries.size()); i++) {
                out.add(entries.get(i).getKey());
            }
            return out;
        }

        List<Object> fullGroupKeys() {
            return new ArrayList<>(full);
        }

        List<Object> unfilledBestGroupKeys() {
            List<Object> out = new ArrayList<>(bestKeys());
            out.removeAll(full);
            return out;
        }

        int filledBestGroups() {
            int n = 0;
            for (Object key : bestKeys()) {
                if (full.contains(key)) {
                    n++;
                }
            }
            return n;
        }

        Set<PointKey> ids() {
            return ids;
        }

        /** The best groups with their best hits, best first (ties by id). */
        List<Map.Entry<Object, List<UniversalQuery.Hit>>> distill() {
            List<Map.Entry<Object, List<UniversalQuery.Hit>>> out = new ArrayList<>();
            for (Object key : bestKeys()) {
                List<UniversalQuery.Hit> hits = new ArrayList<>(groups.get(key).values());
                hits.sort(better.thenComparing(UniversalQuery.Hit::id));
                out.add(Map.entry(key, new ArrayList<>(hits.subList(0, Math.min(groupSize, hits.size())))));
            }
            return out;
        }
    }
}
