package io.alexandria.embedding;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.alexandria.testsupport.TestModels;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The bundled model (real int8 ONNX) run by several workers at once. */
class ParallelEmbeddingTest {
    private static final List<String> TEXTS = List.of(
            "Mr. Utterson the lawyer was a man of a rugged countenance that was never lighted by a smile.",
            "Tasks due today",
            "The Time Traveller (for so it will be convenient to speak of him) was expounding a recondite matter to us.",
            "How do I show tasks that are due before next Friday but not yet done, grouped by their folder?",
            "ü",
            "A query block in a note lists every task of the vault that matches its filters, one per line.",
            "Recurring tasks: when a task with a recurrence rule is completed, the next occurrence is created "
                    + "with its dates moved forward, keeping the original's description and priority.",
            "日本語のテキストも埋め込めます。",
            "Done.",
            "The doctor wrote a long letter before dawn, sealed it, and left it on the table of the dining room "
                    + "where the servants would find it in the morning when they came to light the fires.");

    private static OnnxEmbedder load(EmbeddingOptions options) throws Exception {
        TestModels.bundled();
        Path dir = TestModels.modelsDir().resolve(BundledModel.SPEC.id());
        return OnnxEmbedder.load(BundledModel.SPEC, dir.resolve("model.onnx"), dir.resolve("tokenizer.json"),
                DeviceChoice.asRequested("cpu", "cpu"), options);
    }

    private static double cosine(float[] a, float[] b) {
        double dot = 0;
        double na = 0;
        double nb = 0;
        for (int i = 0; i < a.length; i++) {
            dot += a[i] * b[i];
            na += a[i] * a[i];
            nb += b[i] * b[i];
        }
        return dot / Math.sqrt(na * nb);
    }

    @Test
    void twoWorkersRunTwoInferencesAtOnce() throws Exception {
        try (OnnxEmbedder e = load(EmbeddingOptions.cpu(2))) {
            CountDownLatch both = new CountDownLatch(2);
            AtomicBoolean metInside = new AtomicBoolean(true);
            Set<String> threads = ConcurrentHashMap.newKeySet();
            e.beforeRun = inFlight -> {
                threads.add(Thread.currentThread().getName());
                both.countDown();
                try {
                    // each of the first two runs waits here until the other one is inside the runtime too
                    if (!both.await(60, TimeUnit.SECONDS)) {
                        metInside.set(false);
                    }
                } catch (InterruptedException ex) {
                    Thread.currentThread().interrupt();
                }
            };
            float[][] v = e.embedAll(TEXTS);
            assertTrue(metInside.get(), "two model runs were never in flight at the same time");
            assertEquals(2, threads.size(), "both workers ran: " + threads);
            assertTrue(e.peakConcurrentRuns() >= 2);
            assertEquals(TEXTS.size(), v.length);
            assertEquals(2, e.parallelism());
        }
    }

    @Test
    void aBatchGivenToEmbedIsSpreadOverTheWorkersToo() throws Exception {
        // the sync's embed stage hands over prepared batches: they use every worker as well
        try (OnnxEmbedder e = load(EmbeddingOptions.cpu(2))) {
            CountDownLatch both = new CountDownLatch(2);
            AtomicBoolean metInside = new AtomicBoolean(true);
            e.beforeRun = inFlight -> {
                both.countDown();
                try {
                    if (!both.await(60, TimeUnit.SECONDS)) {
                        metInside.set(false);
                    }
                } catch (InterruptedException ex) {
                    Thread.currentThread().interrupt();
                }
            };
            assertEquals(TEXTS.size(), e.embed(e.prepare(TEXTS)).length);
            assertTrue(metInside.get(), "the prepared batch ran on one worker only");
        }
    }

    @Test
    void parallelVectorsEqualEmbeddingEachTextAloneOnOneThread() throws Exception {
        List<float[]> alone = new ArrayList<>();
        try (OnnxEmbedder single = load(new EmbeddingOptions(1, 1, 1, 1, 512, true))) {
            for (String t : TEXTS) {
                alone.add(single.embed(List.of(t))[0]);
            }
        }
        try (OnnxEmbedder parallel = load(EmbeddingOptions.cpu(2))) {
            float[][] all = parallel.embedAll(TEXTS);
            float[][] prepared = parallel.embed(parallel.prepare(TEXTS));
            for (int i = 0; i < TEXTS.size(); i++) {
                assertTrue(cosine(alone.get(i), all[i]) >= 0.9999, "text " + i + ": " + cosine(alone.get(i), all[i]));
                assertTrue(cosine(alone.get(i), prepared[i]) >= 0.9999, "text " + i + " (prepared): "
                        + cosine(alone.get(i), prepared[i]));
            }
        }
    }

    @Test
    void sinkGetsEveryTextOnceOnTheCallingThreadWithTimes() throws Exception {
        try (OnnxEmbedder e = load(EmbeddingOptions.cpu(2))) {
            int[] seen = new int[TEXTS.size()];
            Thread caller = Thread.currentThread();
            AtomicInteger batches = new AtomicInteger();
            e.embedAll(TEXTS, null, b -> {
                assertSame(caller, Thread.currentThread());
                assertTrue(b.ok());
                assertTrue(b.nanos() > 0);
                assertEquals(b.indexes().length, b.vectors().length);
                for (int i : b.indexes()) {
                    seen[i]++;
                }
                batches.incrementAndGet();
            });
            for (int i = 0; i < seen.length; i++) {
                assertEquals(1, seen[i], "text " + i);
            }
            assertEquals(TEXTS.size(), batches.get(), "one text per call on the CPU");
        }
    }

    @Test
    void callersOnSeveralThreadsGetTheirOwnVectors() throws Exception {
        try (OnnxEmbedder e = load(EmbeddingOptions.cpu(2))) {
            float[][] expected = e.embedAll(TEXTS);
            ExecutorService callers = Executors.newFixedThreadPool(3);
            try {
                List<Future<float[][]>> results = new ArrayList<>();
                for (int c = 0; c < 3; c++) {
                    List<String> reversed = new ArrayList<>(TEXTS);
                    if (c % 2 == 1) {
                        java.util.Collections.reverse(reversed);
                    }
                    results.add(callers.submit(() -> e.embed(reversed)));
                }
                for (int c = 0; c < 3; c++) {
                    float[][] got = results.get(c).get(2, TimeUnit.MINUTES);
                    for (int i = 0; i < TEXTS.size(); i++) {
                        int j = c % 2 == 1 ? TEXTS.size() - 1 - i : i;
                        assertTrue(cosine(expected[j], got[i]) >= 0.9999, "caller " + c + " text " + i);
                    }
                }
            } finally {
                callers.shutdownNow();
            }
        }
    }

    @Test
    void aFailedCallIsReportedAndTheOthersGoOn() throws Exception {
        try (OnnxEmbedder e = load(EmbeddingOptions.cpu(2))) {
            AtomicInteger calls = new AtomicInteger();
            e.beforeRun = inFlight -> {
                if (calls.incrementAndGet() == 3) {
                    throw new IllegalStateException("simulated native failure");
                }
            };
            List<EmbeddedBatch> got = new ArrayList<>();
            e.embedAll(TEXTS, null, got::add);
            assertEquals(TEXTS.size(), got.size());
            List<EmbeddedBatch> failed = got.stream().filter(b -> !b.ok()).toList();
            assertEquals(1, failed.size());
            assertNull(failed.getFirst().vectors());
            assertTrue(failed.getFirst().error().getMessage().contains("simulated native failure"));
            EmbeddingException thrown = assertThrows(EmbeddingException.class, () -> {
                calls.set(2);
                e.embedAll(TEXTS);
            });
            assertNotNull(thrown.getMessage());
        }
    }

    @Test
    void aClosedEmbedderRefusesWork() throws Exception {
        OnnxEmbedder e = load(EmbeddingOptions.cpu(2));
        assertEquals(1, e.embed(List.of("before closing")).length);
        e.close();
        EmbeddingException thrown = assertThrows(EmbeddingException.class, () -> e.embed(List.of("after closing")));
        assertTrue(thrown.getMessage().contains("closed"), thrown.getMessage());
        assertFalse(thrown.getMessage().isBlank());
    }
}
