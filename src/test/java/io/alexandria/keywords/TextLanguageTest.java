package io.alexandria.keywords;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class TextLanguageTest {

    @Test
    void tagsInTheFormsNotesAndCalibreUse() {
        assertEquals(Optional.of(TextLanguage.JAPANESE), TextLanguage.fromTag("ja"));
        assertEquals(Optional.of(TextLanguage.JAPANESE), TextLanguage.fromTag("ja-JP"));
        assertEquals(Optional.of(TextLanguage.JAPANESE), TextLanguage.fromTag("jpn"));
        assertEquals(Optional.of(TextLanguage.JAPANESE), TextLanguage.fromTag(" Japanese "));
        assertEquals(Optional.of(TextLanguage.CHINESE_KOREAN), TextLanguage.fromTag("zh_Hant"));
        assertEquals(Optional.of(TextLanguage.CHINESE_KOREAN), TextLanguage.fromTag("kor"));
        assertEquals(Optional.of(TextLanguage.ENGLISH), TextLanguage.fromTag("eng"));
        assertEquals(Optional.empty(), TextLanguage.fromTag("fr"));
        assertEquals(Optional.empty(), TextLanguage.fromTag(""));
        assertEquals(Optional.empty(), TextLanguage.fromTag(null));
    }

    @Test
    void storedTagsReadBack() {
        for (TextLanguage l : TextLanguage.values()) {
            assertEquals(Optional.of(l), TextLanguage.fromTag(l.tag()));
        }
        assertEquals("chinese_korean", TextLanguage.CHINESE_KOREAN.tag());
    }

    @Test
    void detectionGoesByScript() {
        assertEquals(TextLanguage.JAPANESE, TextLanguage.detect("Vue のコンポーネント"));
        assertEquals(TextLanguage.CHINESE_KOREAN, TextLanguage.detect("我喜欢吃苹果"));
        assertEquals(TextLanguage.CHINESE_KOREAN, TextLanguage.detect("한국어 분석"));
        assertEquals(TextLanguage.ENGLISH, TextLanguage.detect("Filters and queries, 2024"));
        assertEquals(TextLanguage.ENGLISH, TextLanguage.detect(""));
    }
}
