package io.alexandria.keywords;

import java.nio.charset.StandardCharsets;
import org.apache.lucene.util.StringHelper;

/**
 * The sparse-vector dimension of a term: MurmurHash3 x86 32-bit (Austin Appleby's
 * {@code MurmurHash3_x86_32}, seed 0) of the term's UTF-8 bytes, read as an unsigned 32-bit
 * number, which is what Qdrant's {@code uint32} sparse indices hold. The hash is Lucene's
 * {@link StringHelper#murmurhash3_x86_32(byte[], int, int, int)}; it gives the reference values
 * ({@code "foo"} → 4138058784, {@code "hello"} → 613153351, as the C reference and Python's
 * {@code mmh3} do), which {@code TermIndexTest} pins, so every host and every version of the app
 * maps a term to the same dimension without sharing a vocabulary.
 * <p>
 * Collisions are accepted: with n distinct terms in a collection about n² / 2³³ pairs of terms
 * share a dimension (about one pair at 100,000 terms). Two colliding terms count as one: their
 * document frequencies add up (a slightly lower IDF) and a query for one also matches the other.
 * This touches only the keyword leg, whose ranks are fused with the dense leg's, so it is
 * harmless. (FastEmbed's BM25 takes the absolute value of the signed hash, 31 bits; the full 32
 * bits halve the collisions.)
 */
public final class TermIndex {
    private TermIndex() {
    }

    /** The dimension of {@code term} as Java's {@code int} bits (pass to Qdrant as is). */
    public static int of(String term) {
        byte[] utf8 = term.getBytes(StandardCharsets.UTF_8);
        return StringHelper.murmurhash3_x86_32(utf8, 0, utf8.length, 0);
    }

    /** The same dimension as an unsigned number in [0, 2³²), as Qdrant shows it. */
    public static long unsigned(String term) {
        return Integer.toUnsignedLong(of(term));
    }
}
