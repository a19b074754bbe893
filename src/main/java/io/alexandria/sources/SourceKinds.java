package io.alexandria.sources;

/** The {@code source} payload values (shared seed 000: "calibre | gutenberg | archive", extended). */
public final class SourceKinds {
    /** Notes of an Obsidian vault. */
    public static final String OBSIDIAN = "obsidian";
    /** Books of a Calibre library. */
    public static final String CALIBRE = "calibre";
    /** A standalone book or note file (drag and drop). */
    public static final String FILE = "file";

    private SourceKinds() {
    }
}
