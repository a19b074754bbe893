package io.alexandria.bench;

import io.alexandria.index.ChunkIndex;
import io.alexandria.index.Payloads;
import io.alexandria.index.QdrantCalls;
import io.alexandria.index.QdrantException;
import io.alexandria.keywords.KeywordEncoder;
import io.alexandria.search.HybridQuery;
import io.alexandria.search.QueryEmbedding;
import io.qdrant.client.QdrantClient;
import io.qdrant.client.grpc.Points.ScoredPoint;
import java.util.ArrayList;
import java.util.List;

/**
 * Hybrid RRF over chunks: one Query API call ({@link HybridQuery#points}) with the dense leg (the
 * question embedded with the query instruction) and the keyword leg (the question's
 * {@link KeywordEncoder} vector on the sparse vector {@link KeywordEncoder#VECTOR_NAME}) as
 * prefetches fused by RRF, the {@link DenseRetriever#CHUNKS} best chunks collapsed to documents.
 * Needs a collection whose chunks carry keyword vectors ({@link #keywordVectorsPresent}).
 */
final class HybridRetriever implements Retriever {
    private final QueryEmbedding embedding;
    private final KeywordEncoder encoder;
    private final QdrantClient client;
    private final EvalCorpus corpus;

    HybridRetriever(QueryEmbedding embedding, KeywordEncoder encoder, QdrantClient client, EvalCorpus corpus) {
        this.embedding = embedding;
        this.encoder = encoder;
        this.client = client;
        this.corpus = corpus;
    }

    /**
     * Whether the collection behind {@link ChunkIndex#ALIAS} declares the sparse vector
     * {@link KeywordEncoder#VECTOR_NAME} (false too when the server cannot say).
     */
    static boolean keywordVectorsPresent(QdrantClient client) {
        try {
            return QdrantCalls.await(client.getCollectionInfoAsync(ChunkIndex.ALIAS)).getConfig().getParams()
                    .getSparseVectorsConfig().getMapMap().containsKey(KeywordEncoder.VECTOR_NAME);
        } catch (QdrantException e) {
            return false;
        }
    }

    @Override
    public String name() {
        return "hybrid RRF";
    }

    @Override
    public List<String> rankDocuments(String question, int k) throws Exception {
        List<String> docs = new ArrayList<>();
        for (ScoredPoint p : QdrantCalls.await(client.queryAsync(HybridQuery.points(ChunkIndex.ALIAS,
                embedding.embed(question), encoder.query(question), DenseRetriever.CHUNKS, null)))) {
            docs.add(corpus.documentOf(Payloads.fromPayload(p.getPayloadMap())));
        }
        return Retriever.collapse(docs, k);
    }
}
