package io.alexandria.extraction.markdown;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Obsidian tags: collects them de-duplicated in first-seen order, and finds inline ones in text.
 *
 * <p>An inline tag, as in Obsidian, is {@code #} at the start of the text or after whitespace,
 * followed by letters, digits, {@code _}, {@code -} and {@code /} (nested tags such as
 * {@code #feature/dates}), with at least one character that is not a digit ({@code #1505} is an issue
 * number, not a tag). The caller passes text in which code is already masked, so {@code #} in code
 * never counts, and in which raw HTML tags are replaced by {@link #BOUNDARY} (so
 * {@code <span>#tag</span>} counts). Tags are compared without case, as Obsidian does; the first
 * spelling wins.
 */
final class Tags {
    /** Stands for a raw HTML tag in scanned text: a tag may start right after it. */
    static final char BOUNDARY = '\u0002';
    /** Stands for an inline code span in scanned text: never part of a tag, and no tag starts after it. */
    static final char CODE = '\u0001';

    private static final Pattern INLINE = Pattern.compile("(?<![^\\s\\u0002])#([\\p{L}\\p{M}\\p{N}_/\\-]+)");

    private final Map<String, String> seen = new LinkedHashMap<>();

    /** Adds {@code tag} (with or without a leading {@code #}) unless blank or already present. */
    void add(String tag) {
        String t = normalize(tag);
        if (t != null) {
            seen.putIfAbsent(t.toLowerCase(Locale.ROOT), t);
        }
    }

    /** Adds every inline tag found in {@code scanText}. */
    void addInline(String scanText) {
        if (scanText.indexOf('#') < 0) {
            return;
        }
        Matcher m = INLINE.matcher(scanText);
        while (m.find()) {
            add(m.group(1));
        }
    }

    /** The tags in first-seen order. */
    List<String> list() {
        return new ArrayList<>(seen.values());
    }

    /**
     * A tag without {@code #} and surrounding blanks or trailing {@code /}, or {@code null} when
     * nothing valid is left (empty, or digits only).
     */
    static String normalize(String tag) {
        if (tag == null) {
            return null;
        }
        String t = tag.strip();
        while (t.startsWith("#")) {
            t = t.substring(1);
        }
        while (t.endsWith("/")) {
            t = t.substring(0, t.length() - 1);
        }
        t = t.strip();
        if (t.isEmpty() || t.chars().allMatch(Character::isDigit)) {
            return null;
        }
        return t;
    }
}
