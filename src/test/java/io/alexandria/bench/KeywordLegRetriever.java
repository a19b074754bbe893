package io.alexandria.bench;

import io.alexandria.keywords.KeywordEncoder;
import io.alexandria.keywords.KeywordVector;
import java.util.ArrayList;
import java.util.List;

/**
 * The keyword leg alone, in memory, without Qdrant: every chunk's {@link KeywordEncoder} vector
 * scored against the question's as Qdrant would ({@link InMemoryKeywordIndex}), the
 * {@link DenseRetriever#CHUNKS} best chunks collapsed to documents.
 */
final class KeywordLegRetriever implements Retriever {
    private final String name;
    private final KeywordEncoder encoder;
    private final InMemoryKeywordIndex index;
    private final List<CorpusChunks.ChunkText> chunks;

    KeywordLegRetriever(String name, KeywordEncoder encoder, InMemoryKeywordIndex index,
                        List<CorpusChunks.ChunkText> chunks) {
        this.name = name;
        this.encoder = encoder;
        this.index = index;
        this.chunks = chunks;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public List<String> rankDocuments(String question, int k) {
        KeywordVector q = encoder.query(question);
        List<String> docs = new ArrayList<>();
        for (int c : index.top(q, DenseRetriever.CHUNKS)) {
            docs.add(chunks.get(c).document());
        }
        return Retriever.collapse(docs, k);
    }
}
