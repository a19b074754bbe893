package io.alexandria.extraction.book;

import java.text.Normalizer;

/**
 * Turns raw text from a book file into one clean paragraph string. The one place where every
 * extractor's text is normalised, so all formats give the same kind of text to the chunker:
 * <ul>
 *   <li>invisible format characters are removed: U+2060 WORD JOINER, U+200B ZERO WIDTH SPACE,
 *       U+00AD SOFT HYPHEN, U+FEFF ZERO WIDTH NO-BREAK SPACE (BOM), U+2061..U+2064 invisible
 *       operators, and C0/C1 control characters other than whitespace;</li>
 *   <li>every kind of space (NBSP U+00A0, U+2000..U+200A including HAIR SPACE U+200A, U+202F,
 *       U+205F, U+3000, U+1680, tabs and line breaks) becomes an ordinary space;</li>
 *   <li>runs of spaces collapse to one, the ends are trimmed, and the result is in Unicode NFC.</li>
 * </ul>
 * ZERO WIDTH JOINER/NON-JOINER (U+200D/U+200C) are kept: they change meaning in Persian, Indic
 * scripts and emoji sequences.
 */
final class TextNormalizer {
    private TextNormalizer() {
    }

    /**
     * Normalises {@code raw} as described in the class comment.
     *
     * @return the clean text, or the empty string when nothing visible is left
     */
    static String normalize(CharSequence raw) {
        StringBuilder out = new StringBuilder(raw.length());
        boolean pendingSpace = false;
        for (int i = 0; i < raw.length(); i++) {
            char c = raw.charAt(i);
            if (isSpace(c)) {
                pendingSpace = out.length() > 0;
            } else if (!isInvisible(c)) {
                if (pendingSpace) {
                    out.append(' ');
                    pendingSpace = false;
                }
                out.append(c);
            }
        }
        String s = out.toString();
        return Normalizer.isNormalized(s, Normalizer.Form.NFC) ? s : Normalizer.normalize(s, Normalizer.Form.NFC);
    }

    /** Whether {@code c} is a space of any kind (normalised to U+0020). */
    static boolean isSpace(char c) {
        return switch (c) {
            case ' ', '\t', '\n', '\r', '\f', '\u000B', '\u0085', '\u00A0', '\u1680', '\u2028', '\u2029',
                 '\u202F', '\u205F', '\u3000' -> true;
            default -> c >= '\u2000' && c <= '\u200A';
        };
    }

    /** Whether {@code c} is an invisible character that is dropped. */
    static boolean isInvisible(char c) {
        return switch (c) {
            case '\u2060', '\u200B', '\u00AD', '\uFEFF', '\u2061', '\u2062', '\u2063', '\u2064' -> true;
            default -> c < 0x20 || (c >= 0x7F && c < 0xA0);
        };
    }
}
