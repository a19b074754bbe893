package io.alexandria.keywords;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.DoubleUnaryOperator;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.cjk.CJKAnalyzer;
import org.apache.lucene.analysis.en.EnglishAnalyzer;
import org.apache.lucene.analysis.ja.JapaneseAnalyzer;
import org.apache.lucene.analysis.ja.JapaneseTokenizer;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;

/**
 * Turns text into keyword sparse vectors for the keyword leg of hybrid search: the chunk
 * collection holds one per chunk as the named sparse vector {@link #VECTOR_NAME}, configured with
 * Qdrant's {@code modifier: idf}, so that Qdrant multiplies each query term by its IDF computed
 * over the whole collection (all hosts) and a sparse {@code nearest} query scores chunks by BM25.
 *
 * <h2>Terms</h2>
 * Text is split into runs of CJK (Han, kana, Hangul) and of everything else
 * ({@code Scripts}); each run is read by a Lucene analyzer:
 * <ul>
 *   <li>non-CJK runs by Lucene's {@link EnglishAnalyzer}: standard (UAX #29) word breaking,
 *       possessive {@code 's} removed, lower case, English stop words, Porter stemming
 *       ({@code filtering}, {@code filters} → {@code filter});</li>
 *   <li>CJK runs of Japanese text by kuromoji ({@link JapaneseAnalyzer} in
 *       {@link JapaneseTokenizer.Mode#SEARCH search mode}, which also splits long compounds,
 *       with its default stop tags — particles, auxiliary verbs, symbols… — and stop words; verbs
 *       and adjectives reduced to their base form, long katakana words to their stem, full-width
 *       and half-width forms folded);</li>
 *   <li>CJK runs of Chinese or Korean text by Lucene's {@link CJKAnalyzer}: overlapping bigrams.</li>
 * </ul>
 * Which CJK analyzer a chunk gets: the {@link TextLanguage} hint when it names one (the note's
 * {@code lang} frontmatter, the book's language, or {@link TextLanguage#detect} over the whole
 * document), else the chunk's own script: any kana means Japanese, else bigrams. Splitting by
 * script keeps English terms inside Japanese notes identical to the same terms in an English
 * question. A question is read the same way, except that a question with Han but neither kana
 * nor Hangul (which may be Japanese or Chinese) gets the terms of both CJK analyzers.
 *
 * <h2>Weights</h2>
 * Document (chunk) weights are BM25's term part (Robertson and Zaragoza 2009, "The Probabilistic
 * Relevance Framework: BM25 and Beyond", eq. 3.15; the same split of BM25 between client and
 * server as FastEmbed's {@code Qdrant/bm25} model with Qdrant's IDF modifier):
 * <pre>
 *   w(t, d) = tf · (k1 + 1) / (tf + k1 · (1 − b + b · |d| / avgdl))
 * </pre>
 * where tf is the term's weighted count in the chunk (a title term counts
 * {@link KeywordParams#titleWeight()}, a heading-path term {@link KeywordParams#headingWeight()},
 * a text term 1), |d| the sum of all weighted counts, and k1, b, avgdl are
 * {@link KeywordParams#DEFAULT}. A query has weight 1 on each distinct term. Qdrant's
 * {@code idf} modifier multiplies the query weight of term t by
 * {@code ln(1 + (N − n(t) + 0.5) / (n(t) + 0.5))} (N points with the sparse vector, n(t) of them
 * holding t), so the dot product is the BM25 score Σ idf(t) · w(t, d) over the question's terms.
 *
 * <h2>Bounds</h2>
 * At most {@link #MAX_CHARS} characters of each field are read and {@link #MAX_TOKENS} terms
 * counted; a chunk keeps at most {@link #MAX_TERMS} distinct terms (the first met: title, then
 * headings, then text), a question {@link #MAX_QUERY_TERMS}. Time is linear in the text read.
 * <p>
 * Deterministic: the same input gives the same vector on every host. Thread-safe; holds Lucene
 * analyzers (kuromoji's dictionary is loaded on first Japanese text), so close it when done.
 */
public final class KeywordEncoder implements AutoCloseable {
    /** The name of the sparse vector in the chunk collection. */
    public static final String VECTOR_NAME = "text";
    /** Characters read of each field (title, each heading, text, question). */
    public static final int MAX_CHARS = 32_768;
    /** Terms counted per chunk (all fields together); the rest is ignored. */
    public static final int MAX_TOKENS = 8_192;
    /** Distinct terms kept per chunk. */
    public static final int MAX_TERMS = 1_024;
    /** Distinct terms kept per question. */
    public static final int MAX_QUERY_TERMS = 256;

    private final KeywordParams params;
    private final Analyzer english = new EnglishAnalyzer();
    private final Analyzer bigrams = new CJKAnalyzer();
    private volatile Analyzer japanese;

    /** An encoder with {@link KeywordParams#DEFAULT}. */
    public KeywordEncoder() {
        this(KeywordParams.DEFAULT);
    }

    /** An encoder with other constants (benchmarks only: the index format needs the defaults). */
    public KeywordEncoder(KeywordParams params) {
        this.params = params;
    }

    /** The constants in use. */
    public KeywordParams params() {
        return params;
    }

    /**
     * The sparse vector of one chunk.
     *
     * @param title       the document's title (payload {@code title}), or null
     * @param headingPath the chunk's heading path or chapter (payload {@code heading_path}), may be
     *                    empty
     * @param text        the chunk's text (payload {@code text})
     * @param hint        the document's language, or null to go by the chunk's script
     * @return BM25 document weights, ascending dimensions; {@link KeywordVector#EMPTY} when no term
     *         survives analysis
     */
    public KeywordVector document(String title, List<String> headingPath, String text, TextLanguage hint) {
        List<Analyzer> cjk = List.of(documentCjk(title, headingPath, text, hint));
        Counter counter = new Counter(MAX_TERMS, MAX_TOKENS);
        counter.weight = params.titleWeight();
        analyze(title, cjk, counter);
        counter.weight = params.headingWeight();
        for (String heading : headingPath) {
            analyze(heading, cjk, counter);
        }
        counter.weight = 1;
        analyze(text, cjk, counter);
        double norm = params.k1() * (1 - params.b() + params.b() * counter.length / params.averageLength());
        return counter.vector(tf -> (float) (tf * (params.k1() + 1) / (tf + norm)));
    }

    /**
     * The sparse vector of a question: weight 1 on each distinct term.
     *
     * @return {@link KeywordVector#EMPTY} when no term survives (a question of stop words only)
     */
    public KeywordVector query(String question) {
        Counter counter = new Counter(MAX_QUERY_TERMS, MAX_TOKENS);
        analyze(question, queryCjk(question), counter);
        return counter.vector(tf -> 1f);
    }

    /**
     * The terms a text is cut into, in order, repetitions kept (as {@link #document} counts them
     * for one field); for tests and for showing why a chunk matched.
     *
     * @param hint the document's language, or null
     */
    public List<String> terms(String text, TextLanguage hint) {
        List<String> out = new ArrayList<>();
        analyze(text, List.of(documentCjk(null, List.of(), text, hint)), term -> {
            out.add(term);
            return out.size() < MAX_TOKENS;
        });
        return out;
    }

    /** The distinct terms of a question, in order of first occurrence. */
    public List<String> queryTerms(String question) {
        List<String> out = new ArrayList<>();
        analyze(question, queryCjk(question), term -> {
            if (!out.contains(term)) {
                out.add(term);
            }
            return out.size() < MAX_QUERY_TERMS;
        });
        return out;
    }

    private Analyzer documentCjk(String title, List<String> headingPath, String text, TextLanguage hint) {
        if (hint == TextLanguage.JAPANESE) {
            return japanese();
        }
        if (hint == TextLanguage.CHINESE_KOREAN) {
            return bigrams;
        }
        boolean kana = Scripts.profile(clip(text)).kana() || (title != null && Scripts.profile(clip(title)).kana());
        for (String h : headingPath) {
            kana |= Scripts.profile(clip(h)).kana();
        }
        return kana ? japanese() : bigrams;
    }

    private List<Analyzer> queryCjk(String question) {
        Scripts.Profile p = Scripts.profile(clip(question));
        if (p.kana()) {
            return List.of(japanese());
        }
        if (p.hangul()) {
            return List.of(bigrams);
        }
        return p.han() ? List.of(japanese(), bigrams) : List.of(bigrams);
    }

    private Analyzer japanese() {
        Analyzer a = japanese;
        if (a == null) {
            synchronized (this) {
                a = japanese;
                if (a == null) {
                    a = new JapaneseAnalyzer(null, JapaneseTokenizer.Mode.SEARCH, JapaneseAnalyzer.getDefaultStopSet(),
                            JapaneseAnalyzer.getDefaultStopTags());
                    japanese = a;
                }
            }
        }
        return a;
    }

    /** Receives terms; returns false to stop. */
    private interface TermSink {
        boolean accept(String term);
    }

    private void analyze(String text, List<Analyzer> cjk, TermSink sink) {
        if (text == null || text.isEmpty()) {
            return;
        }
        for (Scripts.Run run : Scripts.runs(clip(text))) {
            for (Analyzer a : run.cjk() ? cjk : List.of(english)) {
                if (!analyzeRun(a, run.text(), sink)) {
                    return;
                }
            }
        }
    }

    private static boolean analyzeRun(Analyzer analyzer, String text, TermSink sink) {
        try (TokenStream ts = analyzer.tokenStream("", text)) {
            CharTermAttribute term = ts.addAttribute(CharTermAttribute.class);
            ts.reset();
            boolean more = true;
            while (more && ts.incrementToken()) {
                more = sink.accept(term.toString());
            }
            ts.end();
            return more;
        } catch (IOException e) {
            throw new UncheckedIOException("analysis of an in-memory string failed", e);
        }
    }

    /** Closes the analyzers (their per-thread state). */
    @Override
    public void close() {
        english.close();
        bigrams.close();
        Analyzer a = japanese;
        if (a != null) {
            a.close();
        }
    }

    private static String clip(String s) {
        return s.length() <= MAX_CHARS ? s : s.substring(0, Character.isHighSurrogate(s.charAt(MAX_CHARS - 1))
                ? MAX_CHARS - 1 : MAX_CHARS);
    }

    /** Weighted term counts per dimension, bounded. */
    private static final class Counter implements TermSink {
        private final Map<Integer, double[]> counts = new HashMap<>();
        private final int maxTerms;
        private final int maxTokens;
        private int tokens;
        double weight = 1;
        double length;

        Counter(int maxTerms, int maxTokens) {
            this.maxTerms = maxTerms;
            this.maxTokens = maxTokens;
        }

        @Override
        public boolean accept(String term) {
            if (tokens >= maxTokens) {
                return false;
            }
            if (weight > 0) {
                int index = TermIndex.of(term);
                double[] c = counts.get(index);
                if (c == null && counts.size() < maxTerms) {
                    c = new double[1];
                    counts.put(index, c);
                }
                if (c != null) {
                    c[0] += weight;
                }
                length += weight;
            }
            return ++tokens < maxTokens;
        }

        KeywordVector vector(DoubleUnaryOperator weightOf) {
            int[] indices = new int[counts.size()];
            int n = 0;
            for (int index : counts.keySet()) {
                indices[n++] = index;
            }
            Integer[] boxed = Arrays.stream(indices).boxed().toArray(Integer[]::new);
            Arrays.sort(boxed, Integer::compareUnsigned);
            float[] values = new float[boxed.length];
            for (int i = 0; i < boxed.length; i++) {
                indices[i] = boxed[i];
                values[i] = (float) weightOf.applyAsDouble(counts.get(boxed[i])[0]);
            }
            return new KeywordVector(indices, values);
        }
    }
}
