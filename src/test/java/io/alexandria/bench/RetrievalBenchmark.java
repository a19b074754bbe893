package io.alexandria.bench;

import io.alexandria.bench.QuestionSet.Question;
import io.alexandria.bench.RetrievalMetrics.Score;
import io.alexandria.bench.RetrievalMetrics.Summary;
import io.alexandria.index.ChunkIndex;
import io.alexandria.keywords.KeywordEncoder;
import io.alexandria.search.DocumentSearch;
import io.alexandria.search.QueryEmbedding;
import io.alexandria.search.SearchService;
import io.alexandria.sync.SyncEngine;
import io.alexandria.sync.SyncSummary;
import io.alexandria.testsupport.Corpus;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * Retrieval quality (issue #15): syncs a corpus once with the real model into a fresh Qdrant, then
 * asks every system in {@link #systems} every question of the corpus's question sets
 * ({@code src/test/resources/eval/}, dev and held-out parts) and prints recall@1, recall@5, MRR and
 * nDCG@10 over distinct documents ({@link RetrievalMetrics}), overall and for the paraphrased
 * questions alone (those sharing no content word with the expected document's name or title,
 * {@link TitleWords}), then the dev questions some system does not answer first. Held-out misses
 * are never printed: those questions are for reporting, not tuning.
 * <p>
 * Run: {@code mvn -q test-compile exec:exec@bench -Dbench=retrieval} (all three corpora), or one of
 * {@code retrieval-tasks-vault}, {@code retrieval-books}, {@code retrieval-japanese-vue}.
 */
final class RetrievalBenchmark {
    private RetrievalBenchmark() {
    }

    /** A corpus synced into a running engine (and its Qdrant), ready to be searched. */
    record Synced(EvalCorpus corpus, Path original, BenchSupport.EngineParts parts) {
        SyncEngine engine() {
            return parts.engine();
        }
    }

    /**
     * The systems compared, the baseline first. To add one, implement {@link Retriever} and list it
     * here; it gets a column of figures and a rank in the miss list.
     */
    static List<Retriever> systems(Synced s) {
        List<Retriever> systems = new ArrayList<>(List.of(
                new DenseRetriever("plain dense", "", s.parts().embedder(), s.parts().client(), s.corpus()),
                new DenseRetriever("dense + query instruction", DenseRetriever.BGE_QUERY_INSTRUCTION,
                        s.parts().embedder(), s.parts().client(), s.corpus()),
                new SearchServiceRetriever(new SearchService(s.parts().embedder(), s.parts().client()),
                        s.corpus())));
        if (HybridRetriever.keywordVectorsPresent(s.parts().client())) {
            QueryEmbedding embedding = QueryEmbedding.of(s.parts().embedder());
            KeywordEncoder encoder = new KeywordEncoder();
            systems.add(new HybridRetriever(embedding, encoder, s.parts().client(), s.corpus()));
            systems.add(new GroupedHybridRetriever(new DocumentSearch(embedding, encoder, s.parts().client(),
                    ChunkIndex.ALIAS), s.corpus()));
        } else {
            System.out.println("hybrid RRF systems skipped: the collection has no '" + KeywordEncoder.VECTOR_NAME
                    + "' sparse vector (the engine does not upload keyword vectors yet)");
        }
        return systems;
    }

    /** Every corpus in turn. */
    static void runAll() throws Exception {
        for (EvalCorpus c : EvalCorpus.values()) {
            run(c);
        }
    }

    /** One corpus: sync, then both parts of its question set. */
    static void run(EvalCorpus corpus) throws Exception {
        Path root = Corpus.root();
        Path original = root.resolve(corpus.folder());
        Path tmp = Files.createTempDirectory("alexandria-bench-retrieval");
        Path copy = Corpus.copy(original, tmp.resolve(corpus.folder()));
        try (BenchSupport.Target target = new BenchSupport.Target()) {
            BenchSupport.EngineParts parts = BenchSupport.parts(tmp.resolve("data"), target, "bench-host");
            try (SyncEngine engine = parts.engine()) {
                run(corpus, original, copy, parts);
            }
        } finally {
            deleteTree(tmp);
        }
    }

    private static void run(EvalCorpus corpus, Path original, Path copy, BenchSupport.EngineParts parts)
            throws Exception {
        SyncEngine engine = parts.engine();
        {
            corpus.addSource(engine, parts.db(), copy);
            engine.start("sync");
            long t0 = System.nanoTime();
            SyncSummary s = engine.syncNow(false, Duration.ofHours(2));
            System.out.printf(Locale.ROOT, "%s: %d documents (%d failed), %d chunks, synced in %.0f s with %s on %s%n",
                    corpus.setName(), s.documents(), s.failed(), s.chunks(), (System.nanoTime() - t0) / 1e9,
                    engine.model().id(), engine.device());
            Synced synced = new Synced(corpus, original, parts);
            List<Retriever> systems = systems(synced);
            System.out.println("goal (issue #15): R@1 >= 0.80 and R@5 >= 0.95 on every set, Japanese as good as English");
            System.out.printf(Locale.ROOT, "%-9s %-27s %3s %5s %5s %5s %7s | %-10s %5s %5s | %5s%n", "part", "system",
                    "n", "R@1", "R@5", "MRR", "nDCG@10", "paraphrase", "R@1", "R@5", "ms/q");
            for (String part : QuestionSet.PARTS) {
                Evaluation e = evaluate(synced, systems, QuestionSet.load(corpus.setName(), part));
                e.print(part.equals("dev") ? "dev" : "held-out");
                if (part.equals("dev")) {
                    e.printMisses();
                }
            }
        }
    }

    /** Removes the temp copy and data folder (best effort: a file still open is left behind). */
    static void deleteTree(Path dir) {
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException | UncheckedIOException e) {
            System.out.println("could not remove " + dir + ": " + e.getMessage());
        }
    }

    static Evaluation evaluate(Synced synced, List<Retriever> systems, QuestionSet set) throws Exception {
        int n = set.questions().size();
        boolean[] paraphrase = new boolean[n];
        for (int q = 0; q < n; q++) {
            Question question = set.questions().get(q);
            paraphrase[q] = !TitleWords.shared(question.text(),
                    synced.corpus().titlesOf(synced.original(), question.relevant().getFirst()));
        }
        List<List<List<String>>> rankings = new ArrayList<>();
        List<List<Score>> scores = new ArrayList<>();
        double[] msPerQuestion = new double[systems.size()];
        for (int r = 0; r < systems.size(); r++) {
            Retriever system = systems.get(r);
            List<List<String>> ranked = new ArrayList<>();
            List<Score> scored = new ArrayList<>();
            long t0 = System.nanoTime();
            for (Question q : set.questions()) {
                List<String> docs = system.rankDocuments(q.text(), RetrievalMetrics.DEPTH);
                ranked.add(docs);
                scored.add(RetrievalMetrics.score(docs, q.relevant()));
            }
            msPerQuestion[r] = (System.nanoTime() - t0) / 1e6 / n;
            rankings.add(ranked);
            scores.add(scored);
        }
        return new Evaluation(set, systems, paraphrase, rankings, scores, msPerQuestion);
    }

    /** The figures of every system on one part of a question set. */
    record Evaluation(QuestionSet set, List<Retriever> systems, boolean[] paraphrase,
                      List<List<List<String>>> rankings, List<List<Score>> scores, double[] msPerQuestion) {

        void print(String part) {
            for (int r = 0; r < systems.size(); r++) {
                List<Score> all = scores.get(r);
                List<Score> para = new ArrayList<>();
                for (int q = 0; q < all.size(); q++) {
                    if (paraphrase[q]) {
                        para.add(all.get(q));
                    }
                }
                Summary a = RetrievalMetrics.summarize(all);
                Summary p = RetrievalMetrics.summarize(para);
                System.out.printf(Locale.ROOT, "%-9s %-27s %3d %5.2f %5.2f %5.2f %7.2f | %10d %5.2f %5.2f | %5.0f%n",
                        part, systems.get(r).name(), a.n(), a.recallAt1(), a.recallAt5(), a.mrr(), a.ndcg10(),
                        p.n(), p.recallAt1(), p.recallAt5(), msPerQuestion[r]);
            }
        }

        void printMisses() {
            StringBuilder head = new StringBuilder("dev questions not answered first by every system (rank per system:");
            for (int r = 0; r < systems.size(); r++) {
                head.append(r == 0 ? " " : ", ").append(systems.get(r).name());
            }
            System.out.println(head.append("; '-' = not in the top ").append(RetrievalMetrics.DEPTH)
                    .append("; * = shares a word with the title)").toString());
            int last = systems.size() - 1;
            for (int q = 0; q < set.questions().size(); q++) {
                StringBuilder ranks = new StringBuilder();
                boolean miss = false;
                for (int r = 0; r < systems.size(); r++) {
                    int rank = scores.get(r).get(q).rank();
                    miss |= rank != 1;
                    ranks.append(String.format(Locale.ROOT, "%3s", rank == 0 ? "-" : Integer.toString(rank)));
                }
                if (miss) {
                    Question question = set.questions().get(q);
                    List<String> top = rankings.get(last).get(q);
                    System.out.printf("%s %s%s  -> %s; %s first: %s%n", ranks, paraphrase[q] ? " " : "*",
                            question.text(), String.join(" | ", question.relevant()), systems.get(last).name(),
                            top.isEmpty() ? "(nothing)" : top.getFirst());
                }
            }
        }
    }
}
