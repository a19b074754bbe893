package io.alexandria.keywords;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

class ChunkKeywordsTest {
    private static final KeywordEncoder ENCODER = new KeywordEncoder();

    @AfterAll
    static void close() {
        ENCODER.close();
    }

    @Test
    void thePayloadGivesTheSameVectorAsTheChunkItself() {
        Map<String, Object> payload = Map.of("title", "Filters", "heading_path", List.of("Queries", "Due dates"),
                "text", "Filtering by due date", "source", "obsidian");
        assertEquals(ENCODER.document("Filters", List.of("Queries", "Due dates"), "Filtering by due date", null),
                ChunkKeywords.of(ENCODER, payload));
        assertTrue(ChunkKeywords.of(ENCODER, Map.of()).isEmpty());
    }

    @Test
    void theStoredLanguageComesFirstThenLangThenLanguage() {
        assertEquals(TextLanguage.JAPANESE, ChunkKeywords.languageOf(Map.of(ChunkKeywords.LANGUAGE_FIELD,
                TextLanguage.JAPANESE.tag(), "language", "eng")));
        assertEquals(TextLanguage.CHINESE_KOREAN, ChunkKeywords.languageOf(Map.of("lang", "zh-CN")));
        assertEquals(TextLanguage.JAPANESE, ChunkKeywords.languageOf(Map.of("lang", "fr", "language", List.of("jpn"))));
        assertEquals(TextLanguage.CHINESE_KOREAN, ChunkKeywords.languageOf(Map.of(ChunkKeywords.LANGUAGE_FIELD,
                TextLanguage.CHINESE_KOREAN.tag())));
        assertNull(ChunkKeywords.languageOf(Map.of("language", "fr")));
    }

    @Test
    void aStoredJapaneseLanguageDecidesAKanjiOnlyChunk() {
        Map<String, Object> japanese = Map.of("text", "東京都庁舎", ChunkKeywords.LANGUAGE_FIELD, "japanese");
        assertTrue(ChunkKeywords.of(ENCODER, japanese).weight("都") > 0);
        assertEquals(0f, ChunkKeywords.of(ENCODER, Map.of("text", "東京都庁舎")).weight("都"));
    }
}
