package io.alexandria.extraction.markdown;

import io.alexandria.extraction.ExtractedDocument;
import java.util.List;

/**
 * A parsed note: the extracted document plus details the document's attributes summarise.
 *
 * @param document  the document (sections, title, {@code TAGS}, {@code ALIASES}, {@code LINKS},
 *                  {@code FRONTMATTER}, warnings)
 * @param wikiLinks every wikilink and embed in the note's text, in reading order, repeats kept
 *                  (links in code, in {@code %%} comments and in HTML comments are not here)
 * @param comments  number of Obsidian {@code %%} comments that were dropped
 */
public record ParsedNote(ExtractedDocument document, List<WikiLink> wikiLinks, int comments) {
    public ParsedNote {
        wikiLinks = List.copyOf(wikiLinks);
    }
}
