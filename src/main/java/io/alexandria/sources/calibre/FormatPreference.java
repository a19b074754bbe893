package io.alexandria.sources.calibre;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.regex.Pattern;

/**
 * Which format file of a book to index: an ordered list of preferred formats (default
 * {@code EPUB, AZW3, MOBI, PDF, TXT}), then any other format alphabetically. A book is indexed
 * once, from the single format {@link #choose chosen}, however many formats it has.
 *
 * <p>Immutable and thread-safe.
 */
public final class FormatPreference {
    /** The default order. */
    public static final List<String> DEFAULT_ORDER = List.of("EPUB", "AZW3", "MOBI", "PDF", "TXT");

    /** A calibre format name: letters, digits, underscores (e.g. {@code ORIGINAL_EPUB}), up to 32. */
    private static final Pattern FORMAT_NAME = Pattern.compile("[A-Z0-9_]{1,32}");

    private static final FormatPreference DEFAULT = new FormatPreference(DEFAULT_ORDER);

    private final List<String> order;
    private final Map<String, Integer> rank;
    private final Comparator<BookFormat> comparator;

    private FormatPreference(List<String> order) {
        this.order = List.copyOf(order);
        Map<String, Integer> ranks = new HashMap<>();
        for (int i = 0; i < this.order.size(); i++) {
            ranks.put(this.order.get(i), i);
        }
        this.rank = Map.copyOf(ranks);
        this.comparator = Comparator.<BookFormat>comparingInt(f -> rank(f.format()))
                .thenComparing(BookFormat::format);
    }

    /** The default preference, {@link #DEFAULT_ORDER}. */
    public static FormatPreference defaults() {
        return DEFAULT;
    }

    /**
     * A preference from format names in order of preference, any case, surrounding blanks ignored.
     *
     * @throws IllegalArgumentException when a name is blank, not a format name (letters, digits,
     *                                  underscore, up to 32) or listed twice; the message names it
     */
    public static FormatPreference of(List<String> formats) {
        Objects.requireNonNull(formats, "formats");
        List<String> normalized = new ArrayList<>(formats.size());
        for (int i = 0; i < formats.size(); i++) {
            String raw = formats.get(i);
            String name = raw == null ? "" : raw.strip().toUpperCase(Locale.ROOT);
            if (name.isEmpty()) {
                throw new IllegalArgumentException("Format preference: entry " + (i + 1)
                        + " is empty. List formats separated by commas, e.g. \"EPUB, AZW3, PDF\".");
            }
            if (!FORMAT_NAME.matcher(name).matches()) {
                throw new IllegalArgumentException("Format preference: \"" + raw.strip()
                        + "\" is not a format name. Use names like EPUB, PDF or ORIGINAL_EPUB (letters, digits,"
                        + " underscores), separated by commas.");
            }
            if (normalized.contains(name)) {
                throw new IllegalArgumentException("Format preference: " + name + " is listed twice.");
            }
            normalized.add(name);
        }
        return normalized.equals(DEFAULT_ORDER) ? DEFAULT : new FormatPreference(normalized);
    }

    /**
     * Parses a setting such as {@code "epub, pdf,TXT"} (comma-separated, case-insensitive). A null or
     * blank setting means {@link #defaults()}.
     *
     * @throws IllegalArgumentException on junk, as {@link #of(List)}
     */
    public static FormatPreference parse(String setting) {
        if (setting == null || setting.isBlank()) {
            return DEFAULT;
        }
        return of(List.of(setting.split(",", -1)));
    }

    /** The preferred formats, upper case, most preferred first. */
    public List<String> order() {
        return order;
    }

    /** The setting string that {@link #parse(String)} reads back, e.g. {@code "EPUB, AZW3, PDF"}. */
    public String toSettingString() {
        return String.join(", ", order);
    }

    /**
     * The book's formats, most preferred first: listed formats in list order, then the others by
     * name. Does not look at the disk.
     */
    public List<BookFormat> ordered(CalibreBook book) {
        return book.formats().stream().sorted(comparator).toList();
    }

    /**
     * The most preferred format of {@code book} whose file {@link BookFormat#exists() exists} and that
     * {@code usable} accepts (e.g. "an extractor supports this format").
     *
     * @param book   the book
     * @param usable the caller's test, asked only for formats whose file exists
     * @return the chosen format, or empty when none qualifies (no formats, all files missing, or none
     *         usable)
     */
    public Optional<BookFormat> choose(CalibreBook book, Predicate<BookFormat> usable) {
        Objects.requireNonNull(usable, "usable");
        for (BookFormat format : ordered(book)) {
            if (format.exists() && usable.test(format)) {
                return Optional.of(format);
            }
        }
        return Optional.empty();
    }

    private int rank(String format) {
        return rank.getOrDefault(format, Integer.MAX_VALUE);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof FormatPreference other && other.order.equals(order);
    }

    @Override
    public int hashCode() {
        return order.hashCode();
    }

    @Override
    public String toString() {
        return "FormatPreference[" + toSettingString() + "]";
    }
}
