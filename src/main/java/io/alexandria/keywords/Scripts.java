package io.alexandria.keywords;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits text into runs of CJK and of everything else, by Unicode script
 * ({@link Character.UnicodeScript}), so each run can be read by its own analyzer. Characters of
 * the Common and Inherited scripts (spaces, punctuation, digits, the prolonged sound mark
 * {@code ー}, combining marks) belong to no side and stay in the run they are in; a text that
 * starts with them gives them to its first run.
 */
final class Scripts {
    /** A character's side. */
    enum Kind { KANA, HAN, HANGUL, OTHER, NEUTRAL }

    /**
     * One run.
     *
     * @param text the run's characters, never empty
     * @param cjk  true for a run of Han, kana, Hangul (and neutral characters among them)
     */
    record Run(String text, boolean cjk) {
    }

    /** What a text holds, for choosing its CJK analyzer. */
    record Profile(boolean kana, boolean han, boolean hangul) {
        boolean anyCjk() {
            return kana || han || hangul;
        }
    }

    private Scripts() {
    }

    static Kind of(int codePoint) {
        return switch (Character.UnicodeScript.of(codePoint)) {
            case HIRAGANA, KATAKANA -> Kind.KANA;
            case HAN, BOPOMOFO -> Kind.HAN;
            case HANGUL -> Kind.HANGUL;
            case COMMON, INHERITED, UNKNOWN -> Kind.NEUTRAL;
            default -> Kind.OTHER;
        };
    }

    /** Which CJK scripts {@code text} uses. Linear. */
    static Profile profile(CharSequence text) {
        boolean kana = false;
        boolean han = false;
        boolean hangul = false;
        for (int i = 0; i < text.length(); ) {
            int cp = Character.codePointAt(text, i);
            switch (of(cp)) {
                case KANA -> kana = true;
                case HAN -> han = true;
                case HANGUL -> hangul = true;
                default -> {
                }
            }
            i += Character.charCount(cp);
        }
        return new Profile(kana, han, hangul);
    }

    /** The runs of {@code text} in order; their concatenation is {@code text}. Linear. */
    static List<Run> runs(String text) {
        List<Run> out = new ArrayList<>();
        int start = 0;
        Boolean cjk = null;
        for (int i = 0; i < text.length(); ) {
            int cp = text.codePointAt(i);
            Kind k = of(cp);
            if (k != Kind.NEUTRAL) {
                boolean c = k != Kind.OTHER;
                if (cjk == null) {
                    cjk = c;
                } else if (c != cjk) {
                    out.add(new Run(text.substring(start, i), cjk));
                    start = i;
                    cjk = c;
                }
            }
            i += Character.charCount(cp);
        }
        if (start < text.length()) {
            out.add(new Run(text.substring(start), cjk != null && cjk));
        }
        return out;
    }
}
