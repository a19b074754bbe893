package io.alexandria.qdrant;

import static io.qdrant.client.PointIdFactory.id;
import static io.qdrant.client.ValueFactory.value;
import static io.qdrant.client.VectorsFactory.vectors;

import io.qdrant.client.QdrantClient;
import io.qdrant.client.QdrantGrpcClient;
import io.qdrant.client.grpc.Collections.Distance;
import io.qdrant.client.grpc.Collections.PayloadSchemaType;
import io.qdrant.client.grpc.Collections.VectorParams;
import io.qdrant.client.grpc.Points.PointStruct;
import io.qdrant.client.grpc.Points.UpsertPoints;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The child process of {@link LocalQdrantCrashTest}: opens the local index in {@code args[0]} and
 * upserts batches with {@code wait=true} from id {@code args[1]} on, printing {@code ACK <last id>}
 * after each acknowledged batch, until killed.
 */
public final class CrashWriterMain {
    private CrashWriterMain() {
    }

    public static void main(String[] args) throws Exception {
        Path folder = Path.of(args[0]);
        long next = Long.parseLong(args[1]);
        try (LocalQdrant qdrant = LocalQdrant.open(folder);
             QdrantClient client = new QdrantClient(QdrantGrpcClient.newBuilder(LocalQdrant.HOST, qdrant.port(), false)
                     .build())) {
            if (!client.collectionExistsAsync("crash").get(30, TimeUnit.SECONDS)) {
                client.createCollectionAsync("crash", VectorParams.newBuilder().setSize(8).setDistance(Distance.Cosine)
                        .build()).get(30, TimeUnit.SECONDS);
                client.createPayloadIndexAsync("crash", "batch", PayloadSchemaType.Integer, null, true, null, null)
                        .get(30, TimeUnit.SECONDS);
            }
            System.out.println("READY");
            System.out.flush();
            for (long batch = 0; ; batch++) {
                List<PointStruct> points = new ArrayList<>();
                for (int i = 0; i < 50; i++) {
                    long n = next++;
                    float[] v = new float[8];
                    for (int d = 0; d < 8; d++) {
                        v[d] = (float) Math.sin(n * 31 + d);
                    }
                    points.add(PointStruct.newBuilder().setId(id(n)).setVectors(vectors(v))
                            .putPayload("batch", value(batch)).putPayload("text", value("point " + n + " ".repeat(200)))
                            .build());
                }
                client.upsertAsync(UpsertPoints.newBuilder().setCollectionName("crash").setWait(true)
                        .addAllPoints(points).build()).get(30, TimeUnit.SECONDS);
                System.out.println("ACK " + (next - 1));
                System.out.flush();
            }
        }
    }
}
