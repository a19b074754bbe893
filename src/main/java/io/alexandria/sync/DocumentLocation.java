package io.alexandria.sync;

/**
 * Where a document's file is, as the ledger recorded it at its last scan.
 *
 * @param rootPath the source's root folder (a vault, a library), or null for standalone files
 * @param filePath the file relative to {@code rootPath} ('/'-separated), absolute for standalone
 *                 files, or null when the document has no file (a Calibre book without formats)
 */
public record DocumentLocation(String rootPath, String filePath) {
}
