package io.alexandria.extraction.markdown;

/**
 * Obsidian block ids: a {@code ^id} (letters, digits and {@code -}) at the end of a line, after a
 * blank or alone on the line, marks the block so that {@code [[Note#^id]]} can link to it. Obsidian
 * hides it in reading view, so it is not part of the text that is embedded.
 *
 * <p>An id inside code is not an id: the caller passes, beside the rendered text, the same text
 * with code spans masked (the "scan" text of {@link SectionBuilder}); a line loses its trailing
 * {@code ^id} only when the scan line ends with that same id. Linear in the text's length.
 */
final class BlockIds {
    private BlockIds() {
    }

    /**
     * {@code display} with the block id ending any of its lines removed.
     *
     * @param display the rendered text, lines separated by {@code '\n'}
     * @param scan    the same text with code masked; it has as many lines as {@code display}
     */
    static String strip(String display, String scan) {
        if (scan.indexOf('^') < 0) {
            return display;
        }
        String[] shown = display.split("\n", -1);
        String[] scanned = scan.split("\n", -1);
        if (shown.length != scanned.length) {
            return display;
        }
        boolean changed = false;
        for (int i = 0; i < shown.length; i++) {
            int inScan = idStart(scanned[i]);
            if (inScan < 0) {
                continue;
            }
            int inShown = idStart(shown[i]);
            if (inShown >= 0 && idOf(shown[i], inShown).equals(idOf(scanned[i], inScan))) {
                shown[i] = shown[i].substring(0, inShown);
                changed = true;
            }
        }
        return changed ? String.join("\n", shown) : display;
    }

    /**
     * Index of the {@code '^'} of a block id ending {@code line} (trailing blanks allowed), or -1
     * when the line does not end with one.
     */
    static int idStart(String line) {
        int end = line.length();
        while (end > 0 && isBlank(line.charAt(end - 1))) {
            end--;
        }
        int i = end;
        while (i > 0 && isIdChar(line.charAt(i - 1))) {
            i--;
        }
        if (i == end || i == 0 || line.charAt(i - 1) != '^') {
            return -1;
        }
        int caret = i - 1;
        return caret == 0 || isBlank(line.charAt(caret - 1)) ? caret : -1;
    }

    private static String idOf(String line, int caret) {
        return line.substring(caret).strip();
    }

    private static boolean isIdChar(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-';
    }

    private static boolean isBlank(char c) {
        return c == ' ' || c == '\t';
    }
}
