package io.alexandria.qdrant;

import static io.qdrant.client.PointIdFactory.id;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.qdrant.client.QdrantClient;
import io.qdrant.client.QdrantGrpcClient;
import io.qdrant.client.WithPayloadSelectorFactory;
import io.qdrant.client.WithVectorsSelectorFactory;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Durability as Qdrant promises it: a child JVM writes to the local index with {@code wait=true}
 * and is killed ({@code SIGKILL}) at random moments (three times by default, ten with {@code -Pslow}); after each kill the folder reopens
 * without a repair step and holds every point acknowledged before the kill.
 */
class LocalQdrantCrashTest {
    @TempDir
    Path temp;

    /** Three kills in the default suite. */
    @Test
    void everyAcknowledgedPointSurvivesKillNine() throws Exception {
        killAndCheck(3);
    }

    /** Ten kills ({@code -Pslow}). */
    @Test
    @Tag("slow")
    void everyAcknowledgedPointSurvivesTenKills() throws Exception {
        killAndCheck(10);
    }

    private void killAndCheck(int rounds) throws Exception {
        Path folder = temp.resolve("qdrant");
        Random random = new Random(42);
        long next = 1;
        long acknowledged = 0;
        List<long[]> ranges = new ArrayList<>();
        for (int round = 0; round < rounds; round++) {
            long first = next;
            ProcessBuilder pb = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "--enable-native-access=ALL-UNNAMED", "--sun-misc-unsafe-memory-access=allow", "-Xmx256m",
                    "-cp", System.getProperty("java.class.path"), CrashWriterMain.class.getName(),
                    folder.toString(), Long.toString(next));
            pb.redirectErrorStream(true);
            Process child = pb.start();
            int acksBeforeKill = 1 + random.nextInt(12);
            try (BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(),
                    StandardCharsets.UTF_8))) {
                int acks = 0;
                String line;
                StringBuilder log = new StringBuilder();
                while ((line = out.readLine()) != null) {
                    log.append(line).append('\n');
                    if (line.startsWith("ACK ")) {
                        acknowledged = Long.parseLong(line.substring(4));
                        if (++acks >= acksBeforeKill) {
                            break;
                        }
                    }
                }
                assertTrue(acks >= acksBeforeKill, () -> "the writer stopped early:\n" + log);
            } finally {
                child.destroyForcibly();
                child.waitFor(30, TimeUnit.SECONDS);
            }
            ranges.add(new long[] {first, acknowledged});
            next = acknowledged + 1000; // the killed batch may or may not be there; start clear of it
            assertAllThere(folder, ranges, acknowledged, round);
        }
    }

    private static void assertAllThere(Path folder, List<long[]> ranges, long last, int round) throws Exception {
        try (LocalQdrant qdrant = LocalQdrant.open(folder);
             QdrantClient client = new QdrantClient(QdrantGrpcClient.newBuilder(LocalQdrant.HOST, qdrant.port(), false)
                     .build())) {
            long missing = qdrant.store().read("crash", c -> {
                long n = 0;
                for (long[] r : ranges) {
                    for (long i = r[0]; i <= r[1]; i++) {
                        if (c.point(PointKey.of(i), false) == null) {
                            n++;
                        }
                    }
                }
                return n;
            });
            assertEquals(0, missing, "round " + round + ": acknowledged points missing after kill -9");
            assertEquals(1, client.retrieveAsync("crash", List.of(id(last)), WithPayloadSelectorFactory.enable(true),
                    WithVectorsSelectorFactory.enable(true), null).get(30, TimeUnit.SECONDS).size(),
                    "the last acknowledged point is served");
        }
    }
}
