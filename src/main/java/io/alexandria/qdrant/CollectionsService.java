package io.alexandria.qdrant;

import io.grpc.stub.StreamObserver;
import io.qdrant.client.grpc.Collections.AliasDescription;
import io.qdrant.client.grpc.Collections.ChangeAliases;
import io.qdrant.client.grpc.Collections.CollectionClusterInfoRequest;
import io.qdrant.client.grpc.Collections.CollectionClusterInfoResponse;
import io.qdrant.client.grpc.Collections.CollectionConfig;
import io.qdrant.client.grpc.Collections.CollectionDescription;
import io.qdrant.client.grpc.Collections.CollectionExists;
import io.qdrant.client.grpc.Collections.CollectionExistsRequest;
import io.qdrant.client.grpc.Collections.CollectionExistsResponse;
import io.qdrant.client.grpc.Collections.CollectionInfo;
import io.qdrant.client.grpc.Collections.CollectionOperationResponse;
import io.qdrant.client.grpc.Collections.CollectionParams;
import io.qdrant.client.grpc.Collections.CollectionStatus;
import io.qdrant.client.grpc.Collections.CreateCollection;
import io.qdrant.client.grpc.Collections.CreateShardKeyRequest;
import io.qdrant.client.grpc.Collections.CreateShardKeyResponse;
import io.qdrant.client.grpc.Collections.DeleteCollection;
import io.qdrant.client.grpc.Collections.DeleteShardKeyRequest;
import io.qdrant.client.grpc.Collections.DeleteShardKeyResponse;
import io.qdrant.client.grpc.Collections.GetCollectionInfoRequest;
import io.qdrant.client.grpc.Collections.GetCollectionInfoResponse;
import io.qdrant.client.grpc.Collections.HnswConfigDiff;
import io.qdrant.client.grpc.Collections.ListAliasesRequest;
import io.qdrant.client.grpc.Collections.ListAliasesResponse;
import io.qdrant.client.grpc.Collections.ListCollectionAliasesRequest;
import io.qdrant.client.grpc.Collections.ListCollectionsRequest;
import io.qdrant.client.grpc.Collections.ListCollectionsResponse;
import io.qdrant.client.grpc.Collections.ListShardKeysRequest;
import io.qdrant.client.grpc.Collections.ListShardKeysResponse;
import io.qdrant.client.grpc.Collections.MaxOptimizationThreads;
import io.qdrant.client.grpc.Collections.OptimizerStatus;
import io.qdrant.client.grpc.Collections.OptimizersConfigDiff;
import io.qdrant.client.grpc.Collections.PayloadSchemaInfo;
import io.qdrant.client.grpc.Collections.StrictModeConfig;
import io.qdrant.client.grpc.Collections.UpdateCollection;
import io.qdrant.client.grpc.Collections.UpdateCollectionClusterSetupRequest;
import io.qdrant.client.grpc.Collections.UpdateCollectionClusterSetupResponse;
import io.qdrant.client.grpc.Collections.UpdateQueueInfo;
import io.qdrant.client.grpc.Collections.VectorParamsMap;
import io.qdrant.client.grpc.Collections.VectorsConfig;
import io.qdrant.client.grpc.Collections.WalConfigDiff;
import io.qdrant.client.grpc.CollectionsGrpc;
import java.util.Map;

/**
 * {@code qdrant.Collections}: create, get info, list, delete, exists and aliases, as Qdrant 1.18.
 * Update, cluster info, cluster setup and shard keys answer UNIMPLEMENTED.
 */
final class CollectionsService extends CollectionsGrpc.CollectionsImplBase {
    private final QdrantStore store;

    CollectionsService(QdrantStore store) {
        this.store = store;
    }

    @Override
    public void create(CreateCollection request, StreamObserver<CollectionOperationResponse> observer) {
        long start = System.nanoTime();
        Rpc.unary(observer, () -> CollectionOperationResponse.newBuilder()
                .setResult(store.create(request)).setTime(Rpc.seconds(start)).build());
    }

    @Override
    public void get(GetCollectionInfoRequest request, StreamObserver<GetCollectionInfoResponse> observer) {
        long start = System.nanoTime();
        Rpc.unary(observer, () -> GetCollectionInfoResponse.newBuilder()
                .setResult(store.read(request.getCollectionName(), CollectionsService::info))
                .setTime(Rpc.seconds(start)).build());
    }

    /**
     * Collection info as Qdrant reports a small, fully optimised collection: status Green, the
     * creation parameters echoed over Qdrant's defaults (on_disk_payload true, one shard, HNSW m=16,
     * ef_construct=100, ...; sparse vector params as given, as Qdrant's conversion of
     * {@code SparseVectorParams}), and a payload_schema entry per index with the number of points it
     * holds.
     */
    static CollectionInfo info(StoredCollection c) {
        CreateCollection r = c.createRequest();
        CollectionParams.Builder params = CollectionParams.newBuilder()
                .setShardNumber(r.hasShardNumber() ? r.getShardNumber() : 1)
                .setOnDiskPayload(!r.hasOnDiskPayload() || r.getOnDiskPayload())
                .setReplicationFactor(r.hasReplicationFactor() ? r.getReplicationFactor() : 1)
                .setWriteConsistencyFactor(r.hasWriteConsistencyFactor() ? r.getWriteConsistencyFactor() : 1);
        if (r.hasVectorsConfig() && r.getVectorsConfig().getConfigCase() != VectorsConfig.ConfigCase.CONFIG_NOT_SET) {
            params.setVectorsConfig(r.getVectorsConfig());
        } else {
            params.setVectorsConfig(VectorsConfig.newBuilder().setParamsMap(VectorParamsMap.getDefaultInstance()));
        }
        if (r.hasShardingMethod()) {
            params.setShardingMethod(r.getShardingMethod());
        }
        if (r.hasSparseVectorsConfig()) {
            params.setSparseVectorsConfig(r.getSparseVectorsConfig());
        }
        HnswConfigDiff hnsw = HnswConfigDiff.newBuilder().setM(16).setEfConstruct(100).setFullScanThreshold(10_000)
                .setMaxIndexingThreads(0).setOnDisk(false).build().toBuilder().mergeFrom(r.getHnswConfig()).build();
        OptimizersConfigDiff optimizers = OptimizersConfigDiff.newBuilder().setDeletedThreshold(0.2)
                .setVacuumMinVectorNumber(1000).setDefaultSegmentNumber(0).setIndexingThreshold(10_000)
                .setFlushIntervalSec(5)
                .setMaxOptimizationThreads(MaxOptimizationThreads.newBuilder()
                        .setSetting(MaxOptimizationThreads.Setting.Auto))
                .build().toBuilder().mergeFrom(r.getOptimizersConfig()).build();
        WalConfigDiff wal = WalConfigDiff.newBuilder().setWalCapacityMb(32).setWalSegmentsAhead(0)
                .build().toBuilder().mergeFrom(r.getWalConfig()).build();
        CollectionConfig.Builder config = CollectionConfig.newBuilder()
                .setParams(params).setHnswConfig(hnsw).setOptimizerConfig(optimizers).setWalConfig(wal)
                .setStrictModeConfig(r.hasStrictModeConfig() ? r.getStrictModeConfig()
                        : StrictModeConfig.newBuilder().setEnabled(false).build())
                .putAllMetadata(r.getMetadataMap());
        if (r.hasQuantizationConfig()) {
            config.setQuantizationConfig(r.getQuantizationConfig());
        }
        CollectionInfo.Builder info = CollectionInfo.newBuilder()
                .setStatus(CollectionStatus.Green)
                .setOptimizerStatus(OptimizerStatus.newBuilder().setOk(true))
                .setSegmentsCount(1)
                .setConfig(config)
                .setPointsCount(c.size())
                .setIndexedVectorsCount(0)
                .setUpdateQueue(UpdateQueueInfo.newBuilder().setLength(0));
        for (Map.Entry<String, PayloadIndex> e : c.indexes().entrySet()) {
            PayloadSchemaInfo.Builder schema = PayloadSchemaInfo.newBuilder()
                    .setDataType(e.getValue().type())
                    .setPoints(c.indexedPointCount(e.getKey()));
            if (e.getValue().params() != null) {
                schema.setParams(e.getValue().params());
            }
            info.putPayloadSchema(e.getKey(), schema.build());
        }
        return info.build();
    }

    @Override
    public void list(ListCollectionsRequest request, StreamObserver<ListCollectionsResponse> observer) {
        long start = System.nanoTime();
        Rpc.unary(observer, () -> {
            ListCollectionsResponse.Builder b = ListCollectionsResponse.newBuilder();
            store.names().forEach(n -> b.addCollections(CollectionDescription.newBuilder().setName(n)));
            return b.setTime(Rpc.seconds(start)).build();
        });
    }

    @Override
    public void delete(DeleteCollection request, StreamObserver<CollectionOperationResponse> observer) {
        long start = System.nanoTime();
        Rpc.unary(observer, () -> CollectionOperationResponse.newBuilder()
                .setResult(store.delete(request.getCollectionName())).setTime(Rpc.seconds(start)).build());
    }

    @Override
    public void collectionExists(CollectionExistsRequest request, StreamObserver<CollectionExistsResponse> observer) {
        long start = System.nanoTime();
        Rpc.unary(observer, () -> CollectionExistsResponse.newBuilder()
                .setResult(CollectionExists.newBuilder().setExists(store.exists(request.getCollectionName())))
                .setTime(Rpc.seconds(start)).build());
    }

    @Override
    public void updateAliases(ChangeAliases request, StreamObserver<CollectionOperationResponse> observer) {
        long start = System.nanoTime();
        Rpc.unary(observer, () -> {
            store.updateAliases(request.getActionsList());
            return CollectionOperationResponse.newBuilder().setResult(true).setTime(Rpc.seconds(start)).build();
        });
    }

    @Override
    public void listAliases(ListAliasesRequest request, StreamObserver<ListAliasesResponse> observer) {
        long start = System.nanoTime();
        Rpc.unary(observer, () -> {
            ListAliasesResponse.Builder b = ListAliasesResponse.newBuilder();
            store.aliases().forEach((alias, collection) -> b.addAliases(
                    AliasDescription.newBuilder().setAliasName(alias).setCollectionName(collection)));
            return b.setTime(Rpc.seconds(start)).build();
        });
    }

    @Override
    public void listCollectionAliases(ListCollectionAliasesRequest request,
                                      StreamObserver<ListAliasesResponse> observer) {
        long start = System.nanoTime();
        Rpc.unary(observer, () -> {
            ListAliasesResponse.Builder b = ListAliasesResponse.newBuilder();
            store.aliasesOf(request.getCollectionName()).forEach(alias -> b.addAliases(AliasDescription.newBuilder()
                    .setAliasName(alias).setCollectionName(request.getCollectionName())));
            return b.setTime(Rpc.seconds(start)).build();
        });
    }

    @Override
    public void update(UpdateCollection request, StreamObserver<CollectionOperationResponse> observer) {
        Rpc.unimplemented(observer, "Updating a collection (Collections/Update)");
    }

    @Override
    public void collectionClusterInfo(CollectionClusterInfoRequest request,
                                      StreamObserver<CollectionClusterInfoResponse> observer) {
        Rpc.unimplemented(observer, "Sharding and cluster info (Collections/CollectionClusterInfo)");
    }

    @Override
    public void updateCollectionClusterSetup(UpdateCollectionClusterSetupRequest request,
                                             StreamObserver<UpdateCollectionClusterSetupResponse> observer) {
        Rpc.unimplemented(observer, "Cluster setup (Collections/UpdateCollectionClusterSetup)");
    }

    @Override
    public void createShardKey(CreateShardKeyRequest request, StreamObserver<CreateShardKeyResponse> observer) {
        Rpc.unimplemented(observer, "Shard keys (Collections/CreateShardKey)");
    }

    @Override
    public void deleteShardKey(DeleteShardKeyRequest request, StreamObserver<DeleteShardKeyResponse> observer) {
        Rpc.unimplemented(observer, "Shard keys (Collections/DeleteShardKey)");
    }

    @Override
    public void listShardKeys(ListShardKeysRequest request, StreamObserver<ListShardKeysResponse> observer) {
        Rpc.unimplemented(observer, "Shard keys (Collections/ListShardKeys)");
    }
}
