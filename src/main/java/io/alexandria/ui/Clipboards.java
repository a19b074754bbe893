package io.alexandria.ui;

import javafx.scene.input.Clipboard;
import javafx.scene.input.ClipboardContent;

/** Copying text from the window (context menus' Copy items). JavaFX thread. */
public final class Clipboards {
    private Clipboards() {
    }

    /** Puts {@code text} on the system clipboard as plain text. */
    public static void copy(String text) {
        ClipboardContent c = new ClipboardContent();
        c.putString(text == null ? "" : text);
        Clipboard.getSystemClipboard().setContent(c);
    }
}
