package io.alexandria.qdrant;

import static io.qdrant.client.PointIdFactory.id;
import static io.qdrant.client.ValueFactory.value;
import static io.qdrant.client.VectorsFactory.vectors;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.qdrant.client.QdrantClient;
import io.qdrant.client.QdrantGrpcClient;
import io.qdrant.client.grpc.Collections.Distance;
import io.qdrant.client.grpc.Collections.VectorParams;
import io.qdrant.client.grpc.Points.PointStruct;
import io.qdrant.client.grpc.Points.UpsertPoints;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The index folder: one process at a time, damaged folders named in a catchable error, a full disk. */
class LocalQdrantFolderTest {
    @TempDir
    Path temp;

    private static QdrantClient clientOf(LocalQdrant q) {
        return new QdrantClient(QdrantGrpcClient.newBuilder(LocalQdrant.HOST, q.port(), false).build());
    }

    private static void fill(QdrantClient client, int from, int n) throws Exception {
        List<PointStruct> points = new ArrayList<>();
        for (int i = from; i < from + n; i++) {
            points.add(PointStruct.newBuilder().setId(id(i)).setVectors(vectors(1, i))
                    .putPayload("n", value(i)).build());
        }
        client.upsertAsync(UpsertPoints.newBuilder().setCollectionName("docs").setWait(true).addAllPoints(points)
                .build()).get(30, TimeUnit.SECONDS);
    }

    @Test
    void aSecondOpenOfTheFolderIsRefusedAsInUse() throws Exception {
        Path folder = temp.resolve("qdrant");
        try (LocalQdrant first = LocalQdrant.open(folder)) {
            LocalIndexInUseException e = assertThrows(LocalIndexInUseException.class, () -> LocalQdrant.open(folder));
            assertTrue(e.getMessage().contains("in use by another process"), e.getMessage());
            assertEquals(folder.toAbsolutePath(), e.folder());
            assertTrue(first.isRunning());
        }
        LocalQdrant.open(folder).close(); // released on close
    }

    @Test
    void dataSurvivesACleanCloseWithPayloadIndexesAndAliases() throws Exception {
        Path folder = temp.resolve("qdrant");
        try (LocalQdrant q = LocalQdrant.open(folder); QdrantClient client = clientOf(q)) {
            client.createCollectionAsync("docs", VectorParams.newBuilder().setSize(2).setDistance(Distance.Dot).build())
                    .get(30, TimeUnit.SECONDS);
            client.createAliasAsync("current", "docs").get(30, TimeUnit.SECONDS);
            fill(client, 1, 100);
        }
        try (LocalQdrant q = LocalQdrant.open(folder); QdrantClient client = clientOf(q)) {
            assertEquals(100L, client.countAsync("current").get(30, TimeUnit.SECONDS));
        }
    }

    @Test
    void aDamagedCollectionIsReportedWithItsFolder() throws Exception {
        Path folder = temp.resolve("qdrant");
        try (LocalQdrant q = LocalQdrant.open(folder); QdrantClient client = clientOf(q)) {
            client.createCollectionAsync("docs", VectorParams.newBuilder().setSize(2).setDistance(Distance.Dot).build())
                    .get(30, TimeUnit.SECONDS);
            fill(client, 1, 10);
        }
        Path collection = folder.resolve("collections").resolve(QdrantStore.folderName("docs"));
        try (var files = Files.list(collection)) {
            for (Path p : files.filter(p -> p.getFileName().toString().startsWith("segments_")).toList()) {
                Files.write(p, new byte[] {1, 2, 3}, StandardOpenOption.TRUNCATE_EXISTING); // half-written
            }
        }
        CorruptLocalIndexException e = assertThrows(CorruptLocalIndexException.class, () -> LocalQdrant.open(folder));
        assertEquals(collection, e.folder());
        assertTrue(e.getMessage().contains(collection.toString()), e.getMessage());
        LocalQdrant.open(temp.resolve("other")).close(); // nothing is left locked by the failed open
        assertThrows(CorruptLocalIndexException.class, () -> LocalQdrant.open(folder), "the lock was released");
    }

    @Test
    void aCollectionFolderWithoutCommitIsDamaged() throws IOException {
        Path folder = temp.resolve("qdrant");
        Path stray = folder.resolve("collections").resolve("0123456789abcdef0123456789abcdef");
        Files.createDirectories(stray);
        Files.writeString(stray.resolve("_0.cfs"), "not an index");
        CorruptLocalIndexException e = assertThrows(CorruptLocalIndexException.class, () -> LocalQdrant.open(folder));
        assertEquals(stray, e.folder());
    }

    @Test
    void aFullDiskFailsTheWriteKeepsWhatWasAcknowledgedAndRecovers() throws Exception {
        Path folder = temp.resolve("qdrant");
        StorageFaults faults = new StorageFaults();
        QdrantStore store = QdrantStore.open(folder, new ServerStats(), faults);
        try (LocalQdrant q = LocalQdrant.serve(store, 0, null); QdrantClient client = clientOf(q)) {
            client.createCollectionAsync("docs", VectorParams.newBuilder().setSize(2).setDistance(Distance.Dot).build())
                    .get(30, TimeUnit.SECONDS);
            fill(client, 1, 50);
            faults.diskFull(true);
            ExecutionException e = assertThrows(ExecutionException.class, () -> fill(client, 100, 50));
            StatusRuntimeException status = (StatusRuntimeException) e.getCause();
            assertEquals(Status.Code.RESOURCE_EXHAUSTED, status.getStatus().getCode(), status.toString());
            assertTrue(status.getStatus().getDescription().contains(StorageFaults.NO_SPACE),
                    status.getStatus().getDescription());
            faults.diskFull(false);
            assertEquals(50L, client.countAsync("docs").get(30, TimeUnit.SECONDS),
                    "the acknowledged points are there, the failed batch is not");
            fill(client, 100, 50);
            assertEquals(100L, client.countAsync("docs").get(30, TimeUnit.SECONDS), "writes work again");
        }
        try (LocalQdrant q = LocalQdrant.open(folder); QdrantClient client = clientOf(q)) {
            assertEquals(100L, client.countAsync("docs").get(30, TimeUnit.SECONDS));
        }
    }
}
