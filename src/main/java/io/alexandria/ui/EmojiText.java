package io.alexandria.ui;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import javafx.scene.text.Font;
import javafx.scene.text.Text;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Emoji in note text (Obsidian Tasks writes 📅 ⏫ 🔁 ✅ into notes). JavaFX draws colour emoji
 * only on macOS (Apple Color Emoji); on Linux and Windows it needs a font with outlines, and it
 * never falls back to a font the app loaded itself. So text is split into runs, and emoji runs are
 * drawn with the bundled monochrome Noto Emoji ({@code /fonts/NotoEmoji-Regular.ttf}, SIL OFL 1.1)
 * while the rest keeps the theme's font. On macOS everything stays with the system font.
 */
public final class EmojiText {
    /** The bundled font. */
    public static final String FONT_RESOURCE = "/fonts/NotoEmoji-Regular.ttf";
    private static final Logger LOG = LoggerFactory.getLogger(EmojiText.class);
    /** The style class of emoji runs. */
    public static final String EMOJI_CLASS = "emoji";
    private static volatile String family;

    private EmojiText() {
    }

    /** A run of text: emoji or not. */
    public record Run(String text, boolean emoji) {
    }

    /**
     * Loads the bundled font (reads it from the class path: call off the JavaFX thread, once).
     *
     * @return its family name, or null where it is not used (macOS) or cannot be loaded
     */
    public static String preload() {
        if (family != null || System.getProperty("os.name", "").toLowerCase(Locale.ROOT).contains("mac")) {
            return family;
        }
        try (InputStream in = EmojiText.class.getResourceAsStream(FONT_RESOURCE)) {
            Font f = in == null ? null : Font.loadFont(in, 13);
            if (f != null) {
                family = f.getFamily();
            }
        } catch (IOException | RuntimeException e) {
            LOG.warn("cannot load the emoji font: {}", e.toString());
        }
        return family;
    }

    /** The emoji font's family once loaded, else null. */
    public static String family() {
        return family;
    }

    /** Splits {@code s} into emoji and non-emoji runs (an emoji run keeps its joiners, selectors and modifiers). */
    public static List<Run> split(String s) {
        List<Run> runs = new ArrayList<>();
        if (s == null || s.isEmpty()) {
            return runs;
        }
        StringBuilder cur = new StringBuilder();
        boolean inEmoji = false;
        int i = 0;
        while (i < s.length()) {
            int cp = s.codePointAt(i);
            int next = i + Character.charCount(cp) < s.length() ? s.codePointAt(i + Character.charCount(cp)) : -1;
            boolean emoji = inEmoji && continuesEmoji(cp, cur) || startsEmoji(cp, next);
            if (emoji != inEmoji && !cur.isEmpty()) {
                runs.add(new Run(cur.toString(), inEmoji));
                cur.setLength(0);
            }
            inEmoji = emoji;
            cur.appendCodePoint(cp);
            i += Character.charCount(cp);
        }
        if (!cur.isEmpty()) {
            runs.add(new Run(cur.toString(), inEmoji));
        }
        return runs;
    }

    /** Whether {@code cp} (followed by {@code next}) begins an emoji. */
    static boolean startsEmoji(int cp, int next) {
        if (Character.isEmojiPresentation(cp)) {
            return true;
        }
        if (cp >= 0x1F1E6 && cp <= 0x1F1FF) {
            return true; // regional indicators (flags)
        }
        boolean keycapBase = cp == '#' || cp == '*' || (cp >= '0' && cp <= '9');
        return next == 0xFE0F && Character.isEmoji(cp) && !keycapBase;
    }

    /** Whether {@code cp} continues the emoji in {@code sofar}: selectors, joiners, modifiers, tags, a joined emoji. */
    static boolean continuesEmoji(int cp, CharSequence sofar) {
        if (cp == 0xFE0F || cp == 0x200D || cp == 0x20E3 || Character.isEmojiModifier(cp)
                || (cp >= 0xE0020 && cp <= 0xE007F)) {
            return true;
        }
        boolean afterJoiner = sofar.length() > 0 && sofar.charAt(sofar.length() - 1) == '\u200D';
        return afterJoiner && (Character.isEmoji(cp) || Character.isExtendedPictographic(cp));
    }

    /**
     * Text nodes for a {@code TextFlow}: one per run, emoji runs in the bundled font (when loaded)
     * with the {@value #EMOJI_CLASS} style class, all with {@code styleClass}.
     */
    public static List<Text> nodes(String s, String styleClass) {
        List<Text> out = new ArrayList<>();
        String emojiFamily = family;
        for (Run r : split(s)) {
            Text t = new Text(r.text());
            t.getStyleClass().add(styleClass);
            if (r.emoji() && emojiFamily != null) {
                t.getStyleClass().add(EMOJI_CLASS);
                t.setStyle("-fx-font-family: \"" + emojiFamily + "\";");
            }
            out.add(t);
        }
        return out;
    }

    /** {@code s} cut to at most {@code max} chars (never inside a surrogate pair), with "…" when cut. */
    public static String clip(String s, int max) {
        if (s.length() <= max) {
            return s;
        }
        int end = Character.isHighSurrogate(s.charAt(max - 1)) ? max - 1 : max;
        return s.substring(0, end) + "…";
    }
}
