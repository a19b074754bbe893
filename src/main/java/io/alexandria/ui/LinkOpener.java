package io.alexandria.ui;

/** Opens a URI with the desktop (a note in Obsidian, a book file): {@code HostServices.showDocument} in the app. */
@FunctionalInterface
public interface LinkOpener {
    /** Opens {@code uri}. */
    void open(String uri);
}
