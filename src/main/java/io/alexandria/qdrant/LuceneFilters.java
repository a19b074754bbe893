package io.alexandria.qdrant;

import io.qdrant.client.grpc.Collections.PayloadSchemaType;
import io.qdrant.client.grpc.Common.Condition;
import io.qdrant.client.grpc.Common.DatetimeRange;
import io.qdrant.client.grpc.Common.FieldCondition;
import io.qdrant.client.grpc.Common.Filter;
import io.qdrant.client.grpc.Common.Match;
import io.qdrant.client.grpc.Common.Range;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import org.apache.lucene.document.DoublePoint;
import org.apache.lucene.document.LongPoint;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause.Occur;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.MatchAllDocsQuery;
import org.apache.lucene.search.MatchNoDocsQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.TermInSetQuery;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.util.BytesRef;

/**
 * Translates a Qdrant {@link Filter} into a Lucene query over the fields of {@link PointDocuments}.
 * The query always matches a superset of the points the filter holds for; when it matches exactly
 * that set, {@link Translated#exact()} is true and no point needs to be read to check it.
 * Otherwise every candidate is checked with {@link FilterEvaluator}, whose semantics stay the
 * reference.
 *
 * <p>Exact: {@code match} keyword/integer/bool/any, {@code range}, {@code datetime_range} and
 * {@code text_any} (text index) on a key with a payload index, {@code is_empty} (condition) on a key
 * with a payload index, {@code has_id}, {@code has_vector}, and
 * {@code must}/{@code should}/{@code must_not}/{@code min_should}/sub-filters of exact parts.
 * A superset: {@code text} and {@code phrase} with a text index. Left to the evaluator: keys without
 * a payload index, {@code except}, {@code values_count}, {@code is_empty} without an index, {@code is_null},
 * {@code nested}, and text matches without a text index (substring tests).
 */
final class LuceneFilters {
    /**
     * A translated filter.
     *
     * @param query matches a superset of the filter's points
     * @param exact true when it matches exactly the filter's points
     */
    record Translated(Query query, boolean exact) {
        static final Translated ALL = new Translated(new MatchAllDocsQuery(), true);
        static final Translated SUPERSET = new Translated(new MatchAllDocsQuery(), false);
    }

    private final Map<String, PayloadIndex> indexes;

    LuceneFilters(Map<String, PayloadIndex> indexes) {
        this.indexes = indexes;
    }

    /** The translation of a filter (null: every point). */
    Translated translate(Filter filter) {
        return filter == null ? Translated.ALL : filter(filter);
    }

    private Translated filter(Filter f) {
        BooleanQuery.Builder b = new BooleanQuery.Builder();
        boolean exact = true;
        boolean positive = false;
        for (Condition c : f.getMustList()) {
            Translated t = condition(c);
            exact &= t.exact();
            if (!(t.query() instanceof MatchAllDocsQuery)) {
                b.add(t.query(), Occur.FILTER);
                positive = true;
            }
        }
        if (f.getShouldCount() > 0) {
            BooleanQuery.Builder any = new BooleanQuery.Builder();
            boolean matchAll = false;
            for (Condition c : f.getShouldList()) {
                Translated t = condition(c);
                exact &= t.exact();
                matchAll |= t.query() instanceof MatchAllDocsQuery;
                any.add(t.query(), Occur.SHOULD);
            }
            if (!matchAll) {
                any.setMinimumNumberShouldMatch(1);
                b.add(any.build(), Occur.FILTER);
                positive = true;
            }
        }
        if (f.hasMinShould()) {
            List<Translated> parts = f.getMinShould().getConditionsList().stream().map(this::condition).toList();
            long min = f.getMinShould().getMinCount();
            if (min > 0 && parts.stream().allMatch(Translated::exact)) {
                if (min > parts.size()) {
                    return new Translated(new MatchNoDocsQuery(), true);
                }
                BooleanQuery.Builder some = new BooleanQuery.Builder();
                parts.forEach(t -> some.add(t.query(), Occur.SHOULD));
                some.setMinimumNumberShouldMatch((int) min);
                b.add(some.build(), Occur.FILTER);
                positive = true;
            } else if (min > 0) {
                exact = false;
            }
        }
        for (Condition c : f.getMustNotList()) {
            Translated t = condition(c);
            if (t.exact()) {
                b.add(t.query(), Occur.MUST_NOT);
            } else {
                exact = false;
            }
        }
        if (!positive) {
            b.add(new MatchAllDocsQuery(), Occur.FILTER);
        }
        return new Translated(b.build(), exact);
    }

    private Translated condition(Condition c) {
        return switch (c.getConditionOneOfCase()) {
            case FIELD -> field(c.getField());
            case HAS_ID -> {
                List<BytesRef> ids = new ArrayList<>();
                c.getHasId().getHasIdList().forEach(id -> ids.add(new BytesRef(PointKey.fromProto(id).toBytes())));
                yield new Translated(new TermInSetQuery(PointDocuments.ID, ids), true);
            }
            case HAS_VECTOR -> new Translated(new TermQuery(new Term(PointDocuments.VEC,
                    c.getHasVector().getHasVector())), true);
            case FILTER -> filter(c.getFilter());
            case IS_EMPTY -> indexes.containsKey(c.getIsEmpty().getKey())
                    ? new Translated(new BooleanQuery.Builder().add(new MatchAllDocsQuery(), Occur.FILTER)
                    .add(new TermQuery(new Term(PointDocuments.NON_EMPTY, c.getIsEmpty().getKey())), Occur.MUST_NOT)
                    .build(), true)
                    : Translated.SUPERSET;
            default -> Translated.SUPERSET;
        };
    }

    private Translated field(FieldCondition f) {
        String key = f.getKey();
        PayloadIndex index = indexes.get(key);
        if (index == null || f.hasValuesCount() || f.hasIsEmpty() || f.hasIsNull()) {
            return Translated.SUPERSET;
        }
        if (index.type() == PayloadSchemaType.Text && f.hasMatch() && isText(f.getMatch())) {
            return text(key, f.getMatch(), index);
        }
        BooleanQuery.Builder any = new BooleanQuery.Builder();
        boolean exact = true;
        int parts = 0;
        if (f.hasMatch()) {
            Translated t = match(key, f.getMatch());
            exact &= t.exact();
            any.add(t.query(), Occur.SHOULD);
            parts++;
        }
        if (f.hasRange()) {
            any.add(range(key, f.getRange()), Occur.SHOULD);
            parts++;
        }
        if (f.hasDatetimeRange()) {
            any.add(datetimeRange(key, f.getDatetimeRange()), Occur.SHOULD);
            parts++;
        }
        if (parts == 0) {
            return Translated.SUPERSET;
        }
        any.setMinimumNumberShouldMatch(1);
        return new Translated(any.build(), exact);
    }

    private static boolean isText(Match m) {
        return switch (m.getMatchValueCase()) {
            case TEXT, TEXT_ANY, PHRASE -> true;
            default -> false;
        };
    }

    private static Translated text(String key, Match m, PayloadIndex index) {
        String text = switch (m.getMatchValueCase()) {
            case TEXT -> m.getText();
            case PHRASE -> m.getPhrase();
            default -> m.getTextAny();
        };
        List<String> tokens = new ArrayList<>(new LinkedHashSet<>(TextTokens.tokens(text, index.textParams())));
        if (tokens.isEmpty()) {
            return new Translated(new MatchNoDocsQuery(), true);
        }
        boolean any = m.getMatchValueCase() == Match.MatchValueCase.TEXT_ANY;
        BooleanQuery.Builder b = new BooleanQuery.Builder();
        for (String t : tokens) {
            b.add(new TermQuery(new Term(PointDocuments.tokens(key), t)), any ? Occur.SHOULD : Occur.FILTER);
        }
        if (any) {
            b.setMinimumNumberShouldMatch(1);
        }
        return new Translated(b.build(), any);
    }

    private static Translated match(String key, Match m) {
        return switch (m.getMatchValueCase()) {
            case KEYWORD -> new Translated(new TermQuery(new Term(PointDocuments.strings(key), m.getKeyword())), true);
            case KEYWORDS -> new Translated(new TermInSetQuery(PointDocuments.strings(key),
                    m.getKeywords().getStringsList().stream().map(BytesRef::new).toList()), true);
            case INTEGER -> new Translated(LongPoint.newExactQuery(PointDocuments.integers(key), m.getInteger()), true);
            case INTEGERS -> new Translated(LongPoint.newSetQuery(PointDocuments.integers(key),
                    m.getIntegers().getIntegersList()), true);
            case BOOLEAN -> new Translated(new TermQuery(new Term(PointDocuments.bools(key),
                    Boolean.toString(m.getBoolean()))), true);
            default -> Translated.SUPERSET;
        };
    }

    private static Query range(String key, Range r) {
        double lower = Double.NEGATIVE_INFINITY;
        double upper = Double.POSITIVE_INFINITY;
        if (r.hasGte()) {
            lower = Math.max(lower, PointDocuments.normalise(r.getGte()));
        }
        if (r.hasGt()) {
            lower = Math.max(lower, Math.nextUp(PointDocuments.normalise(r.getGt())));
        }
        if (r.hasLte()) {
            upper = Math.min(upper, PointDocuments.normalise(r.getLte()));
        }
        if (r.hasLt()) {
            upper = Math.min(upper, Math.nextDown(PointDocuments.normalise(r.getLt())));
        }
        if (Double.isNaN(lower) || Double.isNaN(upper)) {
            return new MatchNoDocsQuery();
        }
        return DoublePoint.newRangeQuery(PointDocuments.numbers(key), lower, upper);
    }

    private static Query datetimeRange(String key, DatetimeRange r) {
        long lower = Long.MIN_VALUE;
        long upper = Long.MAX_VALUE;
        if (r.hasGte()) {
            lower = Math.max(lower, DateTimes.micros(r.getGte()));
        }
        if (r.hasGt()) {
            long gt = DateTimes.micros(r.getGt());
            if (gt == Long.MAX_VALUE) {
                return new MatchNoDocsQuery();
            }
            lower = Math.max(lower, gt + 1);
        }
        if (r.hasLte()) {
            upper = Math.min(upper, DateTimes.micros(r.getLte()));
        }
        if (r.hasLt()) {
            long lt = DateTimes.micros(r.getLt());
            if (lt == Long.MIN_VALUE) {
                return new MatchNoDocsQuery();
            }
            upper = Math.min(upper, lt - 1);
        }
        return LongPoint.newRangeQuery(PointDocuments.datetimes(key), lower, upper);
    }
}
