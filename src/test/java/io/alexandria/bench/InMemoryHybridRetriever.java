package io.alexandria.bench;

import io.alexandria.keywords.KeywordEncoder;
import io.alexandria.keywords.TextLanguage;
import io.alexandria.search.QueryEmbedding;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Hybrid search simulated in memory, to estimate what the Query API will give before the server
 * supports it: the dense leg (cosine of the question embedded with the query instruction against
 * every chunk's embedding) and the keyword leg ({@link InMemoryKeywordIndex}), {@value #LEG} chunks
 * each, fused by Qdrant's RRF (1 / (k + 0-based rank)). {@code perDocument} fuses the legs'
 * document rankings (each leg collapsed to documents first) instead of their chunk rankings.
 * {@code languageRule} answers questions the model does not cover
 * ({@link QueryEmbedding#covers}, e.g. Japanese with the English model) by the keyword leg alone,
 * as {@link io.alexandria.search.DocumentSearch} does. With {@code keywords == null} it is the
 * dense leg alone.
 */
final class InMemoryHybridRetriever implements Retriever {
    /** Chunks per leg, as {@link io.alexandria.search.HybridQuery#MIN_PREFETCH}. */
    static final int LEG = 100;

    private final String name;
    private final QueryEmbedding embedding;
    private final float[][] vectors;
    private final KeywordEncoder encoder;
    private final InMemoryKeywordIndex keywords;
    private final List<CorpusChunks.ChunkText> chunks;
    private final double k;
    private final boolean perDocument;
    private final boolean languageRule;

    InMemoryHybridRetriever(String name, QueryEmbedding embedding, float[][] vectors, KeywordEncoder encoder,
                            InMemoryKeywordIndex keywords, List<CorpusChunks.ChunkText> chunks, double k,
                            boolean perDocument, boolean languageRule) {
        this.name = name;
        this.embedding = embedding;
        this.vectors = vectors;
        this.encoder = encoder;
        this.keywords = keywords;
        this.chunks = chunks;
        this.k = k;
        this.perDocument = perDocument;
        this.languageRule = languageRule;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public List<String> rankDocuments(String question, int limit) throws Exception {
        if (languageRule && keywords != null && !embedding.covers(TextLanguage.detect(question))) {
            int[] sparse = keywords.top(encoder.query(question), LEG);
            if (sparse.length > 0) {
                return Retriever.collapse(documentsOf(sparse), limit);
            }
        }
        float[] q = embedding.embed(question);
        double[] cos = new double[vectors.length];
        for (int c = 0; c < vectors.length; c++) {
            double s = 0;
            for (int i = 0; i < q.length; i++) {
                s += q[i] * vectors[c][i];
            }
            cos[c] = s;
        }
        int[] dense = Ranking.top(cos, null, LEG);
        if (keywords == null) {
            return Retriever.collapse(documentsOf(dense), limit);
        }
        int[] sparse = keywords.top(encoder.query(question), LEG);
        if (!perDocument) {
            List<Integer> fused = Ranking.rrf(List.of(dense, sparse), k);
            return Retriever.collapse(documentsOf(fused.stream().mapToInt(Integer::intValue).toArray()), limit);
        }
        List<String> d = Retriever.collapse(documentsOf(dense), LEG);
        List<String> s = Retriever.collapse(documentsOf(sparse), LEG);
        Map<String, Integer> ids = new LinkedHashMap<>();
        for (String doc : d) {
            ids.putIfAbsent(doc, ids.size());
        }
        for (String doc : s) {
            ids.putIfAbsent(doc, ids.size());
        }
        List<String> names = new ArrayList<>(ids.keySet());
        List<Integer> fused = Ranking.rrf(List.of(d.stream().mapToInt(ids::get).toArray(),
                s.stream().mapToInt(ids::get).toArray()), k);
        return fused.stream().limit(limit).map(names::get).toList();
    }

    private List<String> documentsOf(int[] chunkIds) {
        List<String> out = new ArrayList<>(chunkIds.length);
        for (int c : chunkIds) {
            out.add(chunks.get(c).document());
        }
        return out;
    }
}
