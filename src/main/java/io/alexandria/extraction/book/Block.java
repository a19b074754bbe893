package io.alexandria.extraction.book;

import java.util.List;

/**
 * One paragraph-level piece of text found by {@link BlockText}.
 *
 * @param text         normalised text, never blank
 * @param headingLevel 1 (outermost) and up for a heading, 0 for body text
 * @param anchors      element ids that start at or just before this block (targets of
 *                     {@code href="doc.xhtml#id"} links); used to split a document at TOC targets
 */
record Block(String text, int headingLevel, List<String> anchors) {
    Block {
        anchors = List.copyOf(anchors);
    }

    boolean isHeading() {
        return headingLevel > 0;
    }
}
