package io.alexandria.sources;

/** The {@code source} payload values of points and events ({@code docs/architecture.md}, "Schemas"). */
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
