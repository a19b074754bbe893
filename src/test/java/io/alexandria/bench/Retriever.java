package io.alexandria.bench;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * A retrieval system under evaluation: ranks the corpus's documents for a question. To compare a
 * new system, implement this in one small class and add it to
 * {@link RetrievalBenchmark#systems(RetrievalBenchmark.Synced)}.
 */
public interface Retriever {

    /** The label printed in the figures, e.g. {@code plain dense}. */
    String name();

    /**
     * The {@code k} best documents for {@code question}, best first, each at most once, named as
     * the question files name them ({@link EvalCorpus#documentOf}).
     *
     * @throws Exception when the system fails; the benchmark stops with it
     */
    List<String> rankDocuments(String question, int k) throws Exception;

    /**
     * Collapses a chunk ranking to documents: each document at its first (best) chunk's rank.
     *
     * @param chunkDocuments the document of each chunk hit, best chunk first
     * @return at most {@code k} distinct documents, best first
     */
    static List<String> collapse(List<String> chunkDocuments, int k) {
        Set<String> seen = new LinkedHashSet<>();
        for (String d : chunkDocuments) {
            if (seen.size() == k) {
                break;
            }
            seen.add(d);
        }
        return new ArrayList<>(seen);
    }
}
