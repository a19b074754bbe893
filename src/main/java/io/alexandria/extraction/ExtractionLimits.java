package io.alexandria.extraction;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Budgets that keep untrusted input from exhausting the machine: every note and book is extracted
 * within them, or fails alone with an {@link ExtractionException} whose message names the limit and
 * the value met (the sync goes on with the other documents). The chunk-level bounds (tokens and
 * characters per chunk) are in {@code io.alexandria.chunking.ChunkingOptions}.
 *
 * <table>
 *   <caption>Limits, their units and defaults</caption>
 *   <tr><th>component</th><th>unit</th><th>default</th><th>when passed</th></tr>
 *   <tr><td>maxFileBytes</td><td>bytes</td><td>512 MiB</td><td>{@code TooLarge} before reading a book</td></tr>
 *   <tr><td>maxNoteBytes</td><td>bytes</td><td>32 MiB</td><td>{@code TooLarge} before reading a note</td></tr>
 *   <tr><td>maxTextChars</td><td>UTF-16 chars of extracted text</td><td>32 Mi (33,554,432)</td>
 *       <td>{@code TextTooLarge}</td></tr>
 *   <tr><td>maxZipEntries</td><td>entries</td><td>10,000</td><td>{@code ZipBomb}</td></tr>
 *   <tr><td>maxZipEntryBytes</td><td>bytes uncompressed</td><td>64 MiB</td><td>{@code ZipBomb}</td></tr>
 *   <tr><td>maxZipTotalBytes</td><td>bytes uncompressed</td><td>1 GiB</td><td>{@code ZipBomb}</td></tr>
 *   <tr><td>maxCompressionRatio</td><td>uncompressed / compressed</td><td>200</td><td>{@code ZipBomb}</td></tr>
 *   <tr><td>timeout</td><td>wall-clock time per file</td><td>5 min</td><td>{@code ExtractionTimeout} (books)</td></tr>
 *   <tr><td>maxPayloadListItems</td><td>items per list</td><td>100</td><td>the list is cut, its total recorded</td></tr>
 *   <tr><td>maxPayloadItemChars</td><td>chars per item</td><td>200</td><td>the item is left out (and counted)</td></tr>
 *   <tr><td>maxTitleChars</td><td>chars</td><td>500</td><td>the title, author or language is cut</td></tr>
 * </table>
 *
 * <p>The payload limits bound what a document adds to <em>every</em> point of its chunks: its
 * {@link ExtractedDocument#TAGS}, {@link ExtractedDocument#ALIASES} and {@link ExtractedDocument#LINKS}
 * keep their first {@code maxPayloadListItems} items of at most {@code maxPayloadItemChars} characters
 * each (in reading order), and when anything was left out the total is recorded under
 * {@code tags_total}, {@code aliases_total} or {@code links_total} (see
 * {@link ExtractedDocument#capped(ExtractionLimits)}). A 10,000-link index note thus stores 100 links
 * per point, not 10,000.
 *
 * @param maxFileBytes        largest book file accepted, in bytes
 * @param maxNoteBytes        largest note ({@code .md}) file accepted, in bytes (the smaller of this
 *                            and {@code maxFileBytes} applies)
 * @param maxTextChars        most characters of extracted text; more is {@code TextTooLarge}
 * @param maxZipEntries       most entries a zip container (EPUB, DOCX) may list
 * @param maxZipEntryBytes    largest uncompressed size of one zip entry, in bytes
 * @param maxZipTotalBytes    largest total uncompressed size read from one zip, in bytes
 * @param maxCompressionRatio largest uncompressed/compressed ratio of one entry (zip bomb guard)
 * @param timeout             wall-clock budget for extracting one book file
 * @param maxPayloadListItems most items kept in each document-level payload list (tags, aliases,
 *                            links)
 * @param maxPayloadItemChars longest item kept in those lists, in characters
 * @param maxTitleChars       longest title, author or language string kept, in characters
 */
public record ExtractionLimits(long maxFileBytes, long maxNoteBytes, long maxTextChars, int maxZipEntries,
                               long maxZipEntryBytes, long maxZipTotalBytes, double maxCompressionRatio,
                               Duration timeout, int maxPayloadListItems, int maxPayloadItemChars,
                               int maxTitleChars) {
    /** Default {@link #maxNoteBytes()}: 32 MiB. */
    public static final long DEFAULT_MAX_NOTE_BYTES = 32L << 20;
    /** Default {@link #maxTextChars()}: 32 Mi characters. */
    public static final long DEFAULT_MAX_TEXT_CHARS = 32L << 20;
    /** Default {@link #maxPayloadListItems()}. */
    public static final int DEFAULT_MAX_PAYLOAD_LIST_ITEMS = 100;
    /** Default {@link #maxPayloadItemChars()}. */
    public static final int DEFAULT_MAX_PAYLOAD_ITEM_CHARS = 200;
    /** Default {@link #maxTitleChars()}. */
    public static final int DEFAULT_MAX_TITLE_CHARS = 500;

    public ExtractionLimits {
        if (maxPayloadListItems < 0 || maxPayloadItemChars < 1 || maxTitleChars < 1) {
            throw new IllegalArgumentException("payload limits must be positive: " + maxPayloadListItems + ", "
                    + maxPayloadItemChars + ", " + maxTitleChars);
        }
    }

    /**
     * The older seven-value form: the note limit is the smaller of {@code maxFileBytes} and 32 MiB,
     * the payload limits are the defaults.
     */
    public ExtractionLimits(long maxFileBytes, long maxTextChars, int maxZipEntries, long maxZipEntryBytes,
                            long maxZipTotalBytes, double maxCompressionRatio, Duration timeout) {
        this(maxFileBytes, Math.min(maxFileBytes, DEFAULT_MAX_NOTE_BYTES), maxTextChars, maxZipEntries,
                maxZipEntryBytes, maxZipTotalBytes, maxCompressionRatio, timeout, DEFAULT_MAX_PAYLOAD_LIST_ITEMS,
                DEFAULT_MAX_PAYLOAD_ITEM_CHARS, DEFAULT_MAX_TITLE_CHARS);
    }

    /** The defaults of the table in the class comment, sized for real notes and e-books. */
    public static ExtractionLimits defaults() {
        return new ExtractionLimits(512L << 20, DEFAULT_MAX_NOTE_BYTES, DEFAULT_MAX_TEXT_CHARS, 10_000, 64L << 20,
                1L << 30, 200.0, Duration.ofMinutes(5), DEFAULT_MAX_PAYLOAD_LIST_ITEMS, DEFAULT_MAX_PAYLOAD_ITEM_CHARS,
                DEFAULT_MAX_TITLE_CHARS);
    }

    /** These limits with another {@link #maxTextChars()}. */
    public ExtractionLimits withMaxTextChars(long chars) {
        return new ExtractionLimits(maxFileBytes, maxNoteBytes, chars, maxZipEntries, maxZipEntryBytes,
                maxZipTotalBytes, maxCompressionRatio, timeout, maxPayloadListItems, maxPayloadItemChars, maxTitleChars);
    }

    /** These limits with another {@link #maxNoteBytes()}. */
    public ExtractionLimits withMaxNoteBytes(long bytes) {
        return new ExtractionLimits(maxFileBytes, bytes, maxTextChars, maxZipEntries, maxZipEntryBytes,
                maxZipTotalBytes, maxCompressionRatio, timeout, maxPayloadListItems, maxPayloadItemChars, maxTitleChars);
    }

    /** These limits with other payload limits. */
    public ExtractionLimits withPayloadLimits(int listItems, int itemChars, int titleChars) {
        return new ExtractionLimits(maxFileBytes, maxNoteBytes, maxTextChars, maxZipEntries, maxZipEntryBytes,
                maxZipTotalBytes, maxCompressionRatio, timeout, listItems, itemChars, titleChars);
    }

    /**
     * The first {@link #maxPayloadListItems()} items of {@code items} that have at most
     * {@link #maxPayloadItemChars()} characters (longer or {@code null} items are left out), in order.
     * Compare the sizes to know whether anything was left out.
     */
    public List<String> capItems(List<String> items) {
        List<String> kept = new ArrayList<>(Math.min(items.size(), maxPayloadListItems));
        for (String item : items) {
            if (kept.size() >= maxPayloadListItems) {
                break;
            }
            if (item != null && item.length() <= maxPayloadItemChars) {
                kept.add(item);
            }
        }
        return kept.size() == items.size() ? items : List.copyOf(kept);
    }

    /**
     * {@code text} cut to at most {@link #maxTitleChars()} characters, ending in "…" when cut (never
     * inside a surrogate pair); {@code null} stays {@code null}.
     */
    public String capTitle(String text) {
        return text == null ? null : ExtractedDocument.cut(text, maxTitleChars);
    }

    /** The byte limit for a note: the smaller of {@link #maxNoteBytes()} and {@link #maxFileBytes()}. */
    public long noteByteLimit() {
        return Math.min(maxNoteBytes, maxFileBytes);
    }
}
