package io.alexandria.chunking;

import java.util.List;

/**
 * One token-bounded piece of a document, the unit that is embedded and becomes one Qdrant point.
 *
 * @param ordinal     0-based position of the chunk in its document
 * @param text        the chunk's text (plain, paragraphs separated by a blank line)
 * @param headingPath the heading path (notes) or chapter title (books) of the section it came from
 * @param chapter     chapter title for books, else {@code null}
 * @param page        1-based page for paged formats, else {@code null}
 * @param tokens      model tokens of {@link #embeddingInput()}, special tokens excluded
 */
public record Chunk(int ordinal, String text, List<String> headingPath, String chapter, Integer page, int tokens) {
    public Chunk {
        headingPath = List.copyOf(headingPath);
    }

    /** The heading path joined with " > ", or "" when there is none. */
    public String context() {
        return String.join(" > ", headingPath);
    }

    /**
     * The exact string given to the model: the context line (heading path or chapter), a newline,
     * then the text. Its SHA-256 is the chunk's text hash, the embedding-cache key.
     */
    public String embeddingInput() {
        String context = context();
        return context.isEmpty() ? text : context + "\n" + text;
    }
}
