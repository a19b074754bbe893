package io.alexandria.extraction.markdown;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * One Obsidian wikilink {@code [[target#subpath|alias]]} or embed {@code ![[target#subpath|alias]]}
 * found outside code.
 *
 * <p>Parsing follows Obsidian: the first {@code |} separates the alias (in a table row it is written
 * {@code \|}, and the backslash is dropped), the first {@code #} separates the note from a heading
 * path ({@code Note#H1#H2}) or a block id ({@code Note#^id}). An empty target means a link into the
 * same note ({@code [[#Heading]]}).
 *
 * @param raw     the text between the brackets, exactly as written
 * @param target  the linked note or file as written (may hold folders and an extension, e.g.
 *                {@code Advanced/Notifications} or {@code x.png}), trimmed; {@code ""} for the same note
 * @param subpath heading path or {@code ^block} id after the first {@code #}, trimmed, or {@code null}
 * @param alias   display text after the first {@code |}, trimmed, or {@code null}; for embeds this is
 *                Obsidian's size or caption
 * @param embed   {@code true} for {@code ![[…]]}
 */
public record WikiLink(String raw, String target, String subpath, String alias, boolean embed) {
    public WikiLink {
        Objects.requireNonNull(raw, "raw");
        Objects.requireNonNull(target, "target");
    }

    /**
     * Parses the text between {@code [[} and {@code ]]}.
     *
     * @param inner the raw text between the brackets
     * @param embed whether it was written {@code ![[…]]}
     */
    public static WikiLink parse(String inner, boolean embed) {
        String linkPart = inner;
        String alias = null;
        int bar = inner.indexOf('|');
        if (bar >= 0) {
            linkPart = inner.substring(0, bar);
            if (linkPart.endsWith("\\")) {
                linkPart = linkPart.substring(0, linkPart.length() - 1); // [[Sorting\|Sort]] in a table
            }
            alias = inner.substring(bar + 1).strip();
        }
        String target = linkPart;
        String subpath = null;
        int hash = linkPart.indexOf('#');
        if (hash >= 0) {
            target = linkPart.substring(0, hash);
            subpath = linkPart.substring(hash + 1).strip();
        }
        return new WikiLink(inner, target.strip(), subpath, alias, embed);
    }

    /**
     * The note or file this link points to, for {@code LINKS}: the target without heading or block
     * part, or {@code null} for a link into the same note ({@code [[#Heading]]}), which is not an
     * outgoing link.
     */
    public String linkTarget() {
        return target.isEmpty() ? null : target;
    }

    /** {@code true} when the subpath is a block reference ({@code Note#^id}). */
    public boolean isBlockReference() {
        return subpath != null && subpath.startsWith("^");
    }

    /**
     * The text Obsidian shows for this link in reading view, as plain text: the alias when there is
     * one; else {@code Note > Heading > Sub} for heading links ({@code Heading} alone for
     * {@code [[#Heading]]}); else the target. A block id is not shown ({@code [[Note#^id]]} gives
     * {@code Note}). Backticks are removed (headings such as {@code `id`} are code in Obsidian).
     * Embeds are never shown as text by the extractor; this still returns their name.
     */
    public String displayText() {
        String text;
        if (alias != null && !alias.isBlank()) {
            text = alias;
        } else {
            List<String> parts = new ArrayList<>();
            if (!target.isEmpty()) {
                parts.add(target);
            }
            if (subpath != null && !isBlockReference()) {
                for (String h : subpath.split("#")) {
                    if (!h.isBlank()) {
                        parts.add(h.strip());
                    }
                }
            }
            text = String.join(" > ", parts);
        }
        return text.replace("`", "").strip();
    }
}
