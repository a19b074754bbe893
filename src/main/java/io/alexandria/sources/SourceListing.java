package io.alexandria.sources;

import java.util.List;
import java.util.function.Predicate;

/**
 * The result of listing a source.
 *
 * @param items        every document the source holds now
 * @param problems     non-fatal problems met while listing (unreadable folder, vanished file), one
 *                     line each, for the log and the UI
 * @param maybePresent source ids that were not listed but may still exist (under an unreadable
 *                     folder): the change detector must not delete them
 */
public record SourceListing(List<SourceItem> items, List<String> problems, Predicate<String> maybePresent) {
    public SourceListing {
        items = List.copyOf(items);
        problems = List.copyOf(problems);
        maybePresent = maybePresent == null ? id -> false : maybePresent;
    }

    /** A listing where everything not listed is known to be gone. */
    public SourceListing(List<SourceItem> items, List<String> problems) {
        this(items, problems, null);
    }
}
