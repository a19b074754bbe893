package io.alexandria.keywords;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.qdrant.client.grpc.Points.Vector;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

class KeywordEncoderTest {
    private static final KeywordEncoder ENCODER = new KeywordEncoder();
    private static final double EPS = 1e-6;

    @AfterAll
    static void close() {
        ENCODER.close();
    }

    private static Set<Integer> dims(KeywordVector v) {
        Set<Integer> s = new HashSet<>();
        for (int i : v.indices()) {
            s.add(i);
        }
        return s;
    }

    private static Set<Integer> shared(KeywordVector a, KeywordVector b) {
        Set<Integer> s = dims(a);
        s.retainAll(dims(b));
        return s;
    }

    @Test
    void englishStemmingMatchesInflections() {
        KeywordVector doc = ENCODER.document("Queries", List.of(), "Filtering tasks by their due date", null);
        KeywordVector question = ENCODER.query("how do filters work?");
        assertEquals(Set.of(TermIndex.of("filter")), shared(doc, question));
        assertEquals(List.of("filter", "task", "due", "date"), ENCODER.terms("Filtering the tasks by due dates", null));
    }

    @Test
    void stopWordsAndPunctuationGiveNoTerms() {
        assertTrue(ENCODER.query("the of and, it is!").isEmpty());
        assertTrue(ENCODER.document(null, List.of(), "   ", null).isEmpty());
    }

    @Test
    void japaneseIsCutIntoKuromojiWordsThatAJapaneseQuestionShares() {
        String doc = "算出プロパティはリアクティブな依存関係に基づいてキャッシュされます。";
        List<String> terms = ENCODER.terms(doc, null);
        assertTrue(terms.containsAll(List.of("算出", "プロパティ", "リアクティブ", "依存", "関係", "キャッシュ")), terms.toString());
        assertFalse(terms.contains("は"), "particles are stop tags: " + terms);
        assertFalse(terms.contains("されます"), "verbs are reduced to their base form: " + terms);
        KeywordVector question = ENCODER.query("算出プロパティのキャッシュはどう動きますか");
        Set<Integer> common = shared(ENCODER.document("算出プロパティ", List.of(), doc, null), question);
        assertEquals(Set.of(TermIndex.of("算出"), TermIndex.of("プロパティ"), TermIndex.of("キャッシュ")), common);
    }

    @Test
    void englishWordsInsideJapaneseTextMatchAnEnglishQuestion() {
        KeywordVector doc = ENCODER.document(null, List.of(), "フォームの入力には v-model ディレクティブを使います", null);
        KeywordVector question = ENCODER.query("v-model directives");
        assertTrue(shared(doc, question).contains(TermIndex.of("model")));
    }

    @Test
    void chineseAndKoreanAreCutIntoBigrams() {
        assertEquals(List.of("我喜", "喜欢", "欢吃", "吃苹", "苹果"), ENCODER.terms("我喜欢吃苹果", null));
        assertEquals(List.of("한국", "국어", "형태", "태소", "분석"), ENCODER.terms("한국어 형태소 분석", null));
        KeywordVector doc = ENCODER.document(null, List.of(), "我喜欢吃苹果", null);
        assertTrue(shared(doc, ENCODER.query("苹果")).contains(TermIndex.of("苹果")));
    }

    @Test
    void aQuestionOfHanAloneGetsBothJapaneseWordsAndBigrams() {
        List<String> terms = ENCODER.queryTerms("東京都庁舎");
        assertTrue(terms.containsAll(List.of("東京", "庁舎", "京都", "都庁")), terms.toString());
        KeywordVector japaneseDoc = ENCODER.document(null, List.of(), "東京都庁舎", TextLanguage.JAPANESE);
        KeywordVector chineseDoc = ENCODER.document(null, List.of(), "東京都庁舎", TextLanguage.CHINESE_KOREAN);
        assertNotEquals(japaneseDoc, chineseDoc);
        KeywordVector question = ENCODER.query("東京都庁舎");
        assertFalse(shared(japaneseDoc, question).isEmpty());
        assertFalse(shared(chineseDoc, question).isEmpty());
    }

    @Test
    void theLanguageHintDecidesKanjiOnlyChunks() {
        assertEquals(List.of("東京", "都", "庁舎"), ENCODER.terms("東京都庁舎", TextLanguage.JAPANESE));
        assertEquals(List.of("東京", "京都", "都庁", "庁舎"), ENCODER.terms("東京都庁舎", null));
        KeywordVector byTitle = ENCODER.document("東京のメモ", List.of(), "東京都庁舎", null);
        assertTrue(byTitle.weight("都") > 0 && byTitle.weight("京都") == 0,
                "kana in the title makes the chunk Japanese: " + byTitle);
    }

    @Test
    void weightsFollowBm25TermSaturationAndLengthNormalisation() {
        KeywordParams p = KeywordParams.DEFAULT;
        KeywordVector v = ENCODER.document(null, List.of(), "apple apple banana", null);
        double norm = p.k1() * (1 - p.b() + p.b() * 3 / p.averageLength());
        assertEquals(2 * (p.k1() + 1) / (2 + norm), v.weight("appl"), EPS);
        assertEquals((p.k1() + 1) / (1 + norm), v.weight("banana"), EPS);
        assertEquals(2, v.size());
        KeywordVector longer = ENCODER.document(null, List.of(), "banana " + "cherry ".repeat(200), null);
        assertTrue(longer.weight("banana") < v.weight("banana"), "a longer chunk weighs a term less");
        assertTrue(longer.weight("cherri") < p.k1() + 1, "repetition saturates below k1 + 1");
    }

    @Test
    void titleAndHeadingsCountAsTermsOfTheChunk() {
        KeywordVector v = ENCODER.document("Recurring tasks", List.of("Scheduling", "Due dates"), "apple", null);
        for (String t : List.of("recur", "task", "schedul", "due", "date", "appl")) {
            assertTrue(v.weight(t) > 0, t + " in " + v);
        }
        KeywordParams heavy = new KeywordParams(1.2, 0.75, 64, 2, 1);
        try (KeywordEncoder e = new KeywordEncoder(heavy)) {
            KeywordVector h = e.document("Recurring", List.of(), "apple", null);
            assertTrue(h.weight("recur") > h.weight("appl"), "a title weight of 2 counts a title term twice");
        }
    }

    @Test
    void queryWeightsAreOnePerDistinctTerm() {
        KeywordVector q = ENCODER.query("filter filters filtering tasks");
        assertEquals(2, q.size());
        for (float w : q.values()) {
            assertEquals(1f, w);
        }
    }

    @Test
    void vectorsAreDeterministicAndSortedByUnsignedDimension() {
        String text = "Tasks can be filtered by due date, scheduled date and priority. 締め切りでフィルターできます。";
        KeywordVector a = ENCODER.document("Filters", List.of("Queries", "Filters"), text, null);
        KeywordVector b;
        try (KeywordEncoder other = new KeywordEncoder()) {
            b = other.document("Filters", List.of("Queries", "Filters"), text, null);
        }
        assertEquals(a, b);
        int[] idx = a.indices();
        for (int i = 1; i < idx.length; i++) {
            assertTrue(Integer.compareUnsigned(idx[i - 1], idx[i]) < 0);
        }
        Vector qdrant = a.toVector();
        assertTrue(qdrant.hasSparse());
        assertEquals(a.size(), qdrant.getSparse().getIndicesCount());
        assertEquals(idx[0], qdrant.getSparse().getIndices(0));
        assertEquals(a.values()[0], qdrant.getSparse().getValues(0));
        assertEquals(ENCODER.document(null, List.of(), text, null).size(),
                ENCODER.query(text).toQueryInput().getSparse().getIndicesCount());
    }

    @Test
    void distinctTermsAreCappedKeepingTitleAndHeadingsFirst() {
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < 3 * KeywordEncoder.MAX_TERMS; i++) {
            text.append("w").append(Integer.toString(i, 36)).append("x ");
        }
        KeywordVector v = ENCODER.document("zebra", List.of("giraffe"), text.toString(), null);
        assertEquals(KeywordEncoder.MAX_TERMS, v.size());
        assertTrue(v.weight("zebra") > 0 && v.weight("giraff") > 0);
        assertEquals(KeywordEncoder.MAX_QUERY_TERMS, ENCODER.query(text.toString()).size());
    }

    @Test
    void hugeInputIsReadOnlyUpToTheBounds() {
        String huge = "lighthouse lamp ".repeat(200_000);
        KeywordVector v = ENCODER.document(huge, List.of(huge), huge, null);
        assertEquals(2, v.size());
        assertEquals(KeywordEncoder.MAX_TOKENS, ENCODER.terms("k ".repeat(100_000), null).size());
        KeywordVector full = ENCODER.document("k ".repeat(100_000), List.of("heading"), "apple", null);
        assertEquals(1, full.size(), "nothing is counted once MAX_TOKENS terms were: " + full);
        assertEquals(KeywordEncoder.MAX_CHARS / "lighthouse lamp ".length() * 2,
                ENCODER.terms(huge, null).size(), "only the first MAX_CHARS characters are read");
    }
}
