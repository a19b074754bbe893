package io.alexandria.qdrant;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.grpc.StatusRuntimeException;
import io.qdrant.client.ValueFactory;
import io.qdrant.client.grpc.Common.PointId;
import io.qdrant.client.grpc.JsonWithInt.Value;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The small building blocks whose Qdrant rules are easy to get subtly wrong. */
class ModelTest {

    @Test
    void pointIdsOrderLikeQdrant() {
        List<PointKey> keys = new ArrayList<>(List.of(
                PointKey.of(UUID.fromString("80000000-0000-0000-0000-000000000000")),
                PointKey.of(-1L), // 2^64-1 unsigned
                PointKey.of(UUID.fromString("7fffffff-ffff-ffff-ffff-ffffffffffff")),
                PointKey.of(5)));
        keys.sort(null);
        assertEquals(List.of("5", "18446744073709551615", "7fffffff-ffff-ffff-ffff-ffffffffffff",
                "80000000-0000-0000-0000-000000000000"), keys.stream().map(PointKey::toString).toList());
    }

    @Test
    void uuidTextFormsAreNormalisedAndGarbageIsRejected() {
        String canonical = "550e8400-e29b-41d4-a716-446655440000";
        for (String form : List.of("550E8400-E29B-41D4-A716-446655440000", "550e8400e29b41d4a716446655440000",
                "{550e8400-e29b-41d4-a716-446655440000}", "urn:uuid:550e8400-e29b-41d4-a716-446655440000")) {
            assertEquals(canonical, PointKey.fromProto(PointId.newBuilder().setUuid(form).build()).toString(), form);
        }
        assertThrows(StatusRuntimeException.class,
                () -> PointKey.fromProto(PointId.newBuilder().setUuid("1-2-3-4-5").build()));
        assertThrows(StatusRuntimeException.class, () -> PointKey.fromProto(PointId.getDefaultInstance()));
    }

    @Test
    void dateTimesParseTheFormsQdrantAccepts() {
        long base = DateTimes.parseMicros("2024-01-02T03:04:05Z");
        assertEquals(base, DateTimes.parseMicros("2024-01-02 03:04:05"));
        assertEquals(base, DateTimes.parseMicros("2024-01-02T04:04:05+01:00"));
        assertEquals(base + 123_456, DateTimes.parseMicros("2024-01-02T03:04:05.123456Z"));
        assertEquals(base - 5_000_000, DateTimes.parseMicros("2024-01-02T03:04"));
        assertEquals(base - (3 * 3600 + 4 * 60 + 5) * 1_000_000L, DateTimes.parseMicros("2024-01-02"));
        assertNull(DateTimes.parseMicros("yesterday"));
    }

    @Test
    void jsonPathsReadLikeQdrant() {
        Map<String, Value> payload = Map.of("a", ValueFactory.value(Map.of(
                "b", ValueFactory.list(List.of(ValueFactory.value(Map.of("c", ValueFactory.value(1))),
                        ValueFactory.value(Map.of("c", ValueFactory.value(2))))))));
        assertEquals(List.of(ValueFactory.value(1), ValueFactory.value(2)), JsonPath.parse("a.b[].c").values(payload));
        assertEquals(List.of(ValueFactory.value(2)), JsonPath.parse("a.b[1].c").values(payload));
        assertEquals(List.of(), JsonPath.parse("a.b.c").values(payload));
        assertEquals(List.of(ValueFactory.value("x")),
                JsonPath.parse("\"k.with.dots\"").values(Map.of("k.with.dots", ValueFactory.value("x"))));
        assertThrows(StatusRuntimeException.class, () -> JsonPath.parse("a..b"));
    }

    @Test
    void textTokensAreLowerCasedWordRuns() {
        assertEquals(List.of("the", "quick", "brown", "fox", "42"), TextTokens.tokens("The Quick-brown fox, 42!", null));
    }
}
