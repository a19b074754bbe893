package io.alexandria.bench;

import static io.qdrant.client.QueryFactory.nearest;
import static io.qdrant.client.WithPayloadSelectorFactory.include;

import io.alexandria.embedding.Embedder;
import io.alexandria.index.ChunkIndex;
import io.alexandria.index.Payloads;
import io.alexandria.index.QdrantCalls;
import io.qdrant.client.QdrantClient;
import io.qdrant.client.grpc.Points.QueryPoints;
import io.qdrant.client.grpc.Points.ScoredPoint;
import java.util.ArrayList;
import java.util.List;

/**
 * Plain dense retrieval, the baseline: the question (optionally after a fixed instruction prefix)
 * embedded with the engine's model, the {@link #CHUNKS} nearest chunks by cosine from Qdrant
 * (alias {@link ChunkIndex#ALIAS}), collapsed to documents. No text pre-pass, no filter.
 */
final class DenseRetriever implements Retriever {
    /** Chunks fetched per question before collapsing to documents. */
    static final int CHUNKS = 100;
    /**
     * BGE's instruction for short queries searching passages (model card of BAAI/bge-small-en-v1.5,
     * "Using FlagEmbedding").
     */
    static final String BGE_QUERY_INSTRUCTION = "Represent this sentence for searching relevant passages: ";

    private final String name;
    private final String prefix;
    private final Embedder embedder;
    private final QdrantClient client;
    private final EvalCorpus corpus;

    /**
     * @param prefix text put before every question before embedding ({@code ""} for none)
     */
    DenseRetriever(String name, String prefix, Embedder embedder, QdrantClient client, EvalCorpus corpus) {
        this.name = name;
        this.prefix = prefix;
        this.embedder = embedder;
        this.client = client;
        this.corpus = corpus;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public List<String> rankDocuments(String question, int k) throws Exception {
        float[] vector = embedder.embed(List.of(prefix + question))[0];
        QueryPoints q = QueryPoints.newBuilder().setCollectionName(ChunkIndex.ALIAS).setQuery(nearest(vector))
                .setLimit(CHUNKS).setWithPayload(include(List.of("file_path", "title"))).build();
        List<String> docs = new ArrayList<>();
        for (ScoredPoint p : QdrantCalls.await(client.queryAsync(q))) {
            docs.add(corpus.documentOf(Payloads.fromPayload(p.getPayloadMap())));
        }
        return Retriever.collapse(docs, k);
    }
}
