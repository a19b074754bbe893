package io.alexandria.qdrant;

import io.qdrant.client.grpc.Collections.PayloadIndexParams;
import io.qdrant.client.grpc.Collections.PayloadSchemaType;

/**
 * A payload field index as declared by {@code CreateFieldIndex}. Its values are indexed in Lucene
 * ({@link PointDocuments}) so that filters on the key run as index queries, and it changes
 * behaviour the way it does in Qdrant: it is required by
 * {@code order_by} (integer/float/datetime) and facets (keyword/integer/bool/uuid), and a text
 * index turns {@code match text} from a substring test into a token match.
 *
 * @param type   the schema type
 * @param params the index parameters as given, or null
 */
record PayloadIndex(PayloadSchemaType type, PayloadIndexParams params) {

    /** Whether Qdrant can order by this index: integer (with range, the default), float, datetime. */
    boolean supportsOrderBy() {
        return switch (type) {
            case Integer -> params == null || !params.hasIntegerIndexParams()
                    || !params.getIntegerIndexParams().hasRange() || params.getIntegerIndexParams().getRange();
            case Float, Datetime -> true;
            default -> false;
        };
    }

    /** The text index parameters, or null. */
    io.qdrant.client.grpc.Collections.TextIndexParams textParams() {
        return params != null && params.hasTextIndexParams() ? params.getTextIndexParams() : null;
    }

    /**
     * Whether the index serves {@code match} conditions, as Qdrant's {@code supports_match}
     * ({@code lib/segment/src/types.rs}): keyword, uuid, bool, and integer (with explicit integer
     * params only when {@code lookup} is true).
     */
    boolean supportsMatch() {
        return switch (type) {
            case Keyword, Uuid, Bool -> true;
            case Integer -> params == null || !params.hasIntegerIndexParams()
                    || (params.getIntegerIndexParams().hasLookup() && params.getIntegerIndexParams().getLookup());
            default -> false;
        };
    }

    /** Whether Qdrant can facet on this index: keyword, integer, bool, uuid. */
    boolean supportsFacet() {
        return switch (type) {
            case Keyword, Integer, Bool, Uuid -> true;
            default -> false;
        };
    }
}
