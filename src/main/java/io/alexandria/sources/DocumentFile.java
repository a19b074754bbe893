package io.alexandria.sources;

/**
 * Where a known document's file is, as its source recorded it at the last scan: all a source needs
 * to extract a document again.
 *
 * @param filePath the file, relative to the source's root ('/'-separated), absolute for standalone
 *                 files, or null when the document has no file (a Calibre book without formats)
 * @param format   the file's format in upper case ({@code MD}, {@code EPUB}, {@code PDF}…), or null
 */
public record DocumentFile(String filePath, String format) {
}
