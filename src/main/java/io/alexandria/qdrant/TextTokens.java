package io.alexandria.qdrant;

import io.qdrant.client.grpc.Collections.TextIndexParams;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The tokens a Qdrant full-text index makes of a string with its default {@code word} tokenizer:
 * runs of letters and digits, lower-cased unless the index says {@code lowercase=false}, kept only
 * within the index's {@code min_token_len}/{@code max_token_len}. Stemming, stop words and other
 * tokenizers are not modelled (creating such an index answers UNIMPLEMENTED).
 */
final class TextTokens {
    private TextTokens() {
    }

    /** The tokens of {@code text} under the given index parameters (null: Qdrant's defaults). */
    static List<String> tokens(String text, TextIndexParams params) {
        boolean lowercase = params == null || !params.hasLowercase() || params.getLowercase();
        long min = params != null && params.hasMinTokenLen() ? params.getMinTokenLen() : 0;
        long max = params != null && params.hasMaxTokenLen() ? params.getMaxTokenLen() : Long.MAX_VALUE;
        List<String> out = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        text.codePoints().forEach(cp -> {
            if (Character.isLetterOrDigit(cp)) {
                current.appendCodePoint(cp);
            } else {
                flush(current, out, lowercase, min, max);
            }
        });
        flush(current, out, lowercase, min, max);
        return out;
    }

    private static void flush(StringBuilder current, List<String> out, boolean lowercase, long min, long max) {
        if (current.isEmpty()) {
            return;
        }
        String token = lowercase ? current.toString().toLowerCase(Locale.ROOT) : current.toString();
        long len = token.codePointCount(0, token.length());
        if (len >= min && len <= max) {
            out.add(token);
        }
        current.setLength(0);
    }
}
