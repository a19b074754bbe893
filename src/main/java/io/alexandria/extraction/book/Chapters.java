package io.alexandria.extraction.book;

import io.alexandria.extraction.Section;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Groups {@link Block}s into chapter {@link Section}s. Two strategies:
 * <ul>
 *   <li>{@link #byHeadings}: for single-file books (HTML, FB2, DOCX, ODT) that mark chapters with
 *       headings only;</li>
 *   <li>{@link #atAnchors}: for an EPUB content document that its table of contents splits at
 *       fragment targets ({@code chapter.xhtml#part-2}).</li>
 * </ul>
 * Sections without paragraphs are never returned.
 */
final class Chapters {
    private Chapters() {
    }

    /**
     * Splits at the chapter heading level: the outermost heading level that occurs at least twice
     * (a book's title heading usually occurs once), or, when none repeats, the outermost level
     * present. Each chapter is titled by its heading's text and keeps the heading as its first
     * paragraph; text before the first chapter heading becomes a section without a title.
     */
    static List<Section> byHeadings(List<Block> blocks) {
        int level = chapterLevel(blocks);
        List<Section> out = new ArrayList<>();
        String title = null;
        List<String> paragraphs = new ArrayList<>();
        for (Block b : blocks) {
            if (level > 0 && b.headingLevel() == level) {
                add(out, title, paragraphs);
                title = b.text();
                paragraphs = new ArrayList<>();
            }
            paragraphs.add(b.text());
        }
        add(out, title, paragraphs);
        return out;
    }

    /**
     * Splits {@code blocks} before the first block that carries one of the {@code targets}' ids.
     * Text before the first target keeps {@code leadTitle}.
     *
     * @param targets TOC entries into this document that have a fragment, in TOC order
     */
    static List<Section> atAnchors(List<Block> blocks, String leadTitle, List<TocEntry> targets) {
        Map<String, String> titleById = new HashMap<>();
        for (TocEntry t : targets) {
            titleById.putIfAbsent(t.fragment(), t.title());
        }
        List<Section> out = new ArrayList<>();
        String title = leadTitle;
        List<String> paragraphs = new ArrayList<>();
        for (Block b : blocks) {
            String startTitle = null;
            for (String anchor : b.anchors()) {
                startTitle = titleById.get(anchor);
                if (startTitle != null) {
                    break;
                }
            }
            if (startTitle != null) {
                add(out, title, paragraphs);
                title = startTitle;
                paragraphs = new ArrayList<>();
            }
            paragraphs.add(b.text());
        }
        add(out, title, paragraphs);
        return out;
    }

    /** Text of the first heading among {@code blocks}, or {@code null}. */
    static String firstHeading(List<Block> blocks) {
        for (Block b : blocks) {
            if (b.isHeading()) {
                return b.text();
            }
        }
        return null;
    }

    private static int chapterLevel(List<Block> blocks) {
        Map<Integer, Integer> counts = new TreeMap<>();
        for (Block b : blocks) {
            if (b.isHeading()) {
                counts.merge(b.headingLevel(), 1, Integer::sum);
            }
        }
        for (Map.Entry<Integer, Integer> e : counts.entrySet()) {
            if (e.getValue() >= 2) {
                return e.getKey();
            }
        }
        return counts.isEmpty() ? 0 : counts.keySet().iterator().next();
    }

    private static void add(List<Section> out, String title, List<String> paragraphs) {
        if (!paragraphs.isEmpty()) {
            out.add(Section.ofChapter(title, paragraphs));
        }
    }
}
