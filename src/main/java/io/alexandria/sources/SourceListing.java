package io.alexandria.sources;

import java.util.List;

/**
 * The result of listing a source.
 *
 * @param items    every document the source holds now
 * @param problems non-fatal problems met while listing (unreadable folder, vanished file), one
 *                 line each, for the log and the UI
 */
public record SourceListing(List<SourceItem> items, List<String> problems) {
    public SourceListing {
        items = List.copyOf(items);
        problems = List.copyOf(problems);
    }
}
