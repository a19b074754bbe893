package io.alexandria.testserver;

import static io.qdrant.client.ConditionFactory.datetimeRange;
import static io.qdrant.client.ConditionFactory.filter;
import static io.qdrant.client.ConditionFactory.hasId;
import static io.qdrant.client.ConditionFactory.isEmpty;
import static io.qdrant.client.ConditionFactory.isNull;
import static io.qdrant.client.ConditionFactory.match;
import static io.qdrant.client.ConditionFactory.matchExceptKeywords;
import static io.qdrant.client.ConditionFactory.matchExceptValues;
import static io.qdrant.client.ConditionFactory.matchKeyword;
import static io.qdrant.client.ConditionFactory.matchKeywords;
import static io.qdrant.client.ConditionFactory.matchPhrase;
import static io.qdrant.client.ConditionFactory.matchText;
import static io.qdrant.client.ConditionFactory.matchTextAny;
import static io.qdrant.client.ConditionFactory.matchValues;
import static io.qdrant.client.ConditionFactory.nested;
import static io.qdrant.client.ConditionFactory.range;
import static io.qdrant.client.ConditionFactory.valuesCount;
import static io.qdrant.client.PointIdFactory.id;
import static io.qdrant.client.ValueFactory.list;
import static io.qdrant.client.ValueFactory.nullValue;
import static io.qdrant.client.ValueFactory.value;
import static io.qdrant.client.VectorsFactory.namedVectors;
import static io.qdrant.client.VectorsFactory.vectors;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.common.util.concurrent.ListenableFuture;
import com.google.protobuf.Timestamp;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.qdrant.client.QdrantClient;
import io.qdrant.client.QdrantException;
import io.qdrant.client.QdrantGrpcClient;
import io.qdrant.client.QueryFactory;
import io.qdrant.client.StartFromFactory;
import io.qdrant.client.VectorFactory;
import io.qdrant.client.VectorOutputHelper;
import io.qdrant.client.WithPayloadSelectorFactory;
import io.qdrant.client.WithVectorsSelectorFactory;
import io.qdrant.client.grpc.Collections.AliasDescription;
import io.qdrant.client.grpc.Collections.AliasOperations;
import io.qdrant.client.grpc.Collections.CollectionInfo;
import io.qdrant.client.grpc.Collections.CollectionStatus;
import io.qdrant.client.grpc.Collections.CreateAlias;
import io.qdrant.client.grpc.Collections.CreateCollection;
import io.qdrant.client.grpc.Collections.DeleteAlias;
import io.qdrant.client.grpc.Collections.Distance;
import io.qdrant.client.grpc.Collections.PayloadSchemaType;
import io.qdrant.client.grpc.Collections.SparseVectorConfig;
import io.qdrant.client.grpc.Collections.SparseVectorParams;
import io.qdrant.client.grpc.Collections.VectorParams;
import io.qdrant.client.grpc.Common.Filter;
import io.qdrant.client.grpc.Common.PointId;
import io.qdrant.client.grpc.Common.Range;
import io.qdrant.client.grpc.Common.ValuesCount;
import io.qdrant.client.grpc.JsonWithInt.Value;
import io.qdrant.client.grpc.Points.Direction;
import io.qdrant.client.grpc.Points.FacetCounts;
import io.qdrant.client.grpc.Points.FacetHit;
import io.qdrant.client.grpc.Points.OrderBy;
import io.qdrant.client.grpc.Points.PointStruct;
import io.qdrant.client.grpc.Points.PointsSelector;
import io.qdrant.client.grpc.Points.PointsIdsList;
import io.qdrant.client.grpc.Points.PrefetchQuery;
import io.qdrant.client.grpc.Points.QueryPoints;
import io.qdrant.client.grpc.Points.RetrievedPoint;
import io.qdrant.client.grpc.Points.ScoredPoint;
import io.qdrant.client.grpc.Points.ScrollPoints;
import io.qdrant.client.grpc.Points.ScrollResponse;
import io.qdrant.client.grpc.Points.SearchPoints;
import io.qdrant.client.grpc.Points.SetPayloadPoints;
import io.qdrant.client.grpc.Points.UpdateResult;
import io.qdrant.client.grpc.Points.UpdateStatus;
import io.qdrant.client.grpc.Points.UpsertPoints;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/**
 * The Qdrant behaviour Alexandria relies on, driven through the real {@link QdrantClient} over
 * real gRPC. Subclasses supply the server: {@link InProcessQdrantContractTest} (the test server,
 * default suite) and {@link RealQdrantContractTest} (Qdrant 1.18.0 in Docker, tag {@code docker}),
 * so the test server is held to what real Qdrant does.
 */
abstract class QdrantContractTest {

    /**
     * A server that requires an api key.
     *
     * @param host   host
     * @param port   gRPC port
     * @param apiKey the key it requires
     */
    record SecuredEndpoint(String host, int port, String apiKey) {
    }

    /** A plaintext client for the server under test (no api key). */
    protected abstract QdrantClient client();

    /** A server that requires an api key (may be a second server). */
    protected abstract SecuredEndpoint securedEndpoint();

    /**
     * Called before the helpers read back what a test wrote ({@link #ids}, {@link #payloadOf}):
     * variants over the local index restart the server on its folder here (after a clean close, or
     * from a crash-time copy of the folder), so every such read also checks what survived. A no-op
     * by default.
     */
    protected void reopen() throws Exception {
    }

    private final List<String> created = new ArrayList<>();

    @AfterEach
    void deleteCollections() throws Exception {
        for (String name : created) {
            if (get(client().collectionExistsAsync(name)) && !get(client().listAliasesAsync()).stream()
                    .anyMatch(a -> a.getAliasName().equals(name))) {
                get(client().deleteCollectionAsync(name));
            }
        }
    }

    // ---------------------------------------------------------------- helpers

    static <T> T get(ListenableFuture<T> future) throws Exception {
        try {
            return future.get(30, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof Exception cause) {
                throw cause;
            }
            throw e;
        } catch (TimeoutException e) {
            future.cancel(true);
            throw e;
        }
    }

    static StatusRuntimeException assertStatus(Status.Code code, Executable call) {
        StatusRuntimeException e = assertThrows(StatusRuntimeException.class, call);
        assertEquals(code, e.getStatus().getCode(), () -> "status of " + e.getStatus());
        return e;
    }

    String name(String prefix) {
        String n = prefix + "_" + UUID.randomUUID().toString().substring(0, 8);
        created.add(n);
        return n;
    }

    String collection(int size, Distance distance) throws Exception {
        String n = name("c");
        get(client().createCollectionAsync(n, VectorParams.newBuilder().setSize(size).setDistance(distance).build()));
        return n;
    }

    String payloadOnlyCollection() throws Exception {
        String n = name("p");
        get(client().createCollectionAsync(CreateCollection.newBuilder().setCollectionName(n)
                .setOnDiskPayload(true).build()));
        return n;
    }

    static PointStruct point(long id, Map<String, Value> payload, float... vector) {
        return PointStruct.newBuilder().setId(id(id)).setVectors(vectors(vector)).putAllPayload(payload).build();
    }

    static PointStruct payloadPoint(PointId id, Map<String, Value> payload) {
        return PointStruct.newBuilder().setId(id).setVectors(namedVectors(Map.of())).putAllPayload(payload).build();
    }

    void upsert(String collection, PointStruct... points) throws Exception {
        UpdateResult r = get(client().upsertAsync(collection, List.of(points)));
        assertEquals(UpdateStatus.Completed, r.getStatus());
    }

    static Value obj(Object... kv) {
        Map<String, Value> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put((String) kv[i], (Value) kv[i + 1]);
        }
        return value(m);
    }

    static Map<String, Value> payload(Object... kv) {
        return obj(kv).getStructValue().getFieldsMap();
    }

    static String idText(PointId id) {
        return id.hasNum() ? Long.toUnsignedString(id.getNum()) : id.getUuid();
    }

    /** All ids matching the filter, by scrolling in pages of 2 (exercises next_page_offset). */
    List<String> ids(String collection, Filter filter) throws Exception {
        reopen();
        List<String> out = new ArrayList<>();
        PointId offset = null;
        do {
            ScrollPoints.Builder req = ScrollPoints.newBuilder().setCollectionName(collection).setLimit(2)
                    .setFilter(filter);
            if (offset != null) {
                req.setOffset(offset);
            }
            ScrollResponse page = get(client().scrollAsync(req.build()));
            page.getResultList().forEach(p -> out.add(idText(p.getId())));
            offset = page.hasNextPageOffset() ? page.getNextPageOffset() : null;
        } while (offset != null);
        return out;
    }

    static Filter must(io.qdrant.client.grpc.Common.Condition... conditions) {
        return Filter.newBuilder().addAllMust(List.of(conditions)).build();
    }

    static Timestamp ts(String instant) {
        Instant i = Instant.parse(instant);
        return Timestamp.newBuilder().setSeconds(i.getEpochSecond()).setNanos(i.getNano()).build();
    }

    // ---------------------------------------------------------------- health and collections

    @Test
    void healthCheckReportsQdrant118() throws Exception {
        var reply = get(client().healthCheckAsync());
        assertEquals("qdrant - vector search engine", reply.getTitle());
        assertTrue(reply.getVersion().startsWith("1.18."), reply.getVersion());
    }

    @Test
    void collectionLifecycle() throws Exception {
        String c = collection(4, Distance.Cosine);
        CollectionInfo info = get(client().getCollectionInfoAsync(c));
        assertEquals(CollectionStatus.Green, info.getStatus());
        assertEquals(0, info.getPointsCount());
        VectorParams params = info.getConfig().getParams().getVectorsConfig().getParams();
        assertEquals(4, params.getSize());
        assertEquals(Distance.Cosine, params.getDistance());
        assertTrue(get(client().listCollectionsAsync()).contains(c));
        assertTrue(get(client().collectionExistsAsync(c)));

        assertTrue(get(client().deleteCollectionAsync(c)).getResult());
        assertFalse(get(client().collectionExistsAsync(c)));
        assertFalse(get(client().listCollectionsAsync()).contains(c));
        // Qdrant answers result=false for a missing collection; the Java client turns that into an exception
        QdrantException missing = assertThrows(QdrantException.class, () -> get(client().deleteCollectionAsync(c)));
        assertTrue(missing.getMessage().contains("could not be deleted"), missing.getMessage());
    }

    @Test
    void creatingAnExistingCollectionIsAlreadyExists() throws Exception {
        String c = collection(4, Distance.Cosine);
        assertStatus(Status.Code.ALREADY_EXISTS, () -> get(client().createCollectionAsync(c,
                VectorParams.newBuilder().setSize(4).setDistance(Distance.Cosine).build())));
    }

    @Test
    void missingCollectionIsNotFoundEverywhere() throws Exception {
        String c = "missing_" + UUID.randomUUID().toString().substring(0, 8);
        StatusRuntimeException e = assertStatus(Status.Code.NOT_FOUND, () -> get(client().getCollectionInfoAsync(c)));
        assertTrue(e.getStatus().getDescription().contains("Collection `" + c + "` doesn't exist!"),
                e.getStatus().getDescription());
        assertStatus(Status.Code.NOT_FOUND, () -> get(client().upsertAsync(c, List.of(point(1, Map.of(), 1, 0)))));
        assertStatus(Status.Code.NOT_FOUND, () -> get(client().scrollAsync(
                ScrollPoints.newBuilder().setCollectionName(c).build())));
        assertStatus(Status.Code.NOT_FOUND, () -> get(client().countAsync(c)));
        assertFalse(get(client().collectionExistsAsync(c)));
    }

    @Test
    void wrongVectorDimensionIsInvalidArgument() throws Exception {
        String c = collection(4, Distance.Cosine);
        StatusRuntimeException e = assertStatus(Status.Code.INVALID_ARGUMENT,
                () -> get(client().upsertAsync(c, List.of(point(1, Map.of(), 1, 2, 3)))));
        assertTrue(e.getStatus().getDescription().contains("expected dim: 4, got 3"), e.getStatus().getDescription());
        assertStatus(Status.Code.INVALID_ARGUMENT, () -> get(client().searchAsync(SearchPoints.newBuilder()
                .setCollectionName(c).addAllVector(List.of(1f, 2f)).setLimit(3).build())));
        assertEquals(0, get(client().countAsync(c)));
    }

    @Test
    void namedVectorCollections() throws Exception {
        String c = name("named");
        get(client().createCollectionAsync(c, Map.of(
                "title", VectorParams.newBuilder().setSize(2).setDistance(Distance.Dot).build(),
                "body", VectorParams.newBuilder().setSize(3).setDistance(Distance.Euclid).build())));
        get(client().upsertAsync(c, List.of(
                PointStruct.newBuilder().setId(id(1)).setVectors(namedVectors(Map.of(
                        "title", VectorFactory.vector(1, 0), "body", VectorFactory.vector(0, 0, 0)))).build(),
                PointStruct.newBuilder().setId(id(2)).setVectors(namedVectors(Map.of(
                        "title", VectorFactory.vector(0, 1), "body", VectorFactory.vector(3, 4, 0)))).build())));
        List<ScoredPoint> hits = get(client().queryAsync(QueryPoints.newBuilder().setCollectionName(c)
                .setQuery(QueryFactory.nearest(3, 4, 0)).setUsing("body").build()));
        assertEquals(List.of("2", "1"), hits.stream().map(h -> idText(h.getId())).toList());
        assertEquals(0f, hits.get(0).getScore(), 1e-5, "Euclid score is the distance");
        assertEquals(5f, hits.get(1).getScore(), 1e-4);

        var named = get(client().getCollectionInfoAsync(c)).getConfig().getParams().getVectorsConfig();
        assertEquals(Set.of("title", "body"), named.getParamsMap().getMapMap().keySet());
        assertStatus(Status.Code.INVALID_ARGUMENT, () -> get(client().queryAsync(QueryPoints.newBuilder()
                .setCollectionName(c).setQuery(QueryFactory.nearest(1, 0)).build())));
        assertStatus(Status.Code.INVALID_ARGUMENT, () -> get(client().upsertAsync(c, List.of(
                PointStruct.newBuilder().setId(id(3)).setVectors(namedVectors(Map.of(
                        "nope", VectorFactory.vector(1, 0)))).build()))));
    }

    @Test
    void payloadOnlyCollections() throws Exception {
        String c = payloadOnlyCollection();
        get(client().upsertAsync(c, List.of(payloadPoint(id(1), payload("path", value("a.md"))),
                payloadPoint(id(UUID.fromString("8c2d0b1e-2f1f-4a4e-9a51-0d3b7f1e2a10")), payload("path", value("b.md"))))));
        assertEquals(2, get(client().countAsync(c)));
        CollectionInfo info = get(client().getCollectionInfoAsync(c));
        assertEquals(2, info.getPointsCount());
        assertTrue(info.getConfig().getParams().getOnDiskPayload());
        assertEquals(List.of("1", "8c2d0b1e-2f1f-4a4e-9a51-0d3b7f1e2a10"), ids(c, Filter.getDefaultInstance()));

        assertStatus(Status.Code.INVALID_ARGUMENT, () -> get(client().upsertAsync(c, List.of(point(3, Map.of(), 1, 2)))));
        assertStatus(Status.Code.INVALID_ARGUMENT, () -> get(client().upsertAsync(c, List.of(
                PointStruct.newBuilder().setId(id(4)).build()))));
        assertEquals(2, get(client().countAsync(c)));
    }

    // ---------------------------------------------------------------- aliases

    @Test
    void aliasesResolveSwitchAtomicallyAndFollowQdrantRules() throws Exception {
        String c1 = collection(2, Distance.Dot);
        String c2 = collection(2, Distance.Dot);
        String alias = name("alias");
        String renamed = name("renamed");
        upsert(c1, point(1, payload("v", value(1)), 1, 0));
        upsert(c2, point(2, payload("v", value(2)), 0, 1));

        get(client().createAliasAsync(alias, c1));
        assertTrue(get(client().collectionExistsAsync(alias)));
        assertEquals(List.of(alias), get(client().listCollectionAliasesAsync(c1)));
        assertEquals(List.of("1"), ids(alias, Filter.getDefaultInstance()));
        upsert(alias, point(3, Map.of(), 1, 1));
        assertEquals(2, get(client().getCollectionInfoAsync(alias)).getPointsCount());

        get(client().renameAliasAsync(alias, renamed));
        assertStatus(Status.Code.NOT_FOUND, () -> get(client().countAsync(alias)));
        get(client().updateAliasesAsync(List.of(
                AliasOperations.newBuilder().setDeleteAlias(DeleteAlias.newBuilder().setAliasName(renamed)).build(),
                AliasOperations.newBuilder().setCreateAlias(CreateAlias.newBuilder()
                        .setAliasName(renamed).setCollectionName(c2)).build())));
        assertEquals(List.of("2"), ids(renamed, Filter.getDefaultInstance()));
        List<AliasDescription> all = get(client().listAliasesAsync());
        assertTrue(all.stream().anyMatch(a -> a.getAliasName().equals(renamed) && a.getCollectionName().equals(c2)));
        assertEquals(List.of(), get(client().listCollectionAliasesAsync(c1)));

        get(client().deleteAliasAsync("never_existed_" + UUID.randomUUID())); // no-op, as Qdrant
        assertStatus(Status.Code.NOT_FOUND, () -> get(client().renameAliasAsync("never_" + UUID.randomUUID(), "x")));
        assertStatus(Status.Code.NOT_FOUND, () -> get(client().createAliasAsync(name("a"), "no_such_collection")));
        assertStatus(Status.Code.ALREADY_EXISTS, () -> get(client().createAliasAsync(c1, c2)));

        get(client().deleteCollectionAsync(c2));
        assertFalse(get(client().listAliasesAsync()).stream().anyMatch(a -> a.getAliasName().equals(renamed)),
                "deleting a collection removes its aliases");
    }

    // ---------------------------------------------------------------- points

    @Test
    void payloadValuesRoundTripExactlyAndCosineVectorsAreNormalised() throws Exception {
        String c = collection(4, Distance.Cosine);
        Map<String, Value> p = payload(
                "s", value("text"), "i", value(42), "neg", value(-7), "d", value(1.5), "whole", value(3.0),
                "b", value(false), "nil", nullValue(),
                "list", list(List.of(value(1), value("two"), value(3.5), nullValue(), list(List.of(value(true))))),
                "obj", obj("inner", obj("deep", value("x")), "n", value(0)));
        upsert(c, point(7, p, 3, 4, 0, 0));
        List<RetrievedPoint> got = get(client().retrieveAsync(c, List.of(id(7)),
                WithPayloadSelectorFactory.enable(true), WithVectorsSelectorFactory.enable(true), null));
        assertEquals(1, got.size());
        assertEquals(p, got.get(0).getPayloadMap());
        List<Float> v = VectorOutputHelper.getDenseVector(got.get(0).getVectors().getVector()).getDataList();
        assertEquals(0.6f, v.get(0), 1e-5);
        assertEquals(0.8f, v.get(1), 1e-5);
    }

    @Test
    void waitTrueCompletesAndWaitFalseAcknowledges() throws Exception {
        String c = collection(2, Distance.Dot);
        UpdateResult acknowledged = get(client().upsertAsync(UpsertPoints.newBuilder().setCollectionName(c)
                .addPoints(point(1, Map.of(), 1, 0)).build()));
        assertEquals(UpdateStatus.Acknowledged, acknowledged.getStatus());
        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> get(client().countAsync(c)) == 1);
        UpdateResult completed = get(client().upsertAsync(UpsertPoints.newBuilder().setCollectionName(c).setWait(true)
                .addPoints(point(2, Map.of(), 0, 1)).build()));
        assertEquals(UpdateStatus.Completed, completed.getStatus());
        assertEquals(2, get(client().countAsync(c)));
    }

    @Test
    void retrieveHonoursSelectorsRequestOrderAndSkipsMissingIds() throws Exception {
        String c = collection(2, Distance.Dot);
        upsert(c, point(1, payload("a", value(1), "b", value(2), "n", obj("x", value(3), "y", value(4))), 1, 0),
                point(2, payload("a", value(5)), 0, 1));
        List<RetrievedPoint> got = get(client().retrieveAsync(c, List.of(id(2), id(99), id(1)),
                WithPayloadSelectorFactory.include(List.of("a", "n.x")), WithVectorsSelectorFactory.enable(false),
                null));
        assertEquals(List.of("2", "1"), got.stream().map(r -> idText(r.getId())).toList());
        assertEquals(payload("a", value(1), "n", obj("x", value(3))), got.get(1).getPayloadMap());
        assertFalse(got.get(1).hasVectors());

        RetrievedPoint excluded = get(client().retrieveAsync(c, List.of(id(1)),
                WithPayloadSelectorFactory.exclude(List.of("b", "n.y")), WithVectorsSelectorFactory.enable(false),
                null)).get(0);
        assertEquals(payload("a", value(1), "n", obj("x", value(3))), excluded.getPayloadMap());
        RetrievedPoint none = get(client().retrieveAsync(c, List.of(id(1)),
                WithPayloadSelectorFactory.enable(false), WithVectorsSelectorFactory.enable(false), null)).get(0);
        assertEquals(Map.of(), none.getPayloadMap());
    }

    @Test
    void deleteByIdsAndByFilter() throws Exception {
        String c = collection(2, Distance.Dot);
        upsert(c, point(1, payload("k", value("x")), 1, 0), point(2, payload("k", value("y")), 1, 0),
                point(3, payload("k", value("x")), 1, 0), point(4, Map.of(), 1, 0));
        get(client().deleteAsync(c, List.of(id(4), id(404))));
        assertEquals(List.of("1", "2", "3"), ids(c, Filter.getDefaultInstance()));
        get(client().deleteAsync(c, must(matchKeyword("k", "x"))));
        assertEquals(List.of("2"), ids(c, Filter.getDefaultInstance()));
    }

    @Test
    void setOverwriteDeleteAndClearPayload() throws Exception {
        String c = collection(2, Distance.Dot);
        upsert(c, point(1, payload("a", value(1), "meta", obj("x", value(1))), 1, 0),
                point(2, payload("a", value(2)), 1, 0));
        get(client().setPayloadAsync(c, payload("b", value("new")), List.of(id(1)), true, null, null));
        assertEquals(payload("a", value(1), "meta", obj("x", value(1)), "b", value("new")), payloadOf(c, 1));

        get(client().setPayloadAsync(SetPayloadPoints.newBuilder().setCollectionName(c).setWait(true)
                .putAllPayload(payload("y", value(2))).setKey("meta")
                .setPointsSelector(PointsSelector.newBuilder().setPoints(PointsIdsList.newBuilder().addIds(id(1))))
                .build(), null));
        assertEquals(obj("x", value(1), "y", value(2)), payloadOf(c, 1).get("meta"));

        get(client().setPayloadAsync(c, payload("tag", value("t")), must(match("a", 2)), true, null, null));
        assertEquals(payload("a", value(2), "tag", value("t")), payloadOf(c, 2));

        get(client().overwritePayloadAsync(c, payload("only", value(true)), List.of(id(2)), true, null, null));
        assertEquals(payload("only", value(true)), payloadOf(c, 2));

        get(client().deletePayloadAsync(c, List.of("b", "meta.x"), List.of(id(1)), true, null, null));
        assertEquals(payload("a", value(1), "meta", obj("y", value(2))), payloadOf(c, 1));

        get(client().clearPayloadAsync(c, List.of(id(1)), true, null, null));
        assertEquals(Map.of(), payloadOf(c, 1));

        assertStatus(Status.Code.NOT_FOUND, () -> get(client().setPayloadAsync(c, payload("z", value(0)),
                List.of(id(404)), true, null, null)));
    }

    Map<String, Value> payloadOf(String c, long id) throws Exception {
        reopen();
        return get(client().retrieveAsync(c, List.of(id(id)), WithPayloadSelectorFactory.enable(true),
                WithVectorsSelectorFactory.enable(false), null)).get(0).getPayloadMap();
    }

    @Test
    void conditionalUpsertOnlyOverwritesMatchingPointsAndAlwaysInserts() throws Exception {
        String c = collection(2, Distance.Dot);
        upsert(c, point(1, payload("rev", value(1)), 1, 0), point(2, payload("rev", value(5)), 1, 0));
        get(client().upsertAsync(UpsertPoints.newBuilder().setCollectionName(c).setWait(true)
                .setUpdateFilter(must(range("rev", Range.newBuilder().setLt(3).build())))
                .addPoints(point(1, payload("rev", value(2)), 0, 1))
                .addPoints(point(2, payload("rev", value(6)), 0, 1))
                .addPoints(point(3, payload("rev", value(1)), 0, 1))
                .build()));
        assertEquals(payload("rev", value(2)), payloadOf(c, 1), "matching point is overwritten");
        assertEquals(payload("rev", value(5)), payloadOf(c, 2), "non-matching point is kept");
        assertEquals(payload("rev", value(1)), payloadOf(c, 3), "new point is inserted");
    }

    @Test
    void scrollOrdersIntegerIdsBeforeUuidsAndPagesWithNextPageOffset() throws Exception {
        String c = payloadOnlyCollection();
        List<PointId> ids = List.of(id(10), id(UUID.fromString("ffffffff-0000-0000-0000-000000000000")), id(2),
                id(UUID.fromString("00000000-0000-0000-0000-00000000000a")), id(1L << 62),
                id(UUID.fromString("7fffffff-ffff-ffff-ffff-ffffffffffff")),
                id(UUID.fromString("80000000-0000-0000-0000-000000000000")));
        for (PointId i : ids) {
            get(client().upsertAsync(c, List.of(payloadPoint(i, Map.of()))));
        }
        List<String> expected = List.of("2", "10", Long.toString(1L << 62), "00000000-0000-0000-0000-00000000000a",
                "7fffffff-ffff-ffff-ffff-ffffffffffff", "80000000-0000-0000-0000-000000000000",
                "ffffffff-0000-0000-0000-000000000000");
        assertEquals(expected, ids(c, Filter.getDefaultInstance()));

        ScrollResponse first = get(client().scrollAsync(ScrollPoints.newBuilder().setCollectionName(c).setLimit(3)
                .build()));
        assertEquals("00000000-0000-0000-0000-00000000000a", idText(first.getNextPageOffset()));
        ScrollResponse fromOffset = get(client().scrollAsync(ScrollPoints.newBuilder().setCollectionName(c)
                .setLimit(10).setOffset(id(3)).build()));
        assertEquals(expected.subList(1, 7), fromOffset.getResultList().stream().map(p -> idText(p.getId())).toList());
        assertFalse(fromOffset.hasNextPageOffset());
        ScrollResponse exact = get(client().scrollAsync(ScrollPoints.newBuilder().setCollectionName(c).setLimit(7)
                .build()));
        assertFalse(exact.hasNextPageOffset(), "no next page when the page holds the rest exactly");
    }

    @Test
    void orderByNeedsARangeIndexRefusesOffsetAndOrdersByValueThenId() throws Exception {
        String c = payloadOnlyCollection();
        get(client().upsertAsync(c, List.of(
                payloadPoint(id(1), payload("year", value(2001), "score", value(0.5), "at", value("2024-02-01T00:00:00Z"))),
                payloadPoint(id(2), payload("year", value(1999), "score", value(2), "at", value("2023-01-01T00:00:00Z"))),
                payloadPoint(id(3), payload("year", value(2001), "score", value(-1.5), "at", value("2025-06-01T12:00:00.5Z"))),
                payloadPoint(id(4), payload("year", value(2010))),
                payloadPoint(id(5), payload("other", value(1))))));
        ScrollPoints.Builder byYear = ScrollPoints.newBuilder().setCollectionName(c)
                .setOrderBy(OrderBy.newBuilder().setKey("year"));
        StatusRuntimeException noIndex = assertStatus(Status.Code.INVALID_ARGUMENT,
                () -> get(client().scrollAsync(byYear.build())));
        assertTrue(noIndex.getStatus().getDescription().contains("order_by"), noIndex.getStatus().getDescription());

        get(client().createPayloadIndexAsync(c, "year", PayloadSchemaType.Integer, null, true, null, null));
        get(client().createPayloadIndexAsync(c, "score", PayloadSchemaType.Float, null, true, null, null));
        get(client().createPayloadIndexAsync(c, "at", PayloadSchemaType.Datetime, null, true, null, null));

        ScrollResponse asc = get(client().scrollAsync(byYear.build()));
        assertEquals(List.of("2", "1", "3", "4"), asc.getResultList().stream().map(p -> idText(p.getId())).toList());
        assertEquals(1999, asc.getResult(0).getOrderValue().getInt());
        assertFalse(asc.hasNextPageOffset(), "order_by scrolls have no next_page_offset");

        ScrollResponse desc = get(client().scrollAsync(ScrollPoints.newBuilder().setCollectionName(c).setLimit(3)
                .setOrderBy(OrderBy.newBuilder().setKey("year").setDirection(Direction.Desc)).build()));
        assertEquals(List.of("4", "3", "1"), desc.getResultList().stream().map(p -> idText(p.getId())).toList());

        ScrollResponse from = get(client().scrollAsync(ScrollPoints.newBuilder().setCollectionName(c)
                .setOrderBy(OrderBy.newBuilder().setKey("year").setStartFrom(StartFromFactory.startFrom(2000)))
                .build()));
        assertEquals(List.of("1", "3", "4"), from.getResultList().stream().map(p -> idText(p.getId())).toList());

        ScrollResponse byScore = get(client().scrollAsync(ScrollPoints.newBuilder().setCollectionName(c)
                .setOrderBy(OrderBy.newBuilder().setKey("score")).build()));
        assertEquals(List.of("3", "1", "2"), byScore.getResultList().stream().map(p -> idText(p.getId())).toList());
        ScrollResponse byDate = get(client().scrollAsync(ScrollPoints.newBuilder().setCollectionName(c)
                .setOrderBy(OrderBy.newBuilder().setKey("at").setDirection(Direction.Desc)).build()));
        assertEquals(List.of("3", "1", "2"), byDate.getResultList().stream().map(p -> idText(p.getId())).toList());

        assertStatus(Status.Code.INVALID_ARGUMENT, () -> get(client().scrollAsync(byYear.setOffset(id(1)).build())));
        List<ScoredPoint> query = get(client().queryAsync(QueryPoints.newBuilder().setCollectionName(c)
                .setQuery(QueryFactory.orderBy("year")).setLimit(2).build()));
        assertEquals(List.of("2", "1"), query.stream().map(p -> idText(p.getId())).toList());
    }

    @Test
    void countWithAndWithoutFilter() throws Exception {
        String c = payloadOnlyCollection();
        get(client().upsertAsync(c, List.of(payloadPoint(id(1), payload("k", value("a"))),
                payloadPoint(id(2), payload("k", value("b"))), payloadPoint(id(3), payload("k", value("a"))))));
        assertEquals(3, get(client().countAsync(c)));
        assertEquals(2, get(client().countAsync(c, must(matchKeyword("k", "a")), true)));
    }

    // ---------------------------------------------------------------- search and query

    @Test
    void searchAndQueryRankByScoreWithThresholdOffsetFilterAndPayload() throws Exception {
        String c = collection(2, Distance.Cosine);
        upsert(c, point(1, payload("g", value("x")), 1, 0), point(2, payload("g", value("y")), 1, 1),
                point(3, payload("g", value("x")), 0, 1), point(4, payload("g", value("y")), -1, 0));
        List<ScoredPoint> hits = get(client().searchAsync(SearchPoints.newBuilder().setCollectionName(c)
                .addAllVector(List.of(1f, 0.2f)).setLimit(10).build()));
        assertEquals(List.of("1", "2", "3", "4"), hits.stream().map(h -> idText(h.getId())).toList());
        assertEquals(0.98058f, hits.get(0).getScore(), 1e-4);
        assertEquals(Map.of(), hits.get(0).getPayloadMap(), "search returns no payload by default");

        List<ScoredPoint> page = get(client().searchAsync(SearchPoints.newBuilder().setCollectionName(c)
                .addAllVector(List.of(1f, 0.2f)).setLimit(2).setOffset(1).setScoreThreshold(0.1f)
                .setWithPayload(WithPayloadSelectorFactory.enable(true)).build()));
        assertEquals(List.of("2", "3"), page.stream().map(h -> idText(h.getId())).toList());
        assertEquals(payload("g", value("y")), page.get(0).getPayloadMap());

        List<ScoredPoint> filtered = get(client().queryAsync(QueryPoints.newBuilder().setCollectionName(c)
                .setQuery(QueryFactory.nearest(1f, 0.2f)).setFilter(must(matchKeyword("g", "x")))
                .setScoreThreshold(0.5f).setWithPayload(WithPayloadSelectorFactory.enable(true)).build()));
        assertEquals(List.of("1"), filtered.stream().map(h -> idText(h.getId())).toList());

        List<ScoredPoint> byId = get(client().queryAsync(QueryPoints.newBuilder().setCollectionName(c)
                .setLimit(2).setOffset(1).build()));
        assertEquals(List.of("2", "3"), byId.stream().map(h -> idText(h.getId())).toList(), "no query: by id");
    }

    @Test
    void dotAndEuclidScoring() throws Exception {
        String dot = collection(2, Distance.Dot);
        upsert(dot, point(1, Map.of(), 2, 0), point(2, Map.of(), 0, 3));
        List<ScoredPoint> dotHits = get(client().queryAsync(QueryPoints.newBuilder().setCollectionName(dot)
                .setQuery(QueryFactory.nearest(1, 1)).build()));
        assertEquals(List.of("2", "1"), dotHits.stream().map(h -> idText(h.getId())).toList());
        assertEquals(3f, dotHits.get(0).getScore(), 1e-5);

        String euclid = collection(2, Distance.Euclid);
        upsert(euclid, point(1, Map.of(), 0, 0), point(2, Map.of(), 3, 4), point(3, Map.of(), 1, 0));
        List<ScoredPoint> near = get(client().queryAsync(QueryPoints.newBuilder().setCollectionName(euclid)
                .setQuery(QueryFactory.nearest(0, 0)).setScoreThreshold(2f).build()));
        assertEquals(List.of("1", "3"), near.stream().map(h -> idText(h.getId())).toList());
        assertEquals(1f, near.get(1).getScore(), 1e-5);
    }

    // ---------------------------------------------------------------- sparse vectors

    /** A collection with a dense vector "dense" (2 dims, Dot) and a sparse vector "text". */
    String hybridCollection(io.qdrant.client.grpc.Collections.Modifier modifier) throws Exception {
        String n = name("hybrid");
        SparseVectorParams.Builder sparse = SparseVectorParams.newBuilder();
        if (modifier != null) {
            sparse.setModifier(modifier);
        }
        get(client().createCollectionAsync(CreateCollection.newBuilder().setCollectionName(n)
                .setVectorsConfig(io.qdrant.client.grpc.Collections.VectorsConfig.newBuilder().setParamsMap(
                        io.qdrant.client.grpc.Collections.VectorParamsMap.newBuilder().putMap("dense",
                                VectorParams.newBuilder().setSize(2).setDistance(Distance.Dot).build())))
                .setSparseVectorsConfig(SparseVectorConfig.newBuilder().putMap("text", sparse.build()))
                .build()));
        return n;
    }

    /** A point with a dense vector (x, 0) and, unless {@code sparse} is null, a sparse one (index, value pairs). */
    static PointStruct hybridPoint(long id, Map<String, Value> payload, float x, float... sparse) {
        Map<String, io.qdrant.client.grpc.Points.Vector> vs = new LinkedHashMap<>();
        vs.put("dense", VectorFactory.vector(x, 0));
        if (sparse != null) {
            vs.put("text", sparseVector(sparse));
        }
        return PointStruct.newBuilder().setId(id(id)).setVectors(namedVectors(vs)).putAllPayload(payload).build();
    }

    static io.qdrant.client.grpc.Points.Vector sparseVector(float... pairs) {
        List<Float> values = new ArrayList<>();
        List<Integer> indices = new ArrayList<>();
        for (int i = 0; i < pairs.length; i += 2) {
            indices.add((int) pairs[i]);
            values.add(pairs[i + 1]);
        }
        return VectorFactory.vector(values, indices);
    }

    static io.qdrant.client.grpc.Points.Query sparseQuery(float... pairs) {
        List<Float> values = new ArrayList<>();
        List<Integer> indices = new ArrayList<>();
        for (int i = 0; i < pairs.length; i += 2) {
            indices.add((int) pairs[i]);
            values.add(pairs[i + 1]);
        }
        return QueryFactory.nearest(values, indices);
    }

    static List<String> idsOf(List<ScoredPoint> hits) {
        return hits.stream().map(h -> idText(h.getId())).toList();
    }

    List<ScoredPoint> query(QueryPoints.Builder q) throws Exception {
        return get(client().queryAsync(q.build()));
    }

    @Test
    void sparseSearchScoresTheDotProductOverSharedIndices() throws Exception {
        String c = hybridCollection(null);
        upsert(c, hybridPoint(1, payload("g", value("a")), 0, 1, 1.0f, 3, 2.0f),
                hybridPoint(2, payload("g", value("b")), 0, 2, 0.5f, 3, 1.0f),
                hybridPoint(3, payload("g", value("a")), 0, 4, 3.0f),
                hybridPoint(4, payload("g", value("b")), 0, (float[]) null),
                hybridPoint(5, payload("g", value("b")), 0, 1, 2.0f, 2, 2.0f, 3, 0.5f));
        reopen();
        // query {1: 1.0, 3: 0.5}: p1 = 1 + 1 = 2, p2 = 0.5, p5 = 2 + 0.25 = 2.25; p3 shares no index, p4 has none
        List<ScoredPoint> hits = query(QueryPoints.newBuilder().setCollectionName(c).setUsing("text")
                .setQuery(sparseQuery(1, 1.0f, 3, 0.5f)).setWithVectors(WithVectorsSelectorFactory.enable(true)));
        assertEquals(List.of("5", "1", "2"), idsOf(hits));
        assertEquals(2.25f, hits.get(0).getScore(), 1e-6);
        assertEquals(2.0f, hits.get(1).getScore(), 1e-6);
        assertEquals(0.5f, hits.get(2).getScore(), 1e-6);
        var text = VectorOutputHelper.getSparseVector(hits.get(1).getVectors().getVectors().getVectorsMap().get("text"));
        assertEquals(List.of(1, 3), text.getIndicesList());
        assertEquals(List.of(1.0f, 2.0f), text.getValuesList());

        assertEquals(List.of("5", "2"), idsOf(query(QueryPoints.newBuilder().setCollectionName(c).setUsing("text")
                .setQuery(sparseQuery(1, 1.0f, 3, 0.5f)).setFilter(must(matchKeyword("g", "b"))))), "with a filter");
        assertEquals(List.of("5", "1"), idsOf(query(QueryPoints.newBuilder().setCollectionName(c).setUsing("text")
                .setQuery(sparseQuery(3, 0.5f, 1, 1.0f)).setScoreThreshold(1.0f))), "threshold; query indices in any order");
        assertEquals(List.of("1"), idsOf(query(QueryPoints.newBuilder().setCollectionName(c).setUsing("text")
                .setQuery(sparseQuery(1, 1.0f, 3, 0.5f)).setLimit(1).setOffset(1))));
        List<ScoredPoint> searched = get(client().searchAsync(SearchPoints.newBuilder().setCollectionName(c)
                .setVectorName("text").addAllVector(List.of(1.0f, 0.5f)).setSparseIndices(
                        io.qdrant.client.grpc.Points.SparseIndices.newBuilder().addAllData(List.of(1, 3)))
                .setLimit(10).build()));
        assertEquals(List.of("5", "1", "2"), idsOf(searched), "search with sparse_indices");

        var sparseConfig = get(client().getCollectionInfoAsync(c)).getConfig().getParams().getSparseVectorsConfig();
        assertEquals(Set.of("text"), sparseConfig.getMapMap().keySet());
        assertStatus(Status.Code.INVALID_ARGUMENT, () -> query(QueryPoints.newBuilder().setCollectionName(c)
                .setUsing("nope").setQuery(sparseQuery(1, 1.0f))));
        assertStatus(Status.Code.INVALID_ARGUMENT, () -> query(QueryPoints.newBuilder().setCollectionName(c)
                .setUsing("dense").setQuery(sparseQuery(1, 1.0f))));
        assertStatus(Status.Code.INVALID_ARGUMENT, () -> query(QueryPoints.newBuilder().setCollectionName(c)
                .setUsing("text").setQuery(QueryFactory.nearest(1, 0))));
    }

    @Test
    void sparseIdfModifierWeighsQueryIndicesByRarity() throws Exception {
        String c = hybridCollection(io.qdrant.client.grpc.Collections.Modifier.Idf);
        upsert(c, hybridPoint(1, Map.of(), 0, 1, 1.0f, 2, 1.0f),
                hybridPoint(2, Map.of(), 0, 1, 1.0f),
                hybridPoint(3, Map.of(), 0, 1, 1.0f, 3, 1.0f),
                hybridPoint(4, Map.of(), 0, 3, 2.0f),
                hybridPoint(5, Map.of(), 0),
                hybridPoint(6, Map.of(), 0, (float[]) null));
        reopen();
        assertEquals(io.qdrant.client.grpc.Collections.Modifier.Idf, get(client().getCollectionInfoAsync(c))
                .getConfig().getParams().getSparseVectorsConfig().getMapMap().get("text").getModifier());
        // N = 4 points with a non-empty "text" vector; n(1) = 3, n(2) = 1, n(3) = 2;
        // idf = ln((N - n + 0.5) / (n + 0.5) + 1): idf1 = ln(1.5/3.5 + 1) = 0.3566749, idf2 = ln(3.5/1.5 + 1) = 1.2039728,
        // idf3 = ln(2.5/2.5 + 1) = 0.6931472
        List<ScoredPoint> hits = query(QueryPoints.newBuilder().setCollectionName(c).setUsing("text")
                .setQuery(sparseQuery(1, 1.0f, 2, 1.0f, 3, 1.0f, 9, 1.0f)));
        assertEquals(List.of("1", "4", "3", "2"), idsOf(hits));
        assertEquals(0.3566749f + 1.2039728f, hits.get(0).getScore(), 1e-5);
        assertEquals(2 * 0.6931472f, hits.get(1).getScore(), 1e-5);
        assertEquals(0.3566749f + 0.6931472f, hits.get(2).getScore(), 1e-5);
        assertEquals(0.3566749f, hits.get(3).getScore(), 1e-5);
    }

    // ---------------------------------------------------------------- prefetch and fusion

    /**
     * Dense (x, 0) with query (1, 0): 1 (0.9), 2 (0.8), 4 (0.5), 3 (0.1). Sparse with query
     * {1: 1}: 2 (1.0), 3 (0.9), 1 (0.2); 4 shares no index.
     */
    String fusionCollection() throws Exception {
        String c = hybridCollection(null);
        upsert(c, hybridPoint(1, payload("g", value("a"), "rank", value(4)), 0.9f, 1, 0.2f),
                hybridPoint(2, payload("g", value("b"), "rank", value(3)), 0.8f, 1, 1.0f),
                hybridPoint(3, payload("g", value("a"), "rank", value(2)), 0.1f, 1, 0.9f),
                hybridPoint(4, payload("g", value("a"), "rank", value(1)), 0.5f, 7, 1.0f));
        reopen();
        return c;
    }

    static PrefetchQuery.Builder densePrefetch(long limit) {
        return PrefetchQuery.newBuilder().setQuery(QueryFactory.nearest(1, 0)).setUsing("dense").setLimit(limit);
    }

    static PrefetchQuery.Builder sparsePrefetch(long limit) {
        return PrefetchQuery.newBuilder().setQuery(sparseQuery(1, 1.0f)).setUsing("text").setLimit(limit);
    }

    @Test
    void rrfFusesPrefetchRanksWithQdrantsDefaultK() throws Exception {
        String c = fusionCollection();
        // Qdrant's RRF: 1 / (rank + k) with 0-based rank and k = 2: dense 1, 2, 4 and sparse 2, 3, 1
        List<ScoredPoint> fused = query(QueryPoints.newBuilder().setCollectionName(c)
                .addPrefetch(densePrefetch(3)).addPrefetch(sparsePrefetch(3))
                .setQuery(QueryFactory.fusion(io.qdrant.client.grpc.Points.Fusion.RRF))
                .setWithPayload(WithPayloadSelectorFactory.enable(true)));
        assertEquals(List.of("2", "1", "3", "4"), idsOf(fused));
        assertEquals(1 / 3f + 1 / 2f, fused.get(0).getScore(), 1e-6);
        assertEquals(1 / 2f + 1 / 4f, fused.get(1).getScore(), 1e-6);
        assertEquals(1 / 3f, fused.get(2).getScore(), 1e-6);
        assertEquals(1 / 4f, fused.get(3).getScore(), 1e-6);
        assertEquals(value("b"), fused.get(0).getPayloadMap().get("g"));

        assertEquals(List.of("1", "3"), idsOf(query(QueryPoints.newBuilder().setCollectionName(c)
                .addPrefetch(densePrefetch(3)).addPrefetch(sparsePrefetch(3))
                .setQuery(QueryFactory.fusion(io.qdrant.client.grpc.Points.Fusion.RRF)).setLimit(2).setOffset(1))));
        assertEquals(List.of("2", "1"), idsOf(query(QueryPoints.newBuilder().setCollectionName(c)
                .addPrefetch(densePrefetch(3)).addPrefetch(sparsePrefetch(3))
                .setQuery(QueryFactory.fusion(io.qdrant.client.grpc.Points.Fusion.RRF)).setScoreThreshold(0.5f))));
        // the outer filter applies inside every prefetch: dense 1, 4, 3 and sparse 3, 1
        List<ScoredPoint> filtered = query(QueryPoints.newBuilder().setCollectionName(c)
                .addPrefetch(densePrefetch(3)).addPrefetch(sparsePrefetch(3))
                .setQuery(QueryFactory.fusion(io.qdrant.client.grpc.Points.Fusion.RRF))
                .setFilter(must(matchKeyword("g", "a"))));
        assertEquals(List.of("1", "3", "4"), idsOf(filtered));
        assertEquals(1 / 2f + 1 / 3f, filtered.get(0).getScore(), 1e-6);

        List<ScoredPoint> k60 = query(QueryPoints.newBuilder().setCollectionName(c)
                .addPrefetch(densePrefetch(3)).addPrefetch(sparsePrefetch(3))
                .setQuery(QueryFactory.rrf(io.qdrant.client.grpc.Points.Rrf.newBuilder().setK(60).build())));
        assertEquals(List.of("2", "1", "3", "4"), idsOf(k60));
        assertEquals(1 / 61f + 1 / 60f, k60.get(0).getScore(), 1e-6);
        // weights: 1 / ((rank + 1) / w + k - 1); dense weighted 3: 0.75, 0.6, 0.5; sparse: 0.5, 1/3, 0.25
        List<ScoredPoint> weighted = query(QueryPoints.newBuilder().setCollectionName(c)
                .addPrefetch(densePrefetch(3)).addPrefetch(sparsePrefetch(3))
                .setQuery(QueryFactory.rrf(io.qdrant.client.grpc.Points.Rrf.newBuilder()
                        .addAllWeights(List.of(3f, 1f)).build())));
        assertEquals(List.of("2", "1", "4", "3"), idsOf(weighted));
        assertEquals(0.6f + 0.5f, weighted.get(0).getScore(), 1e-6);
        assertEquals(0.75f + 0.25f, weighted.get(1).getScore(), 1e-6);
    }

    @Test
    void dbsfFusesNormalisedScores() throws Exception {
        String c = fusionCollection();
        // each list normalised with mean +- 3 sample standard deviations, then summed
        List<ScoredPoint> fused = query(QueryPoints.newBuilder().setCollectionName(c)
                .addPrefetch(densePrefetch(3)).addPrefetch(sparsePrefetch(3))
                .setQuery(QueryFactory.fusion(io.qdrant.client.grpc.Points.Fusion.DBSF)));
        assertEquals(List.of("2", "1", "3", "4"), idsOf(fused));
        assertEquals(1.1680839f, fused.get(0).getScore(), 1e-4);
        assertEquals(0.9422603f, fused.get(1).getScore(), 1e-4);
        assertEquals(0.5764719f, fused.get(2).getScore(), 1e-4);
        assertEquals(0.3131838f, fused.get(3).getScore(), 1e-4);
    }

    @Test
    void prefetchCandidatesAreRescoredNestedAndOrdered() throws Exception {
        String c = fusionCollection();
        // nearest re-score of the sparse candidates 2, 3 with the dense vector
        List<ScoredPoint> rescored = query(QueryPoints.newBuilder().setCollectionName(c)
                .addPrefetch(sparsePrefetch(2)).setQuery(QueryFactory.nearest(1, 0)).setUsing("dense"));
        assertEquals(List.of("2", "3"), idsOf(rescored));
        assertEquals(0.8f, rescored.get(0).getScore(), 1e-6);
        assertEquals(0.1f, rescored.get(1).getScore(), 1e-6);
        // nested: dense candidates 1, 2, 4 re-scored by sparse (4 shares no index), then by dense again
        List<ScoredPoint> nested = query(QueryPoints.newBuilder().setCollectionName(c)
                .addPrefetch(PrefetchQuery.newBuilder().addPrefetch(densePrefetch(3))
                        .setQuery(sparseQuery(1, 1.0f)).setUsing("text").setLimit(5))
                .setQuery(QueryFactory.nearest(1, 0)).setUsing("dense"));
        assertEquals(List.of("1", "2"), idsOf(nested));
        // a prefetch's own threshold and filter
        assertEquals(List.of("1", "2"), idsOf(query(QueryPoints.newBuilder().setCollectionName(c)
                .addPrefetch(densePrefetch(10).setScoreThreshold(0.6f))
                .setQuery(QueryFactory.nearest(1, 0)).setUsing("dense"))));
        assertEquals(List.of("1", "4"), idsOf(query(QueryPoints.newBuilder().setCollectionName(c)
                .addPrefetch(densePrefetch(2).setFilter(must(matchKeyword("g", "a"))))
                .setQuery(QueryFactory.nearest(1, 0)).setUsing("dense"))));
        // order_by over the prefetched points
        get(client().createPayloadIndexAsync(c, "rank", PayloadSchemaType.Integer, null, true, null, null));
        List<ScoredPoint> ordered = query(QueryPoints.newBuilder().setCollectionName(c)
                .addPrefetch(densePrefetch(3)).setQuery(QueryFactory.orderBy("rank")));
        assertEquals(List.of("4", "2", "1"), idsOf(ordered));
        assertEquals(1, ordered.get(0).getOrderValue().getInt());

        assertStatus(Status.Code.INVALID_ARGUMENT, () -> query(QueryPoints.newBuilder().setCollectionName(c)
                .addPrefetch(densePrefetch(3))));
        assertStatus(Status.Code.INVALID_ARGUMENT, () -> query(QueryPoints.newBuilder().setCollectionName(c)
                .setQuery(QueryFactory.fusion(io.qdrant.client.grpc.Points.Fusion.RRF))));
        assertStatus(Status.Code.INVALID_ARGUMENT, () -> query(QueryPoints.newBuilder().setCollectionName(c)
                .addPrefetch(densePrefetch(3)).setUsing("dense")
                .setQuery(QueryFactory.fusion(io.qdrant.client.grpc.Points.Fusion.RRF))));
        assertStatus(Status.Code.INVALID_ARGUMENT, () -> query(QueryPoints.newBuilder().setCollectionName(c)
                .setQuery(QueryFactory.orderBy("rank")).setScoreThreshold(0.5f)));
    }

    // ---------------------------------------------------------------- grouped query

    /** Dense (x, 0), Dot, payload "doc": 7 has none, 4 names two groups, 8 an integer group. */
    String groupCollection(io.qdrant.client.grpc.Collections.StrictModeConfig strict) throws Exception {
        String c = name("groups");
        CreateCollection.Builder create = CreateCollection.newBuilder().setCollectionName(c)
                .setVectorsConfig(io.qdrant.client.grpc.Collections.VectorsConfig.newBuilder().setParams(
                        VectorParams.newBuilder().setSize(2).setDistance(Distance.Dot)));
        if (strict != null) {
            create.setStrictModeConfig(strict);
        }
        get(client().createCollectionAsync(create.build()));
        upsert(c, point(1, payload("doc", value("a")), 0.9f, 0), point(2, payload("doc", value("b")), 0.8f, 0),
                point(3, payload("doc", value("a")), 0.7f, 0),
                point(4, payload("doc", list(List.of(value("a"), value("c")))), 0.6f, 0),
                point(5, payload("doc", value("b")), 0.5f, 0), point(6, payload("doc", value("c")), 0.4f, 0),
                point(7, Map.of(), 0.95f, 0), point(8, payload("doc", value(7)), 0.3f, 0));
        reopen();
        return c;
    }

    static List<String> groupView(List<io.qdrant.client.grpc.Points.PointGroup> groups) {
        return groups.stream().map(g -> (g.getId().hasStringValue() ? g.getId().getStringValue()
                : g.getId().hasUnsignedValue() ? "u" + g.getId().getUnsignedValue() : "i" + g.getId().getIntegerValue())
                + "=" + idsOf(g.getHitsList())).toList();
    }

    @Test
    void queryGroupsCollectBestHitsPerPayloadValue() throws Exception {
        String c = groupCollection(null);
        var request = io.qdrant.client.grpc.Points.QueryPointGroups.newBuilder().setCollectionName(c)
                .setQuery(QueryFactory.nearest(1, 0)).setGroupBy("doc").setGroupSize(2).setLimit(3);
        List<io.qdrant.client.grpc.Points.PointGroup> groups = get(client().queryGroupsAsync(request.build()));
        assertEquals(List.of("a=[1, 3]", "b=[2, 5]", "c=[4, 6]"), groupView(groups));
        assertEquals(0.9f, groups.get(0).getHits(0).getScore(), 1e-6);
        assertEquals(Map.of(), groups.get(0).getHits(0).getPayloadMap(), "no payload by default");

        List<io.qdrant.client.grpc.Points.PointGroup> four = get(client().queryGroupsAsync(request.setLimit(4)
                .setWithPayload(WithPayloadSelectorFactory.enable(true)).build()));
        assertEquals(List.of("a=[1, 3]", "b=[2, 5]", "c=[4, 6]", "u7=[8]"), groupView(four));
        assertEquals(payload("doc", value(7)), four.get(3).getHits(0).getPayloadMap());

        assertEquals(List.of("b=[2, 5]", "c=[6]", "u7=[8]"), groupView(get(client().queryGroupsAsync(
                io.qdrant.client.grpc.Points.QueryPointGroups.newBuilder().setCollectionName(c)
                        .addPrefetch(PrefetchQuery.newBuilder().setQuery(QueryFactory.nearest(1, 0)).setLimit(10)
                                .setFilter(Filter.newBuilder().addMustNot(matchKeyword("doc", "a"))))
                        .setQuery(QueryFactory.nearest(1, 0)).setGroupBy("doc").setGroupSize(2).build()))),
                "over prefetched points");
        assertEquals(List.of("a=[1, 3, 4]", "b=[2, 5]"), groupView(get(client().queryGroupsAsync(
                io.qdrant.client.grpc.Points.QueryPointGroups.newBuilder().setCollectionName(c)
                        .setQuery(QueryFactory.nearest(1, 0)).setGroupBy("doc").setGroupSize(3).setLimit(2)
                        .build()))), "group_size");
    }

    @Test
    void strictModeRefusesGroupingByAnUnindexedKey() throws Exception {
        String c = groupCollection(io.qdrant.client.grpc.Collections.StrictModeConfig.newBuilder().setEnabled(true)
                .setUnindexedFilteringRetrieve(false).build());
        var request = io.qdrant.client.grpc.Points.QueryPointGroups.newBuilder().setCollectionName(c)
                .setQuery(QueryFactory.nearest(1, 0)).setGroupBy("doc").setGroupSize(2).setLimit(3).build();
        StatusRuntimeException e = assertStatus(Status.Code.INVALID_ARGUMENT,
                () -> get(client().queryGroupsAsync(request)));
        assertTrue(e.getStatus().getDescription().contains("Index required but not found for \"doc\""),
                e.getStatus().getDescription());
        get(client().createPayloadIndexAsync(c, "doc", PayloadSchemaType.Keyword, null, true, null, null));
        assertEquals(List.of("a=[1, 3]", "b=[2, 5]", "c=[4, 6]"), groupView(get(client().queryGroupsAsync(request))));
    }

    // ---------------------------------------------------------------- facets and payload schema

    @Test
    void facetsCountByValueAndNeedAnIndex() throws Exception {
        String c = payloadOnlyCollection();
        get(client().upsertAsync(c, List.of(
                payloadPoint(id(1), payload("kind", value("note"), "n", value(1), "ok", value(true))),
                payloadPoint(id(2), payload("kind", list(List.of(value("book"), value("book"), value("note"))))),
                payloadPoint(id(3), payload("kind", value("book"), "n", value(1))),
                payloadPoint(id(4), payload("kind", value("clip"), "n", value(2), "ok", value(true))))));
        FacetCounts.Builder kind = FacetCounts.newBuilder().setCollectionName(c).setKey("kind");
        StatusRuntimeException e = assertStatus(Status.Code.INVALID_ARGUMENT, () -> get(client().facetAsync(kind.build())));
        assertTrue(e.getStatus().getDescription().contains("kind"), e.getStatus().getDescription());

        get(client().createPayloadIndexAsync(c, "kind", PayloadSchemaType.Keyword, null, true, null, null));
        List<FacetHit> hits = get(client().facetAsync(kind.build()));
        assertEquals(List.of("book=2", "note=2", "clip=1"),
                hits.stream().map(h -> h.getValue().getStringValue() + "=" + h.getCount()).toList());
        assertEquals(List.of("book=2"), get(client().facetAsync(kind.setLimit(1).build())).stream()
                .map(h -> h.getValue().getStringValue() + "=" + h.getCount()).toList());
        assertEquals(List.of("clip=1", "note=1"), get(client().facetAsync(FacetCounts.newBuilder()
                .setCollectionName(c).setKey("kind").setFilter(must(match("ok", true))).setExact(true).build()))
                .stream().map(h -> h.getValue().getStringValue() + "=" + h.getCount()).toList());

        get(client().createPayloadIndexAsync(c, "n", PayloadSchemaType.Integer, null, true, null, null));
        assertEquals(List.of("1=2", "2=1"), get(client().facetAsync(FacetCounts.newBuilder().setCollectionName(c)
                .setKey("n").build())).stream().map(h -> h.getValue().getIntegerValue() + "=" + h.getCount()).toList());
    }

    @Test
    void payloadSchemaReflectsIndexes() throws Exception {
        String c = payloadOnlyCollection();
        get(client().upsertAsync(c, List.of(
                payloadPoint(id(1), payload("kw", value("a"), "int", value(1), "fl", value(1.5), "bo", value(true),
                        "dt", value("2024-01-01T00:00:00Z"), "tx", value("some words"),
                        "uu", value("550e8400-e29b-41d4-a716-446655440000"))),
                payloadPoint(id(2), payload("kw", list(List.of(value("b"), value("c"))), "int", value("not int"))))));
        Map<String, PayloadSchemaType> types = Map.of("kw", PayloadSchemaType.Keyword, "int", PayloadSchemaType.Integer,
                "fl", PayloadSchemaType.Float, "bo", PayloadSchemaType.Bool, "dt", PayloadSchemaType.Datetime,
                "tx", PayloadSchemaType.Text, "uu", PayloadSchemaType.Uuid);
        for (var t : types.entrySet()) {
            get(client().createPayloadIndexAsync(c, t.getKey(), t.getValue(), null, true, null, null));
        }
        var schema = get(client().getCollectionInfoAsync(c)).getPayloadSchemaMap();
        assertEquals(types, schema.entrySet().stream()
                .collect(Collectors.toMap(Map.Entry::getKey, s -> s.getValue().getDataType())));
        assertEquals(2, schema.get("kw").getPoints());
        assertEquals(1, schema.get("int").getPoints());
        assertEquals(1, schema.get("uu").getPoints());

        get(client().deletePayloadIndexAsync(c, "kw", true, null, null));
        assertFalse(get(client().getCollectionInfoAsync(c)).getPayloadSchemaMap().containsKey("kw"));
    }

    // ---------------------------------------------------------------- filters

    /** Five points with payloads chosen to tell Qdrant's filter semantics apart. */
    String filterFixture() throws Exception {
        String c = payloadOnlyCollection();
        get(client().upsertAsync(c, List.of(
                payloadPoint(id(1), payload("city", value("Berlin"), "tags", list(List.of(value("a"), value("b"))),
                        "n", value(3), "price", value(9.5), "ok", value(true), "when", value("2024-01-10T10:00:00Z"),
                        "text", value("The Quick brown fox"), "meta", obj("color", value("red"), "size", value(2)),
                        "items", list(List.of(obj("k", value("x"), "v", value(1)), obj("k", value("y"), "v", value(2)))),
                        "empty", list(List.of()), "nul", nullValue())),
                payloadPoint(id(2), payload("city", value("London"), "tags", list(List.of(value("b"))),
                        "n", value(7), "price", value(20), "ok", value(false),
                        "when", value("2024-03-01T00:00:00.123456Z"), "text", value("lazy dog"),
                        "meta", obj("color", value("blue"), "size", value(5)),
                        "items", list(List.of(obj("k", value("x"), "v", value(5)))),
                        "empty", list(List.of(value("z"))), "nul", value("v"))),
                payloadPoint(id(3), payload("city", value("Paris"), "tags", list(List.of()), "n", value(10),
                        "ok", value(true), "when", value("2024-01-01T00:30:00+01:00"), "text", value("quick QUICK"),
                        "items", list(List.of()))),
                payloadPoint(id(4), payload("city", value("berlin"), "n", value(3.0), "price", value("cheap"),
                        "tags", value("a"), "nul", list(List.of(nullValue())))),
                payloadPoint(id(UUID.fromString("00000000-0000-0000-0000-000000000005")), Map.of()))));
        return c;
    }

    static final String U5 = "00000000-0000-0000-0000-000000000005";

    @Test
    void filtersMatchValuesAnyAndExcept() throws Exception {
        String c = filterFixture();
        assertEquals(List.of("1"), ids(c, must(matchKeyword("city", "Berlin"))), "keyword match is exact");
        assertEquals(List.of("1"), ids(c, must(match("n", 3))), "integer match skips the double 3.0");
        assertEquals(List.of("2"), ids(c, must(match("ok", false))));
        assertEquals(List.of("1", "2", "4"), ids(c, must(matchKeywords("tags", List.of("b", "a")))),
                "any element of an array, and a scalar");
        assertEquals(List.of("2", "3"), ids(c, must(matchValues("n", List.of(7L, 10L)))));
        assertEquals(List.of("2", "3", "4"), ids(c, must(matchExceptKeywords("city", List.of("Berlin")))));
        assertEquals(List.of("1", "2"), ids(c, must(matchExceptKeywords("tags", List.of("a")))),
                "except holds when some element differs");
        assertEquals(List.of("1", "2", "4"), ids(c, must(matchExceptValues("n", List.of(10L)))),
                "except keeps the double and drops missing fields");
    }

    @Test
    void filtersMatchTextAsSubstringWithoutIndexAndAsTokensWithOne() throws Exception {
        String c = filterFixture();
        assertEquals(List.of("1"), ids(c, must(matchText("text", "Quick brown"))), "case-sensitive substring");
        assertEquals(List.of("3"), ids(c, must(matchText("text", "quick"))));
        assertEquals(List.of("1", "2"), ids(c, must(matchTextAny("text", "Quick dog"))));

        get(client().createPayloadIndexAsync(c, "text", PayloadSchemaType.Text,
                io.qdrant.client.grpc.Collections.PayloadIndexParams.newBuilder().setTextIndexParams(
                        io.qdrant.client.grpc.Collections.TextIndexParams.newBuilder()
                                .setTokenizer(io.qdrant.client.grpc.Collections.TokenizerType.Word)
                                .setPhraseMatching(true)).build(), true, null, null));
        assertEquals(List.of("1", "3"), ids(c, must(matchText("text", "quick"))), "tokens, lower-cased");
        assertEquals(List.of("1"), ids(c, must(matchText("text", "fox QUICK"))), "all tokens, any order");
        assertEquals(List.of(), ids(c, must(matchText("text", "qui"))), "whole tokens only");
        assertEquals(List.of("1", "2"), ids(c, must(matchTextAny("text", "fox lazy cat"))));
        assertEquals(List.of("1"), ids(c, must(matchPhrase("text", "quick brown"))), "consecutive tokens");
        assertEquals(List.of(), ids(c, must(matchPhrase("text", "brown quick"))));
    }

    @Test
    void filtersRangeAndDatetimeRange() throws Exception {
        String c = filterFixture();
        assertEquals(List.of("1", "4"), ids(c, must(range("n", Range.newBuilder().setLte(3).build()))),
                "range covers integers and doubles");
        assertEquals(List.of("2", "3"), ids(c, must(range("n", Range.newBuilder().setGt(3).build()))));
        assertEquals(List.of("1", "2"), ids(c, must(range("price", Range.newBuilder().setGte(9.5).setLt(100).build()))),
                "strings never match a range");
        assertEquals(List.of("1", "2"), ids(c, must(datetimeRange("when",
                io.qdrant.client.grpc.Common.DatetimeRange.newBuilder()
                        .setGte(ts("2024-01-01T00:00:00Z")).build()))),
                "+01:00 offset is normalised");
        assertEquals(List.of("2"), ids(c, must(datetimeRange("when",
                io.qdrant.client.grpc.Common.DatetimeRange.newBuilder()
                        .setGt(ts("2024-03-01T00:00:00.123Z")).setLte(ts("2024-03-01T00:00:00.123456Z")).build()))),
                "fractional seconds count");
    }

    @Test
    void filtersValuesCountIsEmptyIsNullAndHasId() throws Exception {
        String c = filterFixture();
        assertEquals(List.of("1"), ids(c, must(valuesCount("tags", ValuesCount.newBuilder().setGte(2).build()))));
        assertEquals(List.of("2", "3", "4"),
                ids(c, must(valuesCount("tags", ValuesCount.newBuilder().setLt(2).build()))),
                "a scalar counts 1; a missing field never matches");
        assertEquals(List.of("1", "3", "4", U5), ids(c, must(isEmpty("empty"))),
                "empty array or missing field");
        assertEquals(List.of("1"), ids(c, must(isNull("nul"))), "only an explicit null");
        assertEquals(List.of("2", U5), ids(c, must(hasId(List.of(id(2), id(UUID.fromString(U5)), id(99))))));
        assertEquals(List.of("2", "3", "4", U5),
                ids(c, Filter.newBuilder().addMustNot(matchKeyword("city", "Berlin")).build()));

        get(client().createPayloadIndexAsync(c, "empty", PayloadSchemaType.Keyword, null, true, null, null));
        get(client().createPayloadIndexAsync(c, "nul", PayloadSchemaType.Keyword, null, true, null, null));
        assertEquals(List.of("1", "3", "4", U5), ids(c, must(isEmpty("empty"))), "the same with an index");
        assertEquals(List.of("2"), ids(c, Filter.newBuilder().addMustNot(isEmpty("empty")).build()));
        assertEquals(List.of("1", "3", U5), ids(c, must(isEmpty("nul"))), "a null is empty, [null] is not");
    }

    @Test
    void filtersNestedDottedKeysAndArrays() throws Exception {
        String c = filterFixture();
        assertEquals(List.of("2"), ids(c, must(matchKeyword("meta.color", "blue"))), "dotted key into an object");
        assertEquals(List.of("1", "2"), ids(c, must(matchKeyword("items[].k", "x"))), "[] projects through arrays");
        assertEquals(List.of(), ids(c, must(matchKeyword("items.k", "x"))), "no implicit flattening");
        assertEquals(List.of("1"), ids(c, must(nested("items", must(matchKeyword("k", "y"),
                range("v", Range.newBuilder().setGte(2).build()))))), "one element satisfies both");
        assertEquals(List.of(), ids(c, must(nested("items", must(matchKeyword("k", "y"),
                range("v", Range.newBuilder().setGte(5).build()))))),
                "conditions are not spread over elements");
    }

    @Test
    void filtersShouldMustNotMinShouldAndSubFilters() throws Exception {
        String c = filterFixture();
        Filter should = Filter.newBuilder().addShould(matchKeyword("city", "Paris"))
                .addShould(match("ok", false)).build();
        assertEquals(List.of("2", "3"), ids(c, should));
        Filter combined = Filter.newBuilder().addMust(filter(should)).addMustNot(match("n", 10)).build();
        assertEquals(List.of("2"), ids(c, combined));
        Filter minShould = Filter.newBuilder().setMinShould(io.qdrant.client.grpc.Common.MinShould.newBuilder()
                .addConditions(match("ok", true)).addConditions(matchKeywords("tags", List.of("a")))
                .addConditions(range("n", Range.newBuilder().setLt(5).build())).setMinCount(2)).build();
        assertEquals(List.of("1", "4"), ids(c, minShould));
        assertEquals(List.of("3"), ids(c, Filter.newBuilder().addMust(matchKeyword("city", "Paris"))
                .addShould(match("ok", true)).addShould(match("n", 99)).build()));
    }

    // ---------------------------------------------------------------- strict mode

    @Test
    void strictModeRefusesFiltersOnUnindexedKeys() throws Exception {
        String c = name("strict");
        get(client().createCollectionAsync(CreateCollection.newBuilder().setCollectionName(c)
                .setVectorsConfig(io.qdrant.client.grpc.Collections.VectorsConfig.newBuilder().setParams(
                        VectorParams.newBuilder().setSize(2).setDistance(Distance.Dot)))
                .setStrictModeConfig(io.qdrant.client.grpc.Collections.StrictModeConfig.newBuilder().setEnabled(true)
                        .setUnindexedFilteringRetrieve(false).setUnindexedFilteringUpdate(false))
                .build()));
        upsert(c, point(1, payload("k", value("a"), "n", value(1)), 1, 0));
        var config = get(client().getCollectionInfoAsync(c)).getConfig().getStrictModeConfig();
        assertTrue(config.getEnabled());
        assertFalse(config.getUnindexedFilteringRetrieve());

        StatusRuntimeException e = assertStatus(Status.Code.INVALID_ARGUMENT,
                () -> get(client().countAsync(c, must(matchKeyword("k", "a")), true)));
        assertTrue(e.getStatus().getDescription().contains("Index required but not found for \"k\" of one of the"
                + " following types: [keyword]"), e.getStatus().getDescription());
        assertStatus(Status.Code.INVALID_ARGUMENT, () -> get(client().deleteAsync(c, must(matchKeyword("k", "a")))));

        get(client().createPayloadIndexAsync(c, "k", PayloadSchemaType.Keyword, null, true, null, null));
        assertEquals(1, get(client().countAsync(c, must(matchKeyword("k", "a")), true)));
        StatusRuntimeException range = assertStatus(Status.Code.INVALID_ARGUMENT, () -> get(client().countAsync(c,
                must(range("n", Range.newBuilder().setGte(0).build())), true)));
        assertTrue(range.getStatus().getDescription().contains("\"n\""), range.getStatus().getDescription());
        assertEquals(1, get(client().countAsync(c, Filter.newBuilder().addMust(hasId(List.of(id(1)))).build(), true)),
                "has_id needs no index");
    }

    // ---------------------------------------------------------------- api key

    @Test
    void apiKeyIsRequiredWhenConfigured() throws Exception {
        SecuredEndpoint s = securedEndpoint();
        try (QdrantClient none = new QdrantClient(QdrantGrpcClient.newBuilder(s.host(), s.port(), false, false).build());
             QdrantClient wrong = new QdrantClient(QdrantGrpcClient.newBuilder(s.host(), s.port(), false, false)
                     .withApiKey(s.apiKey() + "-wrong").build());
             QdrantClient right = new QdrantClient(QdrantGrpcClient.newBuilder(s.host(), s.port(), false)
                     .withApiKey(s.apiKey()).build())) {
            assertStatus(Status.Code.UNAUTHENTICATED, () -> get(none.listCollectionsAsync()));
            assertStatus(Status.Code.UNAUTHENTICATED, () -> get(wrong.listCollectionsAsync()));
            assertTrue(get(none.healthCheckAsync()).getVersion().startsWith("1.18."), "health check needs no key");
            String c = "secured_" + UUID.randomUUID().toString().substring(0, 8);
            get(right.createCollectionAsync(c, VectorParams.newBuilder().setSize(2).setDistance(Distance.Dot).build()));
            assertTrue(get(right.listCollectionsAsync()).contains(c));
            assertTrue(get(right.deleteCollectionAsync(c)).getResult());
        }
    }
}
