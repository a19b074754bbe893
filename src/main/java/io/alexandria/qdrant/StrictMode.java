package io.alexandria.qdrant;

import io.qdrant.client.grpc.Collections.CreateCollection;
import io.qdrant.client.grpc.Collections.PayloadSchemaType;
import io.qdrant.client.grpc.Collections.StrictModeConfig;
import io.qdrant.client.grpc.Common.Condition;
import io.qdrant.client.grpc.Common.FieldCondition;
import io.qdrant.client.grpc.Common.Filter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Qdrant's strict mode for the local server: the {@code strict_mode_config} of a collection, and
 * the switch {@value LocalQdrant#STRICT_PROPERTY}{@code =true} that turns it on (with unindexed
 * filtering refused for reads and writes) for every collection created without one, so that the
 * whole app can be tested against what a strict Qdrant accepts.
 */
final class StrictMode {
    private StrictMode() {
    }

    /** Whether the system property forces strict mode. */
    static boolean forced() {
        return Boolean.parseBoolean(System.getProperty(LocalQdrant.STRICT_PROPERTY, "false"));
    }

    /**
     * Refuses a filter that conditions on a payload key without a suitable payload index, when
     * the collection's strict mode is enabled with {@code unindexed_filtering_retrieve=false}
     * (reads: {@code update=false}) or {@code unindexed_filtering_update=false} (filtered writes:
     * {@code update=true}), as Qdrant: INVALID_ARGUMENT "Bad request: Index required but not found
     * for \"KEY\" of one of the following types: [TYPES]. Help: Create an index for this key or use
     * a different filter." Keys inside {@code nested} conditions are checked as
     * {@code KEY[].INNER}.
     */
    static void check(StrictModeConfig config, Filter filter, Map<String, PayloadIndex> indexes, boolean update) {
        if (filter == null || !config.getEnabled()) {
            return;
        }
        boolean refuse = update ? config.hasUnindexedFilteringUpdate() && !config.getUnindexedFilteringUpdate()
                : config.hasUnindexedFilteringRetrieve() && !config.getUnindexedFilteringRetrieve();
        if (refuse) {
            checkFilter(filter, "", indexes);
        }
    }

    private static void checkFilter(Filter f, String prefix, Map<String, PayloadIndex> indexes) {
        List<Condition> all = new ArrayList<>(f.getMustList());
        all.addAll(f.getShouldList());
        all.addAll(f.getMustNotList());
        all.addAll(f.getMinShould().getConditionsList());
        for (Condition c : all) {
            switch (c.getConditionOneOfCase()) {
                case FIELD -> checkField(c.getField(), prefix, indexes);
                case FILTER -> checkFilter(c.getFilter(), prefix, indexes);
                case NESTED -> checkFilter(c.getNested().getFilter(), prefix + c.getNested().getKey() + "[].", indexes);
                default -> {
                }
            }
        }
    }

    private static void checkField(FieldCondition f, String prefix, Map<String, PayloadIndex> indexes) {
        List<PayloadSchemaType> suitable = new ArrayList<>();
        if (f.hasMatch()) {
            switch (f.getMatch().getMatchValueCase()) {
                case KEYWORD, KEYWORDS, EXCEPT_KEYWORDS -> suitable.add(PayloadSchemaType.Keyword);
                case INTEGER, INTEGERS, EXCEPT_INTEGERS -> suitable.add(PayloadSchemaType.Integer);
                case BOOLEAN -> suitable.add(PayloadSchemaType.Bool);
                case TEXT, TEXT_ANY, PHRASE -> suitable.add(PayloadSchemaType.Text);
                default -> {
                }
            }
        }
        if (f.hasRange()) {
            suitable.add(PayloadSchemaType.Integer);
            suitable.add(PayloadSchemaType.Float);
        }
        if (f.hasDatetimeRange()) {
            suitable.add(PayloadSchemaType.Datetime);
        }
        if (suitable.isEmpty()) {
            return;
        }
        String key = prefix + f.getKey();
        PayloadIndex index = indexes.get(key);
        if (index != null && suitable.contains(index.type())) {
            return;
        }
        String types = String.join(", ", suitable.stream().map(t -> t.name().toLowerCase(Locale.ROOT)).toList());
        throw QdrantErrors.badRequest("Index required but not found for \"" + key + "\" of one of the following types: ["
                + types + "]. Help: Create an index for this key or use a different filter.");
    }

    /** The create request with strict mode on when forced and the request does not set it. */
    static CreateCollection apply(CreateCollection request) {
        if (!forced() || request.hasStrictModeConfig()) {
            return request;
        }
        return request.toBuilder().setStrictModeConfig(StrictModeConfig.newBuilder().setEnabled(true)
                .setUnindexedFilteringRetrieve(false).setUnindexedFilteringUpdate(false)).build();
    }
}
