package io.alexandria.sources;

import io.alexandria.store.DocumentKey;
import io.alexandria.store.SourceFacts;
import java.nio.file.Path;

/**
 * One document as a scan of its source sees it now.
 *
 * @param key   identity (source, scope, source id)
 * @param file  the file to extract, absolute, on this host
 * @param facts size, mtime, title, format and metadata; {@code contentHash} is null (the change
 *              detector hashes only when size/mtime differ or the document is new)
 */
public record SourceItem(DocumentKey key, Path file, SourceFacts facts) {
}
