package io.alexandria.qdrant;

import io.grpc.stub.StreamObserver;
import io.qdrant.client.grpc.Common.Filter;
import io.qdrant.client.grpc.Common.PointId;
import io.qdrant.client.grpc.Points.BatchResult;
import io.qdrant.client.grpc.Points.ClearPayloadPoints;
import io.qdrant.client.grpc.Points.CountPoints;
import io.qdrant.client.grpc.Points.CountResponse;
import io.qdrant.client.grpc.Points.CountResult;
import io.qdrant.client.grpc.Points.CreateFieldIndexCollection;
import io.qdrant.client.grpc.Points.CreateVectorNameRequest;
import io.qdrant.client.grpc.Points.DeleteFieldIndexCollection;
import io.qdrant.client.grpc.Points.DeletePayloadPoints;
import io.qdrant.client.grpc.Points.DeletePointVectors;
import io.qdrant.client.grpc.Points.DeletePoints;
import io.qdrant.client.grpc.Points.DeleteVectorNameRequest;
import io.qdrant.client.grpc.Points.DiscoverBatchPoints;
import io.qdrant.client.grpc.Points.DiscoverBatchResponse;
import io.qdrant.client.grpc.Points.DiscoverPoints;
import io.qdrant.client.grpc.Points.DiscoverResponse;
import io.qdrant.client.grpc.Points.FacetCounts;
import io.qdrant.client.grpc.Points.FacetResponse;
import io.qdrant.client.grpc.Points.GetPoints;
import io.qdrant.client.grpc.Points.GetResponse;
import io.qdrant.client.grpc.Points.GroupsResult;
import io.qdrant.client.grpc.Points.PointGroup;
import io.qdrant.client.grpc.Points.PointsOperationResponse;
import io.qdrant.client.grpc.Points.PointsSelector;
import io.qdrant.client.grpc.Points.PointsUpdateOperation;
import io.qdrant.client.grpc.Points.QueryBatchPoints;
import io.qdrant.client.grpc.Points.QueryBatchResponse;
import io.qdrant.client.grpc.Points.QueryGroupsResponse;
import io.qdrant.client.grpc.Points.QueryPointGroups;
import io.qdrant.client.grpc.Points.QueryPoints;
import io.qdrant.client.grpc.Points.QueryResponse;
import io.qdrant.client.grpc.Points.RecommendBatchPoints;
import io.qdrant.client.grpc.Points.RecommendBatchResponse;
import io.qdrant.client.grpc.Points.RecommendGroupsResponse;
import io.qdrant.client.grpc.Points.RecommendPointGroups;
import io.qdrant.client.grpc.Points.RecommendPoints;
import io.qdrant.client.grpc.Points.RecommendResponse;
import io.qdrant.client.grpc.Points.RetrievedPoint;
import io.qdrant.client.grpc.Points.ScoredPoint;
import io.qdrant.client.grpc.Points.ScrollPoints;
import io.qdrant.client.grpc.Points.ScrollResponse;
import io.qdrant.client.grpc.Points.SearchBatchPoints;
import io.qdrant.client.grpc.Points.SearchBatchResponse;
import io.qdrant.client.grpc.Points.SearchGroupsResponse;
import io.qdrant.client.grpc.Points.SearchMatrixOffsetsResponse;
import io.qdrant.client.grpc.Points.SearchMatrixPairsResponse;
import io.qdrant.client.grpc.Points.SearchMatrixPoints;
import io.qdrant.client.grpc.Points.SearchPointGroups;
import io.qdrant.client.grpc.Points.SearchPoints;
import io.qdrant.client.grpc.Points.SearchResponse;
import io.qdrant.client.grpc.Points.SetPayloadPoints;
import io.qdrant.client.grpc.Points.UpdateBatchPoints;
import io.qdrant.client.grpc.Points.UpdateBatchResponse;
import io.qdrant.client.grpc.Points.UpdateMode;
import io.qdrant.client.grpc.Points.UpdatePointVectors;
import io.qdrant.client.grpc.Points.UpdateResult;
import io.qdrant.client.grpc.Points.UpdateStatus;
import io.qdrant.client.grpc.Points.UpsertPoints;
import io.qdrant.client.grpc.Points.WithPayloadSelector;
import io.qdrant.client.grpc.Points.WithVectorsSelector;
import io.qdrant.client.grpc.PointsGrpc;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code qdrant.Points}, as Qdrant 1.18 for what Alexandria uses: upsert (with {@code wait},
 * {@code update_filter}, {@code update_mode}), delete, get, set/overwrite/delete/clear payload,
 * field indexes, scroll, count, search (and batch; dense or sparse), query (and batch) and grouped
 * query with dense or sparse nearest, {@code order_by}, none, prefetch and fusion
 * ({@link UniversalQuery}, {@link QueryGroups}), facet, and update batches of those operations.
 *
 * <p>Writes are applied before the response in every case; {@code wait=false} only changes the
 * reported status to {@code Acknowledged} (and, as in Qdrant, a payload update on a missing point
 * is then not reported as an error). Everything else answers UNIMPLEMENTED: recommend, discover,
 * grouped search, search matrix, vector updates, named-vector management, other query kinds
 * (formula, MMR, sample, by point id, ...), multivectors, shard keys, lookups.
 */
final class PointsService extends PointsGrpc.PointsImplBase {
    private final QdrantStore store;

    PointsService(QdrantStore store) {
        this.store = store;
    }

    private static PointsOperationResponse operation(long op, boolean wait, long start) {
        return PointsOperationResponse.newBuilder()
                .setResult(result(op, wait))
                .setTime(Rpc.seconds(start))
                .build();
    }

    private static UpdateResult result(long op, boolean wait) {
        return UpdateResult.newBuilder().setOperationId(op)
                .setStatus(wait ? UpdateStatus.Completed : UpdateStatus.Acknowledged).build();
    }

    private static void noShardKeys(boolean hasShardKeySelector) {
        if (hasShardKeySelector) {
            throw QdrantErrors.unimplemented("Shard keys (shard_key_selector)");
        }
    }

    @Override
    public void upsert(UpsertPoints request, StreamObserver<PointsOperationResponse> observer) {
        long start = System.nanoTime();
        Rpc.unary(observer, () -> {
            noShardKeys(request.hasShardKeySelector());
            long op = store.write(request.getCollectionName(), c -> c.upsert(request.getPointsList(),
                    request.hasUpdateFilter() ? request.getUpdateFilter() : null,
                    request.hasUpdateMode() ? request.getUpdateMode() : UpdateMode.Upsert));
            return operation(op, request.getWait(), start);
        });
    }

    @Override
    public void delete(DeletePoints request, StreamObserver<PointsOperationResponse> observer) {
        long start = System.nanoTime();
        Rpc.unary(observer, () -> {
            noShardKeys(request.hasShardKeySelector());
            long op = store.write(request.getCollectionName(), c -> c.delete(request.getPoints()));
            return operation(op, request.getWait(), start);
        });
    }

    @Override
    public void get(GetPoints request, StreamObserver<GetResponse> observer) {
        long start = System.nanoTime();
        Rpc.unary(observer, () -> {
            noShardKeys(request.hasShardKeySelector());
            List<PointId> ids = request.getIdsList();
            List<RetrievedPoint> found = store.read(request.getCollectionName(), c -> {
                Map<PointKey, RetrievedPoint> byId = new LinkedHashMap<>();
                for (PointId id : ids) {
                    PointKey key = PointKey.fromProto(id);
                    StoredPoint p = c.point(key, wantsVectors(request.hasWithVectors(), request.getWithVectors()));
                    if (p != null && !byId.containsKey(key)) {
                        byId.put(key, PointViews.retrieved(p, payloadSelector(request.hasWithPayload(),
                                        request.getWithPayload()), false,
                                vectorSelector(request.hasWithVectors(), request.getWithVectors()),
                                c.hasUnnamedVector(), null));
                    }
                }
                return new ArrayList<>(byId.values());
            });
            return GetResponse.newBuilder().addAllResult(found).setTime(Rpc.seconds(start)).build();
        });
    }

    private static WithPayloadSelector payloadSelector(boolean present, WithPayloadSelector selector) {
        return present && selector.getSelectorOptionsCase()
                != WithPayloadSelector.SelectorOptionsCase.SELECTOROPTIONS_NOT_SET ? selector : null;
    }

    /** Whether a vectors selector asks for any vector (so dense vectors must be read). */
    static boolean wantsVectors(boolean present, WithVectorsSelector selector) {
        return present && switch (selector.getSelectorOptionsCase()) {
            case ENABLE -> selector.getEnable();
            case INCLUDE -> selector.getInclude().getNamesCount() > 0;
            default -> false;
        };
    }

    private static WithVectorsSelector vectorSelector(boolean present, WithVectorsSelector selector) {
        return present ? selector : null;
    }

    @Override
    public void setPayload(SetPayloadPoints request, StreamObserver<PointsOperationResponse> observer) {
        setOrOverwrite(request, false, observer);
    }

    @Override
    public void overwritePayload(SetPayloadPoints request, StreamObserver<PointsOperationResponse> observer) {
        setOrOverwrite(request, true, observer);
    }

    private void setOrOverwrite(SetPayloadPoints request, boolean overwrite,
                                StreamObserver<PointsOperationResponse> observer) {
        long start = System.nanoTime();
        Rpc.unary(observer, () -> {
            noShardKeys(request.hasShardKeySelector());
            PointsSelector selector = requireSelector(request.hasPointsSelector(), request.getPointsSelector());
            StoredCollection.PayloadUpdate update = store.write(request.getCollectionName(),
                    c -> c.setPayload(request.getPayloadMap(), selector, request.hasKey() ? request.getKey() : null,
                            overwrite));
            return payloadResponse(update, request.getWait(), start);
        });
    }

    private static PointsSelector requireSelector(boolean present, PointsSelector selector) {
        if (!present) {
            throw QdrantErrors.badRequest("Either `points` or `filter` is required");
        }
        return selector;
    }

    private static PointsOperationResponse payloadResponse(StoredCollection.PayloadUpdate update, boolean wait,
                                                           long start) {
        if (wait && update.firstMissing().isPresent()) {
            throw QdrantErrors.pointNotFound(update.firstMissing().get());
        }
        return operation(update.operation(), wait, start);
    }

    @Override
    public void deletePayload(DeletePayloadPoints request, StreamObserver<PointsOperationResponse> observer) {
        long start = System.nanoTime();
        Rpc.unary(observer, () -> {
            noShardKeys(request.hasShardKeySelector());
            PointsSelector selector = requireSelector(request.hasPointsSelector(), request.getPointsSelector());
            StoredCollection.PayloadUpdate update = store.write(request.getCollectionName(),
                    c -> c.deletePayload(request.getKeysList(), selector));
            return payloadResponse(update, request.getWait(), start);
        });
    }

    @Override
    public void clearPayload(ClearPayloadPoints request, StreamObserver<PointsOperationResponse> observer) {
        long start = System.nanoTime();
        Rpc.unary(observer, () -> {
            noShardKeys(request.hasShardKeySelector());
            StoredCollection.PayloadUpdate update = store.write(request.getCollectionName(),
                    c -> c.clearPayload(request.getPoints()));
            return payloadResponse(update, request.getWait(), start);
        });
    }

    @Override
    public void createFieldIndex(CreateFieldIndexCollection request, StreamObserver<PointsOperationResponse> observer) {
        long start = System.nanoTime();
        Rpc.unary(observer, () -> {
            long op = store.write(request.getCollectionName(), c -> c.createIndex(request.getFieldName(),
                    request.hasFieldType() ? request.getFieldType() : null,
                    request.hasFieldIndexParams() ? request.getFieldIndexParams() : null));
            return operation(op, request.getWait(), start);
        });
    }

    @Override
    public void deleteFieldIndex(DeleteFieldIndexCollection request, StreamObserver<PointsOperationResponse> observer) {
        long start = System.nanoTime();
        Rpc.unary(observer, () -> {
            long op = store.write(request.getCollectionName(), c -> c.deleteIndex(request.getFieldName()));
            return operation(op, request.getWait(), start);
        });
    }

    @Override
    public void scroll(ScrollPoints request, StreamObserver<ScrollResponse> observer) {
        long start = System.nanoTime();
        Rpc.unary(observer, () -> {
            noShardKeys(request.hasShardKeySelector());
            long limit = request.hasLimit() ? Integer.toUnsignedLong(request.getLimit()) : 10;
            requirePositiveLimit(limit);
            Filter filter = request.hasFilter() ? request.getFilter() : null;
            WithPayloadSelector payload = payloadSelector(request.hasWithPayload(), request.getWithPayload());
            WithVectorsSelector vectors = vectorSelector(request.hasWithVectors(), request.getWithVectors());
            return store.read(request.getCollectionName(), c -> {
                ScrollResponse.Builder b = ScrollResponse.newBuilder();
                if (request.hasOrderBy()) {
                    if (request.hasOffset()) {
                        throw QdrantErrors.badInput("Cannot use an `offset` when using `order_by`. The alternative"
                                + " for paging is to use `order_by.start_from` and a filter to exclude the IDs that"
                                + " you've already seen for the `order_by.start_from` value");
                    }
                    for (PointQueries.Ordered o : PointQueries.orderBy(c, request.getOrderBy(), filter, limit)) {
                        b.addResult(PointViews.retrieved(o.point(), payload, true, vectors, c.hasUnnamedVector(),
                                o.value()));
                    }
                } else {
                    PointKey from = request.hasOffset() ? PointKey.fromProto(request.getOffset()) : null;
                    List<StoredPoint> page = c.scrollById(filter, from, limit + 1,
                            wantsVectors(request.hasWithVectors(), request.getWithVectors()));
                    if (page.size() > limit) {
                        b.setNextPageOffset(page.removeLast().id().toProto());
                    }
                    page.forEach(p -> b.addResult(PointViews.retrieved(p, payload, true, vectors,
                            c.hasUnnamedVector(), null)));
                }
                return b.setTime(Rpc.seconds(start)).build();
            });
        });
    }

    private static void requirePositiveLimit(long limit) {
        if (limit == 0) {
            throw QdrantErrors.invalidArgument("Validation error in body: [limit: value 0 invalid, must be 1 or larger]");
        }
    }

    @Override
    public void count(CountPoints request, StreamObserver<CountResponse> observer) {
        long start = System.nanoTime();
        Rpc.unary(observer, () -> {
            noShardKeys(request.hasShardKeySelector());
            long n = store.read(request.getCollectionName(),
                    c -> c.count(request.hasFilter() ? request.getFilter() : null));
            return CountResponse.newBuilder().setResult(CountResult.newBuilder().setCount(n))
                    .setTime(Rpc.seconds(start)).build();
        });
    }

    @Override
    public void search(SearchPoints request, StreamObserver<SearchResponse> observer) {
        long start = System.nanoTime();
        Rpc.unary(observer, () -> SearchResponse.newBuilder()
                .addAllResult(store.read(request.getCollectionName(), c -> search(c, request)))
                .setTime(Rpc.seconds(start)).build());
    }

    private static List<ScoredPoint> search(StoredCollection c, SearchPoints request) {
        noShardKeys(request.hasShardKeySelector());
        requirePositiveLimit(request.getLimit());
        WithPayloadSelector payload = payloadSelector(request.hasWithPayload(), request.getWithPayload());
        WithVectorsSelector vectors = vectorSelector(request.hasWithVectors(), request.getWithVectors());
        boolean load = wantsVectors(request.hasWithVectors(), request.getWithVectors());
        String name = request.hasVectorName() ? request.getVectorName() : "";
        Filter filter = request.hasFilter() ? request.getFilter() : null;
        Float threshold = request.hasScoreThreshold() ? request.getScoreThreshold() : null;
        long wanted = request.getOffset() + request.getLimit();
        List<PointQueries.Hit> hits = request.hasSparseIndices()
                ? PointQueries.nearestSparse(c, name, SparseVector.of(request.getSparseIndices().getDataList(),
                request.getVectorList()), filter, threshold, wanted)
                : PointQueries.nearestDense(c, name, request.getVectorList(), filter, threshold, wanted);
        List<ScoredPoint> out = new ArrayList<>();
        for (PointQueries.Hit h : PointQueries.page(hits, request.getOffset(), request.getLimit())) {
            out.add(PointViews.scored(PointQueries.load(c, h, load), h.score(), payload, vectors,
                    c.hasUnnamedVector(), null));
        }
        return out;
    }

    @Override
    public void searchBatch(SearchBatchPoints request, StreamObserver<SearchBatchResponse> observer) {
        long start = System.nanoTime();
        Rpc.unary(observer, () -> {
            SearchBatchResponse.Builder b = SearchBatchResponse.newBuilder();
            store.read(request.getCollectionName(), c -> {
                for (SearchPoints s : request.getSearchPointsList()) {
                    b.addResult(BatchResult.newBuilder().addAllResult(search(c, s)));
                }
                return null;
            });
            return b.setTime(Rpc.seconds(start)).build();
        });
    }

    @Override
    public void query(QueryPoints request, StreamObserver<QueryResponse> observer) {
        long start = System.nanoTime();
        Rpc.unary(observer, () -> QueryResponse.newBuilder()
                .addAllResult(store.read(request.getCollectionName(), c -> query(c, request)))
                .setTime(Rpc.seconds(start)).build());
    }

    /**
     * The universal query API ({@link UniversalQuery}): no query, dense or sparse {@code nearest},
     * {@code order_by}, {@code prefetch} merged by fusion (RRF, DBSF), a nearest re-score or
     * {@code order_by}. Default limit 10, offset 0, no payload, no vectors.
     */
    private static List<ScoredPoint> query(StoredCollection c, QueryPoints request) {
        noShardKeys(request.hasShardKeySelector());
        UniversalQuery.Stage stage = UniversalQuery.stage(request);
        long offset = request.hasOffset() ? request.getOffset() : 0;
        WithPayloadSelector payload = payloadSelector(request.hasWithPayload(), request.getWithPayload());
        WithVectorsSelector vectors = vectorSelector(request.hasWithVectors(), request.getWithVectors());
        boolean load = wantsVectors(request.hasWithVectors(), request.getWithVectors());
        List<ScoredPoint> out = new ArrayList<>();
        for (UniversalQuery.Hit h : UniversalQuery.run(c, stage, offset)) {
            StoredPoint p = PointQueries.load(c, new PointQueries.Hit(h.id(), h.score(), h.point()), load);
            out.add(PointViews.scored(p, h.score(), payload, vectors, c.hasUnnamedVector(), h.order(),
                    h.scrolled() ? 0 : p.version()));
        }
        return out;
    }

    @Override
    public void queryBatch(QueryBatchPoints request, StreamObserver<QueryBatchResponse> observer) {
        long start = System.nanoTime();
        Rpc.unary(observer, () -> {
            QueryBatchResponse.Builder b = QueryBatchResponse.newBuilder();
            store.read(request.getCollectionName(), c -> {
                for (QueryPoints q : request.getQueryPointsList()) {
                    b.addResult(BatchResult.newBuilder().addAllResult(query(c, q)));
                }
                return null;
            });
            return b.setTime(Rpc.seconds(start)).build();
        });
    }

    @Override
    public void facet(FacetCounts request, StreamObserver<FacetResponse> observer) {
        long start = System.nanoTime();
        Rpc.unary(observer, () -> {
            noShardKeys(request.hasShardKeySelector());
            return FacetResponse.newBuilder()
                    .addAllHits(store.read(request.getCollectionName(), c -> PointQueries.facet(c, request.getKey(),
                            request.hasFilter() ? request.getFilter() : null,
                            request.hasLimit() ? request.getLimit() : 10)))
                    .setTime(Rpc.seconds(start)).build();
        });
    }

    /**
     * Applies the operations in order under one write lock (Qdrant applies them one by one too, so
     * an error leaves the earlier ones applied). Vector updates answer UNIMPLEMENTED.
     */
    @Override
    public void updateBatch(UpdateBatchPoints request, StreamObserver<UpdateBatchResponse> observer) {
        long start = System.nanoTime();
        Rpc.unary(observer, () -> {
            boolean wait = request.getWait();
            List<UpdateResult> results = store.write(request.getCollectionName(), c -> {
                List<UpdateResult> out = new ArrayList<>();
                for (PointsUpdateOperation op : request.getOperationsList()) {
                    out.add(result(apply(c, op, wait), wait));
                }
                return out;
            });
            return UpdateBatchResponse.newBuilder().addAllResult(results).setTime(Rpc.seconds(start)).build();
        });
    }

    @SuppressWarnings("deprecation") // the deprecated delete/clear variants are still accepted
    private static long apply(StoredCollection c, PointsUpdateOperation op, boolean wait) {
        return switch (op.getOperationCase()) {
            case UPSERT -> {
                var u = op.getUpsert();
                noShardKeys(u.hasShardKeySelector());
                yield c.upsert(u.getPointsList(), u.hasUpdateFilter() ? u.getUpdateFilter() : null,
                        u.hasUpdateMode() ? u.getUpdateMode() : UpdateMode.Upsert);
            }
            case DELETE_POINTS -> c.delete(op.getDeletePoints().getPoints());
            case DELETE_DEPRECATED -> c.delete(op.getDeleteDeprecated());
            case SET_PAYLOAD -> checked(c.setPayload(op.getSetPayload().getPayloadMap(),
                    requireSelector(op.getSetPayload().hasPointsSelector(), op.getSetPayload().getPointsSelector()),
                    op.getSetPayload().hasKey() ? op.getSetPayload().getKey() : null, false), wait);
            case OVERWRITE_PAYLOAD -> checked(c.setPayload(op.getOverwritePayload().getPayloadMap(),
                    requireSelector(op.getOverwritePayload().hasPointsSelector(),
                            op.getOverwritePayload().getPointsSelector()),
                    op.getOverwritePayload().hasKey() ? op.getOverwritePayload().getKey() : null, true), wait);
            case DELETE_PAYLOAD -> checked(c.deletePayload(op.getDeletePayload().getKeysList(),
                    requireSelector(op.getDeletePayload().hasPointsSelector(),
                            op.getDeletePayload().getPointsSelector())), wait);
            case CLEAR_PAYLOAD -> checked(c.clearPayload(op.getClearPayload().getPoints()), wait);
            case CLEAR_PAYLOAD_DEPRECATED -> checked(c.clearPayload(op.getClearPayloadDeprecated()), wait);
            case UPDATE_VECTORS, DELETE_VECTORS -> throw QdrantErrors.unimplemented("Vector updates");
            default -> throw QdrantErrors.invalidArgument("Update operation is empty");
        };
    }

    private static long checked(StoredCollection.PayloadUpdate update, boolean wait) {
        if (wait && update.firstMissing().isPresent()) {
            throw QdrantErrors.pointNotFound(update.firstMissing().get());
        }
        return update.operation();
    }

    @Override
    public void updateVectors(UpdatePointVectors request, StreamObserver<PointsOperationResponse> observer) {
        Rpc.unimplemented(observer, "Vector updates (Points/UpdateVectors)");
    }

    @Override
    public void deleteVectors(DeletePointVectors request, StreamObserver<PointsOperationResponse> observer) {
        Rpc.unimplemented(observer, "Vector updates (Points/DeleteVectors)");
    }

    @Override
    public void createVectorName(CreateVectorNameRequest request, StreamObserver<PointsOperationResponse> observer) {
        Rpc.unimplemented(observer, "Named vector management (Points/CreateVectorName)");
    }

    @Override
    public void deleteVectorName(DeleteVectorNameRequest request, StreamObserver<PointsOperationResponse> observer) {
        Rpc.unimplemented(observer, "Named vector management (Points/DeleteVectorName)");
    }

    @Override
    public void searchGroups(SearchPointGroups request, StreamObserver<SearchGroupsResponse> observer) {
        Rpc.unimplemented(observer, "Grouped search (Points/SearchGroups)");
    }

    @Override
    public void recommend(RecommendPoints request, StreamObserver<RecommendResponse> observer) {
        Rpc.unimplemented(observer, "Recommend (Points/Recommend)");
    }

    @Override
    public void recommendBatch(RecommendBatchPoints request, StreamObserver<RecommendBatchResponse> observer) {
        Rpc.unimplemented(observer, "Recommend (Points/RecommendBatch)");
    }

    @Override
    public void recommendGroups(RecommendPointGroups request, StreamObserver<RecommendGroupsResponse> observer) {
        Rpc.unimplemented(observer, "Recommend (Points/RecommendGroups)");
    }

    @Override
    public void discover(DiscoverPoints request, StreamObserver<DiscoverResponse> observer) {
        Rpc.unimplemented(observer, "Discover (Points/Discover)");
    }

    @Override
    public void discoverBatch(DiscoverBatchPoints request, StreamObserver<DiscoverBatchResponse> observer) {
        Rpc.unimplemented(observer, "Discover (Points/DiscoverBatch)");
    }

    /** Grouped query ({@link QueryGroups}). */
    @Override
    public void queryGroups(QueryPointGroups request, StreamObserver<QueryGroupsResponse> observer) {
        long start = System.nanoTime();
        Rpc.unary(observer, () -> {
            noShardKeys(request.hasShardKeySelector());
            List<PointGroup> groups = store.read(request.getCollectionName(), c -> QueryGroups.run(c, request));
            return QueryGroupsResponse.newBuilder().setResult(GroupsResult.newBuilder().addAllGroups(groups))
                    .setTime(Rpc.seconds(start)).build();
        });
    }

    @Override
    public void searchMatrixPairs(SearchMatrixPoints request, StreamObserver<SearchMatrixPairsResponse> observer) {
        Rpc.unimplemented(observer, "Search matrix (Points/SearchMatrixPairs)");
    }

    @Override
    public void searchMatrixOffsets(SearchMatrixPoints request, StreamObserver<SearchMatrixOffsetsResponse> observer) {
        Rpc.unimplemented(observer, "Search matrix (Points/SearchMatrixOffsets)");
    }
}
