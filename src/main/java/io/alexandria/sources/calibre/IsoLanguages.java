package io.alexandria.sources.calibre;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.MissingResourceException;

/**
 * Maps the three-letter language codes calibre stores in {@code languages.lang_code} (ISO 639-2/T,
 * which for individual languages equals the ISO 639-3 code calibre uses, e.g. {@code eng},
 * {@code deu}) to ISO 639-1 ({@code en}, {@code de}), using only the JDK's {@link Locale} ISO
 * tables. ISO 639-2/B variants ({@code ger}, {@code fre}) are not in those tables; calibre does not
 * store them, and they pass through unchanged like any code without a two-letter form.
 */
final class IsoLanguages {
    private static final Map<String, String> THREE_TO_TWO = buildTable();

    private IsoLanguages() {
    }

    private static Map<String, String> buildTable() {
        Map<String, String> table = new HashMap<>();
        for (String two : Locale.getISOLanguages()) {
            try {
                String three = Locale.of(two).getISO3Language();
                if (!three.isEmpty()) {
                    table.putIfAbsent(three, two);
                }
            } catch (MissingResourceException e) {
                // no three-letter form in this JDK: nothing to map
            }
        }
        return Map.copyOf(table);
    }

    /**
     * The ISO 639-1 code for {@code code} where one exists, else {@code code} in lower case;
     * null for null or blank input. A two-letter input is returned in lower case.
     */
    static String toIso639_1(String code) {
        if (code == null || code.isBlank()) {
            return null;
        }
        String lower = code.strip().toLowerCase(Locale.ROOT);
        return THREE_TO_TWO.getOrDefault(lower, lower);
    }
}
