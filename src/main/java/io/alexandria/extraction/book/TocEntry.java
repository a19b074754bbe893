package io.alexandria.extraction.book;

/**
 * One entry of an EPUB table of contents.
 *
 * @param path     the zip entry it points to (resolved, percent-decoded)
 * @param fragment the element id it points to inside that file, or {@code null} for the file's top
 * @param title    its label, normalised, never blank
 */
record TocEntry(String path, String fragment, String title) {
}
