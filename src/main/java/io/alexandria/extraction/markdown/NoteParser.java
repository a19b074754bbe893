package io.alexandria.extraction.markdown;

import io.alexandria.extraction.ExtractedDocument;
import io.alexandria.extraction.Section;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.commonmark.Extension;
import org.commonmark.ext.gfm.tables.TablesExtension;
import org.commonmark.node.Node;
import org.commonmark.parser.IncludeSourceSpans;
import org.commonmark.parser.Parser;

/**
 * Turns the text of one Obsidian note into an {@link ExtractedDocument}. A pure function: no files,
 * no state; thread-safe.
 *
 * <h2>How Obsidian syntax is layered on CommonMark</h2>
 * Markdown structure is decided by commonmark-java (CommonMark 0.31 plus GFM tables), so "outside
 * code" means exactly what a CommonMark parser sees. The Obsidian extensions are handled on top in
 * three simple steps:
 * <ol>
 *   <li><b>Frontmatter</b> is split off first ({@link Frontmatter}: SnakeYAML Engine, failsafe
 *       schema, so every value stays the text written).</li>
 *   <li><b>Preprocessing that respects code</b> ({@link ObsidianPreprocessor}): the body is parsed
 *       once with source positions to learn which characters are code (fenced/indented blocks, code
 *       spans). Outside code, {@code %% comments %%} are cut out (inline or multi-line) and each
 *       wikilink {@code [[…]]} / embed {@code ![[…]]} is replaced by an opaque placeholder. This must
 *       happen before inline parsing because Obsidian reads a wikilink as one unit: its text may hold
 *       backticks ({@code [[Note#`id`|id]]}), {@code _} or a table's {@code \|}, which CommonMark would
 *       otherwise take apart.</li>
 *   <li><b>Rendering</b> ({@link SectionBuilder}) walks the second parse: placeholders become the
 *       link's display text; {@code #tags} are read from text nodes and raw HTML (never code);
 *       callouts are block quotes whose {@code [!type]} marker is dropped.</li>
 * </ol>
 *
 * <h2>Output</h2>
 * <ul>
 *   <li>{@code title}: the frontmatter {@code title}, else {@code null}.</li>
 *   <li>Sections: every top-level ATX or Setext heading opens a section whose
 *       {@link Section#headingPath()} is the chain of enclosing headings (a heading closes those of
 *       its level and deeper; levels may skip). Text before the first heading has an empty path.
 *       Headings inside quotes or lists are plain paragraphs, as in Obsidian's outline. Sections with
 *       no text are left out, so an empty or frontmatter-only note has no sections.</li>
 *   <li>Paragraphs, plain text, never blank: a paragraph; each list item (a task's {@code [ ]}
 *       checkbox dropped); each table row (non-empty cells joined by {@code " | "}); a quote's or
 *       callout's paragraphs (a callout's title is its own paragraph); each fenced or indented code
 *       block as its literal text; an HTML block's visible text ({@code <br>} as a line break). Soft
 *       and hard line breaks are {@code \n}; runs of blanks are collapsed.</li>
 *   <li>Dropped: HTML comments, {@code %%} comments, images (their alt text is kept), embeds,
 *       link URLs (link text is kept), thematic breaks, link reference definitions, and Obsidian
 *       block ids ({@code ^b15695} ending a line outside code, see {@link BlockIds}).</li>
 *   <li>Wikilinks show their display text: {@code [[a|b]]} → {@code b}, {@code [[Note#Heading]]} →
 *       {@code Note > Heading}, {@code [[#Heading]]} → {@code Heading}, {@code [[Note#^id]]} →
 *       {@code Note} (see {@link WikiLink#displayText()}).</li>
 *   <li>{@code TAGS}: frontmatter {@code tags}/{@code tag}, then inline tags outside code in reading
 *       order (also inside raw HTML such as {@code <span>#a/b</span>}); without {@code #}, nested
 *       tags keep {@code /}, digits-only ({@code #1505}) are not tags, de-duplicated ignoring case.</li>
 *   <li>{@code LINKS}: targets of wikilinks and embeds in reading order, de-duplicated, as written
 *       (folders and extension kept, heading and block part dropped: {@code [[Note#^b|x]]} →
 *       {@code Note}, {@code ![[x.png]]} → {@code x.png}), de-duplicated ignoring case as Obsidian
 *       resolves links ({@code [[layout]]} and {@code [[Layout]]} are one note; the first spelling
 *       stays). A link into the same note ({@code [[#Heading]]}) is not an outgoing link and adds
 *       nothing.</li>
 *   <li>{@code ALIASES}: frontmatter {@code aliases}/{@code alias}. {@code FRONTMATTER}: every
 *       property as a string.</li>
 * </ul>
 * Bad input never throws: problems become {@link ExtractedDocument#warnings()}.
 *
 * <h2>Bounded work</h2>
 * Parsing is linear in the note's length whatever its content, and its result does not depend on
 * the thread's stack size: a line that nests more than {@value NestingLimit#MAX_DEPTH} quotes or
 * lists is cut to that depth before parsing ({@link NestingLimit}), a paragraph with more than
 * {@value InlineLimit#MAX_DELIMITERS} emphasis marks or image openers has the later ones read as
 * plain text ({@link InlineLimit}), every walk over the parsed tree is iterative, and the Obsidian
 * passes scan each character a bounded number of times. The frontmatter has its own budgets
 * ({@link Frontmatter}). Size limits are applied by {@link MarkdownExtractor}.
 */
public final class NoteParser {
    private static final List<Extension> EXTENSIONS = List.of(TablesExtension.create());
    private static final Parser SPAN_PARSER = Parser.builder().extensions(EXTENSIONS)
            .includeSourceSpans(IncludeSourceSpans.BLOCKS_AND_INLINES).build();
    private static final Parser PARSER = Parser.builder().extensions(EXTENSIONS).build();

    private NoteParser() {
    }

    /** Parses a note's text; see the class comment for the rules. Never throws for bad input. */
    public static ExtractedDocument parse(String markdown) {
        return analyze(markdown).document();
    }

    /**
     * Like {@link #parse(String)}, and also returns every wikilink met and the number of
     * {@code %%} comments dropped.
     *
     * @param markdown the note as decoded text (a leading BOM is dropped; CRLF and CR line ends are
     *                 read as LF)
     */
    public static ParsedNote analyze(String markdown) {
        String text = normalize(markdown == null ? "" : markdown);
        Frontmatter fm = Frontmatter.parse(text);
        List<String> warnings = new ArrayList<>(fm.warnings());
        Tags tags = new Tags();
        fm.tags().forEach(tags::add);

        List<Section> sections;
        List<WikiLink> wikiLinks;
        int comments;
        NestingLimit.Result capped = NestingLimit.apply(fm.body());
        if (capped.cutLines() > 0) {
            warnings.add(capped.cutLines() + " line(s) nest more than " + NestingLimit.MAX_DEPTH
                    + " quotes or lists: the deeper levels are read as level " + NestingLimit.MAX_DEPTH);
        }
        InlineLimit.Result inline = InlineLimit.apply(capped.text(), EXTENSIONS);
        if (inline.capped() > 0) {
            warnings.add(inline.capped() + " paragraph(s) hold more than " + InlineLimit.MAX_DELIMITERS
                    + " emphasis marks or image openers: the later ones are read as plain text");
        }
        String body = inline.text();
        try {
            ObsidianPreprocessor.Result pre = ObsidianPreprocessor.process(body, SPAN_PARSER);
            warnings.addAll(pre.warnings());
            Node doc = PARSER.parse(pre.markdown());
            SectionBuilder builder = new SectionBuilder(new Placeholders(pre), tags);
            sections = builder.build(doc);
            wikiLinks = builder.links();
            comments = pre.comments();
        } catch (StackOverflowError e) {
            // a last resort: the walks are iterative and nesting is capped, so this is not expected
            String plain = SectionBuilder.clean(body);
            sections = plain.isEmpty() ? List.of() : List.of(Section.ofHeadings(List.of(), List.of(plain)));
            wikiLinks = List.of();
            comments = 0;
            warnings.add("note is nested too deeply to parse as Markdown: its text is kept unstructured");
        }

        Map<String, String> links = new LinkedHashMap<>();
        for (WikiLink link : wikiLinks) {
            if (link.linkTarget() != null) {
                links.putIfAbsent(link.linkTarget().toLowerCase(Locale.ROOT), link.linkTarget());
            }
        }
        Map<String, Object> attributes = new LinkedHashMap<>();
        attributes.put(ExtractedDocument.TAGS, tags.list());
        attributes.put(ExtractedDocument.ALIASES, List.copyOf(new LinkedHashSet<>(fm.aliases())));
        attributes.put(ExtractedDocument.LINKS, List.copyOf(links.values()));
        attributes.put(ExtractedDocument.FRONTMATTER, fm.properties());
        ExtractedDocument document = new ExtractedDocument(fm.title(), sections, attributes, warnings);
        return new ParsedNote(document, wikiLinks, comments);
    }

    private static String normalize(String s) {
        String t = s.startsWith("\uFEFF") ? s.substring(1) : s;
        if (t.indexOf('\r') >= 0) {
            t = t.replace("\r\n", "\n").replace('\r', '\n');
        }
        return t;
    }
}
