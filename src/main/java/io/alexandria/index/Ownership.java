package io.alexandria.index;

import static io.qdrant.client.ConditionFactory.filter;
import static io.qdrant.client.ConditionFactory.matchKeyword;

import io.alexandria.store.SourceIdentity;
import io.qdrant.client.grpc.Common.Filter;
import java.util.Collection;

/**
 * Payload filters that tell this host's points from other hosts' data in a shared collection
 * ({@code docs/architecture.md}, "Ownership"): a point belongs to a source when its {@code source}
 * and the source's identity field ({@code vault_id}, {@code library_id}) match.
 */
public final class Ownership {
    private Ownership() {
    }

    /** Every point of one source: {@code source} and its identity field match. */
    public static Filter of(SourceIdentity identity) {
        return Filter.newBuilder().addMust(matchKeyword("source", identity.source()))
                .addMust(matchKeyword(identity.field(), identity.value())).build();
    }

    /**
     * Every point of any of {@code identities} (a {@code should} of {@link #of}); with no identity
     * a filter nothing matches.
     */
    public static Filter anyOf(Collection<SourceIdentity> identities) {
        Filter.Builder f = Filter.newBuilder();
        if (identities.isEmpty()) {
            // a should with one impossible condition: matches no point
            return f.addShould(matchKeyword("source", "\u0000none")).build();
        }
        for (SourceIdentity id : identities) {
            f.addShould(filter(of(id)));
        }
        return f.build();
    }

    /** Every point of none of {@code identities} (other hosts' sources, and points of no known source). */
    public static Filter noneOf(Collection<SourceIdentity> identities) {
        if (identities.isEmpty()) {
            return Filter.getDefaultInstance();
        }
        return Filter.newBuilder().addMustNot(filter(anyOf(identities))).build();
    }

    /** {@code base} narrowed to the points of {@code identity}. */
    public static Filter within(Filter base, SourceIdentity identity) {
        return base.toBuilder().addMust(filter(of(identity))).build();
    }
}
