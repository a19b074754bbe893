package io.alexandria.bench;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The benchmark command (not a test): {@code mvn -q test-compile exec:exec@bench -Dbench=NAME}
 * where NAME is {@code all} or a comma-separated list of the parts below: {@code vault} (issue
 * #2), {@code library} (#3), {@code scale} (#4: a 10,000-note vault), {@code embedding} (#7: each
 * engine and model by batch size), {@code embedder} (#14: the raw embedder on all cores vs one
 * thread, on the vault's chunks; {@code -Dbench.layouts=all} compares layouts), {@code langchain4j}
 * (#14/#15: a first vault sync against a stock LangChain4j ingestion, each run a fresh child JVM,
 * {@code -Dbench.runs=N}), {@code memory} (#14: three syncs in one JVM, resident set after each, per
 * JIT setting), {@code cli} (#14: the packaged jar's {@code health}, {@code search} and unchanged
 * {@code sync} from process start, per JVM option set; {@code -Dbench.baselineJar=PATH}),
 * {@code edit} (#14: a one-paragraph edit of the corpus vault's largest note: points written),
 * {@code events} (#5: queries over 100,000 events), {@code calibre-read}
 * (reading a 50,000-book metadata.db), {@code retrieval} (#15: search quality on the question sets
 * of {@code src/test/resources/eval/}; {@code retrieval-tasks-vault}, {@code retrieval-books},
 * {@code retrieval-japanese-vue} for one corpus), {@code keywords} (#15: the keyword leg alone, in
 * memory, on the same question sets; {@code keywords-<set>} for one corpus; {@code -Dbench.hybrid=true}
 * adds hybrid search simulated in memory), {@code scaling} (extraction and chunking time of
 * pathological notes of growing size), {@code chunk-stats} (chunk count and size distribution of the
 * corpus vaults), {@code localqdrant} (#12: the local index with 300,000 points,
 * {@code -Dbench.points=N} for another size). {@code all} runs vault, library, embedding and events;
 * the others take long and run only by name. Each part prints its figures; speed, memory and
 * quality goals are read from these figures, never asserted in tests.
 * {@code -Dbench.qdrant=http://host:6334} uses a real Qdrant instead of the in-process test server.
 */
public final class Benchmark {
    private Benchmark() {
    }

    /** A named benchmark part. */
    interface Part {
        void run() throws Exception;
    }

    public static void main(String[] args) throws Exception {
        org.slf4j.bridge.SLF4JBridgeHandler.removeHandlersForRootLogger();
        org.slf4j.bridge.SLF4JBridgeHandler.install();
        Map<String, Part> parts = new LinkedHashMap<>();
        parts.put("vault", VaultBenchmark::run);
        parts.put("library", LibraryBenchmark::run);
        parts.put("scale", ScaleBenchmark::run);
        parts.put("embedding", () -> io.alexandria.embedding.EmbeddingBenchmark.main(new String[0]));
        parts.put("embedder", EmbedderThroughputBenchmark::run);
        parts.put("langchain4j", LangChain4jComparison::run);
        parts.put("memory", MemoryBenchmark::run);
        parts.put("cli", CliStartupBenchmark::run);
        parts.put("edit", EditBenchmark::run);
        parts.put("events", () -> io.alexandria.events.EventServiceBenchmark.main(new String[0]));
        parts.put("localqdrant", LocalQdrantBenchmark::run);
        parts.put("calibre-read", () -> io.alexandria.sources.calibre.SyntheticLibraryBenchmark.main(new String[0]));
        parts.put("retrieval", RetrievalBenchmark::runAll);
        for (EvalCorpus corpus : EvalCorpus.values()) {
            parts.put("retrieval-" + corpus.setName(), () -> RetrievalBenchmark.run(corpus));
        }
        parts.put("keywords", KeywordLegBenchmark::runAll);
        for (EvalCorpus corpus : EvalCorpus.values()) {
            parts.put("keywords-" + corpus.setName(), () -> KeywordLegBenchmark.run(corpus));
        }
        parts.put("scaling", ChunkingScalingBenchmark::run);
        parts.put("chunk-stats", ChunkStatsBenchmark::run);
        String what = System.getProperty("bench", "all");
        List<String> chosen = what.equals("all") ? List.of("vault", "library", "embedding", "events")
                : Arrays.asList(what.split(","));
        for (String name : chosen) {
            Part p = parts.get(name.strip());
            if (p == null) {
                System.err.println("unknown benchmark '" + name + "'; known: " + parts.keySet());
                System.exit(2);
            }
            System.out.println("== " + name);
            p.run();
        }
        System.exit(0);
    }
}
