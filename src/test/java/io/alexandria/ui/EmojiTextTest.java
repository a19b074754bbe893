package io.alexandria.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Emoji runs in note text: Obsidian Tasks' markers, joined and modified emoji, flags, keycaps,
 * and what stays text (digits, ©, plain punctuation); the bundled font loads.
 */
class EmojiTextTest {
    private static List<EmojiText.Run> runs(String s) {
        return EmojiText.split(s);
    }

    @Test
    void tasksMarkersAreEmojiRuns() {
        assertEquals(List.of(new EmojiText.Run("- [ ] Pay the rent ", false), new EmojiText.Run("⏫", true),
                new EmojiText.Run(" ", false), new EmojiText.Run("🔁", true), new EmojiText.Run(" every month ", false),
                new EmojiText.Run("📅", true), new EmojiText.Run(" 2024-05-01 ", false), new EmojiText.Run("✅", true),
                new EmojiText.Run(" 2024-05-02", false)),
                runs("- [ ] Pay the rent ⏫ 🔁 every month 📅 2024-05-01 ✅ 2024-05-02"));
    }

    @Test
    void joinedModifiedAndFlagEmojiStayWhole() {
        assertEquals(List.of(new EmojiText.Run("👩‍💻", true), new EmojiText.Run(" and ", false),
                new EmojiText.Run("👍🏽", true), new EmojiText.Run(" in ", false), new EmojiText.Run("🇫🇷", true)),
                runs("👩‍💻 and 👍🏽 in 🇫🇷"));
        assertEquals(List.of(new EmojiText.Run("Warning ", false), new EmojiText.Run("⚠️", true)), runs("Warning ⚠️"));
        assertEquals(List.of(new EmojiText.Run("© 2024 #1 * ok", false)), runs("© 2024 #1 * ok"));
        assertEquals(List.of(), runs(""));
    }

    @Test
    void clippingNeverSplitsASurrogatePair() {
        String s = "ab📅cd";
        assertEquals("ab…", EmojiText.clip(s, 3));
        assertEquals("ab📅…", EmojiText.clip(s, 4));
        assertEquals(s, EmojiText.clip(s, 10));
    }

    @Test
    void theBundledFontLoads() throws Exception {
        FxTestKit.startToolkit();
        assertNotNull(EmojiText.class.getResource(EmojiText.FONT_RESOURCE));
        assertEquals("Noto Emoji", EmojiText.preload(), "the family of the bundled font");
        var nodes = FxTestKit.onFx(() -> EmojiText.nodes("Due 📅 today", "hit-text"));
        assertEquals(3, nodes.size());
        assertEquals(List.of("hit-text", EmojiText.EMOJI_CLASS), FxTestKit.onFx(() -> nodes.get(1).getStyleClass()));
    }
}
