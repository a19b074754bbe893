package io.alexandria.keywords;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import org.junit.jupiter.api.Test;

/**
 * Pins the term → dimension hash: it is part of the index format shared by every host and every
 * version, so a change here must fail. The expected values are MurmurHash3_x86_32 with seed 0 of
 * the UTF-8 bytes, computed with an independent implementation of the reference algorithm (they
 * match the values Python's {@code mmh3} documents: "foo" → -156908512 signed).
 */
class TermIndexTest {

    @Test
    void knownValuesOfTheReferenceHash() {
        assertEquals(0L, TermIndex.unsigned(""));
        assertEquals(4138058784L, TermIndex.unsigned("foo"));
        assertEquals(-156908512, TermIndex.of("foo"));
        assertEquals(613153351L, TermIndex.unsigned("hello"));
        assertEquals(823134346L, TermIndex.unsigned("filter"));
        assertEquals(933960751L, TermIndex.unsigned("compon"));
    }

    @Test
    void nonAsciiTermsHashTheirUtf8Bytes() {
        assertEquals(3703198845L, TermIndex.unsigned("設定"));
        assertEquals(1520600913L, TermIndex.unsigned("コンポーネント"));
    }

    @Test
    void unsignedIsTheSameBits() {
        assertEquals(TermIndex.of("設定"), (int) TermIndex.unsigned("設定"));
        assertNotEquals(TermIndex.of("filter"), TermIndex.of("filters"));
    }
}
