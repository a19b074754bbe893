package io.alexandria.ui.shell;

import io.alexandria.ui.LinkOpener;
import java.nio.file.Path;

/**
 * What the window asks of the desktop around it: open a URI with its application (a note in
 * Obsidian, a book, the data folder), show a file in the file manager, and whether Obsidian is
 * installed (so that "Open in Obsidian" is only offered where it works). The app uses
 * {@link SystemShell}; tests record the calls.
 */
public interface DesktopShell extends LinkOpener {
    /** Shows {@code file} selected in the file manager (or its folder, where selecting is not possible). */
    void reveal(Path file);

    /** Whether Obsidian is installed (false until known). */
    boolean obsidianInstalled();

    /**
     * A shell that opens through {@code links} and reveals a file by opening its folder there
     * (tests and embedders).
     *
     * @param obsidian what {@link #obsidianInstalled()} answers
     */
    static DesktopShell of(LinkOpener links, boolean obsidian) {
        return new DesktopShell() {
            @Override
            public void open(String uri) {
                links.open(uri);
            }

            @Override
            public void reveal(Path file) {
                Path dir = file.toAbsolutePath().getParent();
                links.open((dir == null ? file : dir).toUri().toString());
            }

            @Override
            public boolean obsidianInstalled() {
                return obsidian;
            }
        };
    }
}
