package io.alexandria.store;

/**
 * What a scan learned about a document's current version.
 *
 * @param rootPath     vault / library folder on this host
 * @param filePath     file to index, relative to {@code rootPath} ('/'-separated), absolute for
 *                     standalone files
 * @param sizeBytes    file size in bytes
 * @param mtimeMs      modification time, ms since the epoch
 * @param contentHash  SHA-256 (hex) of the file bytes, or {@code null} when not computed yet
 * @param metadataHash SHA-256 (hex) of the payload metadata, or {@code null} when the source has
 *                     no metadata beyond the file
 * @param metadataJson payload metadata as a JSON object, or {@code null}
 */
public record SourceFacts(String rootPath, String filePath, String title, String format, long sizeBytes,
                          long mtimeMs, String contentHash, String metadataHash, String metadataJson) {
}
