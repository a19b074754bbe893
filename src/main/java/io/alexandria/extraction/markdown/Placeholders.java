package io.alexandria.extraction.markdown;

import java.util.List;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * Turns the wikilink placeholders left by {@link ObsidianPreprocessor} back into text: display text
 * in prose (embeds vanish), or the original {@code [[…]]} in code.
 */
final class Placeholders {
    private final List<WikiLink> links;
    private final char open;
    private final char close;

    Placeholders(ObsidianPreprocessor.Result pre) {
        this.links = pre.links();
        this.open = pre.open();
        this.close = pre.close();
    }

    /** The character that opens a placeholder. */
    char open() {
        return open;
    }

    /** The character that closes a placeholder. */
    char close() {
        return close;
    }

    /**
     * Replaces each placeholder by the link's {@link WikiLink#displayText()} (nothing for an
     * embed) and reports each link, in order, to {@code seen}.
     */
    String resolve(String text, Consumer<WikiLink> seen) {
        return replace(text, link -> {
            seen.accept(link);
            return link.embed() ? "" : link.displayText();
        });
    }

    /** Replaces each placeholder by the link exactly as written, e.g. {@code ![[x.png]]}. */
    String restore(String text) {
        return replace(text, link -> (link.embed() ? "![[" : "[[") + link.raw() + "]]");
    }

    private String replace(String text, Function<WikiLink, String> render) {
        if (text.indexOf(open) < 0) {
            return text;
        }
        StringBuilder sb = new StringBuilder(text.length());
        int i = 0;
        while (i < text.length()) {
            char c = text.charAt(i);
            if (c == open) {
                int end = text.indexOf(close, i + 1);
                Integer index = end > i + 1 ? parseIndex(text.substring(i + 1, end)) : null;
                if (index != null && index < links.size()) {
                    sb.append(render.apply(links.get(index)));
                    i = end + 1;
                    continue;
                }
            }
            sb.append(c);
            i++;
        }
        return sb.toString();
    }

    private static Integer parseIndex(String digits) {
        if (digits.length() > 9) {
            return null;
        }
        for (int k = 0; k < digits.length(); k++) {
            if (digits.charAt(k) < '0' || digits.charAt(k) > '9') {
                return null;
            }
        }
        return Integer.parseInt(digits);
    }
}
