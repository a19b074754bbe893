package io.alexandria.keywords;

import java.util.Locale;
import java.util.Optional;

/**
 * Which Lucene analyzer reads the CJK parts of a text (see {@link KeywordEncoder}): Latin and every
 * other non-CJK script is always read by the English analyzer, so the language only decides how
 * Han, kana and Hangul are cut into terms.
 */
public enum TextLanguage {
    /** No CJK preference: CJK parts are read by what their script says ({@link #detect}). */
    ENGLISH,
    /** Japanese: CJK parts are read by kuromoji (morphological analysis, dictionary words). */
    JAPANESE,
    /** Chinese or Korean: CJK parts are cut into overlapping bigrams. */
    CHINESE_KOREAN;

    /**
     * The value to store in a payload ({@code english}, {@code japanese}, {@code chinese_korean});
     * {@link #fromTag} reads it back.
     */
    public String tag() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * The language a {@code lang} / {@code language} tag names: a BCP 47 tag ({@code ja},
     * {@code ja-JP}, {@code zh-Hant}, {@code ko}), an ISO 639-2 code as Calibre stores it
     * ({@code jpn}, {@code zho}, {@code chi}, {@code kor}, {@code eng}) or an English name
     * ({@code Japanese}), or a {@link #tag()}; case and {@code _} / {@code -} separators do not
     * matter.
     *
     * @return empty for null, blank or any other language (the text's script then decides)
     */
    public static Optional<TextLanguage> fromTag(String tag) {
        if (tag == null || tag.isBlank()) {
            return Optional.empty();
        }
        String primary = tag.strip().toLowerCase(Locale.ROOT).split("[-_\\s]", 2)[0];
        return switch (primary) {
            case "ja", "jpn", "japanese" -> Optional.of(JAPANESE);
            case "zh", "zho", "chi", "chinese", "cmn", "yue", "ko", "kor", "korean" -> Optional.of(CHINESE_KOREAN);
            case "en", "eng", "english" -> Optional.of(ENGLISH);
            default -> Optional.empty();
        };
    }

    /**
     * The language a text's scripts suggest: {@link #JAPANESE} when it has any Hiragana or
     * Katakana, else {@link #CHINESE_KOREAN} when it has Han or Hangul, else {@link #ENGLISH}.
     * Linear in the text's length. The engine may run this over a whole document once and pass
     * the result as every chunk's hint, so a chunk of kanji alone in a Japanese note is still
     * read as Japanese.
     */
    public static TextLanguage detect(CharSequence text) {
        boolean cjk = false;
        for (int i = 0; i < text.length(); ) {
            int cp = Character.codePointAt(text, i);
            switch (Scripts.of(cp)) {
                case KANA -> {
                    return JAPANESE;
                }
                case HAN, HANGUL -> cjk = true;
                default -> {
                }
            }
            i += Character.charCount(cp);
        }
        return cjk ? CHINESE_KOREAN : ENGLISH;
    }
}
