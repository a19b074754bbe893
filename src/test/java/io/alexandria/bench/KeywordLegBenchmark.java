package io.alexandria.bench;

import io.alexandria.bench.CorpusChunks.ChunkText;
import io.alexandria.embedding.BundledModel;
import io.alexandria.embedding.Embedder;
import io.alexandria.embedding.ModelTokenCounter;
import io.alexandria.keywords.KeywordEncoder;
import io.alexandria.keywords.KeywordParams;
import io.alexandria.keywords.KeywordVector;
import io.alexandria.search.QueryEmbedding;
import io.alexandria.testsupport.Corpus;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The keyword leg of hybrid search (issue #15) measured alone, in memory, without Qdrant or
 * embedding: each corpus is extracted and chunked as the engine does ({@link CorpusChunks}), every
 * chunk encoded with {@link KeywordEncoder}, and the question sets answered by BM25 scored as
 * Qdrant's IDF modifier would ({@link KeywordLegRetriever}), with the default constants and a few
 * variants, and once with no document language hint (each chunk's own script decides). Prints the chunks' weighted term counts (what {@link KeywordParams#averageLength()}
 * is set from), then the same figures as {@code retrieval}.
 * <p>
 * With {@code -Dbench.hybrid=true} it also embeds every chunk with the bundled model (minutes) and
 * simulates hybrid search in memory ({@link InMemoryHybridRetriever}): the dense leg alone, RRF of
 * the chunk rankings (what Qdrant's {@code query} / {@code query_groups} with {@code fusion: rrf}
 * does) with k = 2 (Qdrant's default) and k = 60, RRF of the per-document rankings, and RRF
 * with {@link io.alexandria.search.DocumentSearch}'s language rule (questions the model does not
 * cover answered by the keyword leg alone).
 * <p>
 * Run: {@code mvn -q test-compile exec:exec@bench -Dbench=keywords} (all corpora) or
 * {@code keywords-tasks-vault}, {@code keywords-books}, {@code keywords-japanese-vue}.
 */
final class KeywordLegBenchmark {
    private KeywordLegBenchmark() {
    }

    /** The constants compared, the default first. */
    static Map<String, KeywordParams> variants() {
        KeywordParams d = KeywordParams.DEFAULT;
        Map<String, KeywordParams> v = new LinkedHashMap<>();
        v.put("keywords BM25 (default)", d);
        v.put("keywords title,heading x2", new KeywordParams(d.k1(), d.b(), d.averageLength(), 2, 2));
        v.put("keywords title,heading x0", new KeywordParams(d.k1(), d.b(), d.averageLength(), 0, 0));
        v.put("keywords k1=0.9 b=0.4", new KeywordParams(0.9, 0.4, d.averageLength(), d.titleWeight(),
                d.headingWeight()));
        return v;
    }

    static void runAll() throws Exception {
        for (EvalCorpus c : EvalCorpus.values()) {
            run(c);
        }
    }

    static void run(EvalCorpus corpus) throws Exception {
        Path root = Corpus.root();
        if (root == null) {
            System.out.println("skipped: ../shared/corpus not found");
            return;
        }
        Path original = root.resolve(corpus.folder());
        Path tmp = Files.createTempDirectory("alexandria-bench-keywords");
        try {
            Path copy = Corpus.copy(original, tmp.resolve(corpus.folder()));
            List<ChunkText> chunks;
            long t0 = System.nanoTime();
            try (ModelTokenCounter counter = ModelTokenCounter.load(BundledModel.tokenizerFile(tmp.resolve("models")))) {
                chunks = CorpusChunks.load(corpus, copy, counter);
            }
            System.out.printf(Locale.ROOT, "%s: %d documents, %d chunks, extracted and chunked in %.1f s%n",
                    corpus.setName(), chunks.stream().map(ChunkText::document).distinct().count(), chunks.size(),
                    (System.nanoTime() - t0) / 1e9);
            List<Retriever> systems = new ArrayList<>();
            List<AutoCloseable> open = new ArrayList<>();
            KeywordEncoder defaultEncoder = null;
            InMemoryKeywordIndex defaultIndex = null;
            for (var v : variants().entrySet()) {
                KeywordEncoder encoder = new KeywordEncoder(v.getValue());
                open.add(encoder);
                long e0 = System.nanoTime();
                List<KeywordVector> vectors = encode(encoder, chunks);
                double msPerChunk = (System.nanoTime() - e0) / 1e6 / chunks.size();
                InMemoryKeywordIndex index = new InMemoryKeywordIndex(vectors);
                if (defaultEncoder == null) {
                    defaultEncoder = encoder;
                    defaultIndex = index;
                    printLengths(encoder, chunks, vectors, msPerChunk);
                }
                systems.add(new KeywordLegRetriever(v.getKey(), encoder, index, chunks));
            }
            List<ChunkText> noHint = chunks.stream().map(c -> new ChunkText(c.document(), c.title(), c.headingPath(),
                    c.text(), null, c.embeddingInput())).toList();
            systems.add(new KeywordLegRetriever("keywords, chunk script only", defaultEncoder,
                    new InMemoryKeywordIndex(encode(defaultEncoder, noHint)), chunks));
            if (Boolean.getBoolean("bench.hybrid")) {
                Embedder embedder = BundledModel.load(tmp.resolve("models"));
                open.add(embedder);
                float[][] dense = embed(embedder, chunks);
                QueryEmbedding q = QueryEmbedding.of(embedder);
                systems.add(new InMemoryHybridRetriever("dense + instruction (mem)", q, dense, null, null, chunks, 0,
                        false, false));
                systems.add(new InMemoryHybridRetriever("hybrid RRF k=2 (mem)", q, dense, defaultEncoder,
                        defaultIndex, chunks, 2, false, false));
                systems.add(new InMemoryHybridRetriever("hybrid RRF k=60 (mem)", q, dense, defaultEncoder,
                        defaultIndex, chunks, 60, false, false));
                systems.add(new InMemoryHybridRetriever("hybrid doc-RRF k=2 (mem)", q, dense, defaultEncoder,
                        defaultIndex, chunks, 2, true, false));
                systems.add(new InMemoryHybridRetriever("hybrid RRF k=2 + lang (mem)", q, dense, defaultEncoder,
                        defaultIndex, chunks, 2, false, true));
            }
            RetrievalBenchmark.Synced synced = new RetrievalBenchmark.Synced(corpus, original, null);
            System.out.printf(Locale.ROOT, "%-9s %-27s %3s %5s %5s %5s %7s | %-10s %5s %5s | %5s%n", "part", "system",
                    "n", "R@1", "R@5", "MRR", "nDCG@10", "paraphrase", "R@1", "R@5", "ms/q");
            for (String part : QuestionSet.PARTS) {
                RetrievalBenchmark.Evaluation e = RetrievalBenchmark.evaluate(synced, systems,
                        QuestionSet.load(corpus.setName(), part));
                e.print(part.equals("dev") ? "dev" : "held-out");
                if (part.equals("dev") && Boolean.getBoolean("bench.misses")) {
                    e.printMisses();
                }
            }
            for (AutoCloseable c : open) {
                c.close();
            }
        } finally {
            RetrievalBenchmark.deleteTree(tmp);
        }
    }

    private static List<KeywordVector> encode(KeywordEncoder encoder, List<ChunkText> chunks) {
        List<KeywordVector> out = new ArrayList<>(chunks.size());
        for (ChunkText c : chunks) {
            out.add(encoder.document(c.title(), c.headingPath(), c.text(), c.language()));
        }
        return out;
    }

    /** The chunks' weighted term counts (BM25's |d|) and distinct terms. */
    private static void printLengths(KeywordEncoder encoder, List<ChunkText> chunks, List<KeywordVector> vectors,
                                     double msPerChunk) {
        KeywordParams p = encoder.params();
        double[] lengths = new double[chunks.size()];
        for (int i = 0; i < chunks.size(); i++) {
            ChunkText c = chunks.get(i);
            double len = p.titleWeight() * (c.title() == null ? 0 : encoder.terms(c.title(), c.language()).size());
            for (String h : c.headingPath()) {
                len += p.headingWeight() * encoder.terms(h, c.language()).size();
            }
            lengths[i] = len + encoder.terms(c.text(), c.language()).size();
        }
        Arrays.sort(lengths);
        double mean = Arrays.stream(lengths).average().orElse(0);
        double distinct = vectors.stream().mapToInt(KeywordVector::size).average().orElse(0);
        System.out.printf(Locale.ROOT, "chunk length in weighted terms: mean %.1f, median %.0f, p90 %.0f, max %.0f; "
                        + "distinct terms per chunk %.1f; encoding %.2f ms/chunk (averageLength constant: %.0f)%n",
                mean, lengths[lengths.length / 2], lengths[(int) (lengths.length * 0.9)], lengths[lengths.length - 1],
                distinct, msPerChunk, p.averageLength());
    }

    private static float[][] embed(Embedder embedder, List<ChunkText> chunks) throws Exception {
        long t0 = System.nanoTime();
        float[][] out = new float[chunks.size()][];
        for (int from = 0; from < chunks.size(); from += 32) {
            List<String> batch = chunks.subList(from, Math.min(chunks.size(), from + 32)).stream()
                    .map(ChunkText::embeddingInput).toList();
            float[][] v = embedder.embed(batch);
            System.arraycopy(v, 0, out, from, v.length);
        }
        System.out.printf(Locale.ROOT, "embedded %d chunks in %.0f s%n", chunks.size(), (System.nanoTime() - t0) / 1e9);
        return out;
    }
}
