package io.alexandria.extraction.markdown;

import io.alexandria.extraction.Section;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.commonmark.ext.gfm.tables.TableBlock;
import org.commonmark.ext.gfm.tables.TableCell;
import org.commonmark.ext.gfm.tables.TableRow;
import org.commonmark.node.AbstractVisitor;
import org.commonmark.node.BlockQuote;
import org.commonmark.node.Code;
import org.commonmark.node.FencedCodeBlock;
import org.commonmark.node.HardLineBreak;
import org.commonmark.node.Heading;
import org.commonmark.node.HtmlBlock;
import org.commonmark.node.HtmlInline;
import org.commonmark.node.IndentedCodeBlock;
import org.commonmark.node.LinkReferenceDefinition;
import org.commonmark.node.ListBlock;
import org.commonmark.node.ListItem;
import org.commonmark.node.Node;
import org.commonmark.node.Paragraph;
import org.commonmark.node.SoftLineBreak;
import org.commonmark.node.Text;
import org.commonmark.node.ThematicBreak;

/**
 * Walks the second-pass CommonMark document of a note and builds its heading-aware
 * {@link Section}s, collecting inline tags and wikilinks on the way (see {@link NoteParser} for the
 * rules). Not thread-safe: one instance per note.
 */
final class SectionBuilder {
    /** Obsidian callout marker at the start of a block quote: {@code [!type]}, {@code [!type]-}, {@code [!type]+}. */
    private static final Pattern CALLOUT = Pattern.compile("^\\[![^\\]\\s]*\\][+-]?[ \\t]*");
    /** Task list checkbox at the start of a list item: {@code [ ]}, {@code [x]}, {@code [/]}… */
    private static final Pattern TASK = Pattern.compile("^\\[[^\\]\\n]\\](?:[ \\t]+|$)");
    private static final Pattern BREAK_TAG = Pattern.compile("(?i)<br\\s*/?\\s*>");
    private static final Pattern TAG_NAME = Pattern.compile("^</?([A-Za-z][A-Za-z0-9-]*)");
    private static final Set<String> BLOCK_TAGS = Set.of("p", "div", "li", "ul", "ol", "dl", "dt", "dd", "tr",
            "td", "th", "table", "thead", "tbody", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "pre", "hr",
            "section", "article", "details", "summary", "figure", "figcaption");

    private final Placeholders placeholders;
    private final Tags tags;
    private final List<WikiLink> links = new ArrayList<>();
    private final List<Section> sections = new ArrayList<>();
    private final List<OpenHeading> stack = new ArrayList<>();
    private List<String> paragraphs = new ArrayList<>();

    private record OpenHeading(int level, String text) {
    }

    SectionBuilder(Placeholders placeholders, Tags tags) {
        this.placeholders = placeholders;
        this.tags = tags;
    }

    /** Builds the sections of {@code document}, in reading order, leaving out sections without text. */
    List<Section> build(Node document) {
        for (Node n = document.getFirstChild(); n != null; n = n.getNext()) {
            if (n instanceof Heading h) {
                openSection(h);
            } else {
                block(n);
            }
        }
        flush();
        return List.copyOf(sections);
    }

    /** The wikilinks and embeds met in rendered text, in order, with repeats. */
    List<WikiLink> links() {
        return List.copyOf(links);
    }

    private void openSection(Heading h) {
        String text = clean(inline(h)).replace('\n', ' ');
        if (text.isEmpty()) {
            return; // an empty heading ("#") opens nothing
        }
        flush();
        while (!stack.isEmpty() && stack.getLast().level() >= h.getLevel()) {
            stack.removeLast();
        }
        stack.add(new OpenHeading(h.getLevel(), text));
    }

    private void flush() {
        if (!paragraphs.isEmpty()) {
            List<String> path = stack.stream().map(OpenHeading::text).toList();
            sections.add(Section.ofHeadings(path, paragraphs));
            paragraphs = new ArrayList<>();
        }
    }

    private void block(Node n) {
        switch (n) {
            case Paragraph p -> add(clean(inline(p)));
            case Heading h -> add(clean(inline(h))); // inside a quote or list: not a section heading
            case BlockQuote q -> blockQuote(q);
            case ListBlock list -> {
                for (Node item = list.getFirstChild(); item != null; item = item.getNext()) {
                    block(item);
                }
            }
            case ListItem item -> listItem(item);
            case FencedCodeBlock f -> addCode(f.getLiteral());
            case IndentedCodeBlock c -> addCode(c.getLiteral());
            case HtmlBlock html -> addHtml(html.getLiteral());
            case TableBlock table -> table(table);
            case ThematicBreak ignored -> {
                // no text
            }
            case LinkReferenceDefinition ignored -> {
                // no text
            }
            default -> {
                for (Node c = n.getFirstChild(); c != null; c = c.getNext()) {
                    block(c);
                }
            }
        }
    }

    private void listItem(ListItem item) {
        Node c = item.getFirstChild();
        if (c instanceof Paragraph p) {
            add(TASK.matcher(clean(inline(p))).replaceFirst(""));
            c = c.getNext();
        }
        for (; c != null; c = c.getNext()) {
            block(c);
        }
    }

    /** A block quote; an Obsidian callout loses its {@code [!type]} marker but keeps title and body. */
    private void blockQuote(BlockQuote q) {
        Node c = q.getFirstChild();
        if (c instanceof Paragraph p) {
            String text = clean(inline(p));
            Matcher m = CALLOUT.matcher(text);
            if (m.lookingAt()) {
                String rest = text.substring(m.end());
                int nl = rest.indexOf('\n');
                add(nl < 0 ? rest : rest.substring(0, nl)); // the title, if any
                add(nl < 0 ? "" : rest.substring(nl + 1));
            } else {
                add(text);
            }
            c = c.getNext();
        }
        for (; c != null; c = c.getNext()) {
            block(c);
        }
    }

    private void table(TableBlock table) {
        table.accept(new AbstractVisitor() {
            @Override
            public void visit(org.commonmark.node.CustomNode node) {
                if (node instanceof TableRow row) {
                    List<String> cells = new ArrayList<>();
                    for (Node cell = row.getFirstChild(); cell != null; cell = cell.getNext()) {
                        if (cell instanceof TableCell) {
                            String text = clean(inline(cell)).replace('\n', ' ');
                            if (!text.isEmpty()) {
                                cells.add(text);
                            }
                        }
                    }
                    add(String.join(" | ", cells));
                } else {
                    visitChildren(node);
                }
            }
        });
    }

    private void addCode(String literal) {
        String text = placeholders.restore(literal).stripTrailing().replaceFirst("^(?:[ \\t]*\n)+", "");
        if (!text.isBlank()) {
            paragraphs.add(text);
        }
    }

    private void addHtml(String html) {
        String scan = HtmlText.of(html);
        tags.addInline(scan);
        String text = placeholders.resolve(scan.replace(String.valueOf(Tags.BOUNDARY), ""), links::add);
        add(clean(text));
    }

    private void add(String text) {
        if (text != null && !text.isBlank()) {
            paragraphs.add(text.strip());
        }
    }

    /**
     * The plain text of an inline container, with wikilinks as display text (reported to
     * {@link #links}) and inline tags reported to {@link #tags}. Code spans are kept as their literal
     * text but hidden from tag and link detection.
     */
    private String inline(Node container) {
        StringBuilder display = new StringBuilder();
        StringBuilder scan = new StringBuilder();
        container.accept(new AbstractVisitor() {
            @Override
            public void visit(Text text) {
                display.append(placeholders.resolve(text.getLiteral(), links::add));
                scan.append(text.getLiteral());
            }

            @Override
            public void visit(Code code) {
                display.append(placeholders.restore(code.getLiteral()));
                scan.append(Tags.CODE);
            }

            @Override
            public void visit(HtmlInline html) {
                String literal = html.getLiteral();
                if (literal.startsWith("<!--")) {
                    scan.append(Tags.BOUNDARY);
                } else if (BREAK_TAG.matcher(literal).matches()) {
                    display.append('\n');
                    scan.append('\n');
                } else {
                    Matcher m = TAG_NAME.matcher(literal);
                    if (m.find() && BLOCK_TAGS.contains(m.group(1).toLowerCase(Locale.ROOT))) {
                        display.append(' ');
                    }
                    scan.append(Tags.BOUNDARY);
                }
            }

            @Override
            public void visit(SoftLineBreak br) {
                display.append('\n');
                scan.append('\n');
            }

            @Override
            public void visit(HardLineBreak br) {
                display.append('\n');
                scan.append('\n');
            }
        });
        tags.addInline(scan.toString());
        return display.toString();
    }

    /** Collapses blanks in each line, trims lines and drops empty ones. */
    static String clean(String text) {
        StringBuilder out = new StringBuilder(text.length());
        for (String line : text.split("\n", -1)) {
            String l = line.replaceAll("[ \\t\\x0B\\f\\r]+", " ").strip();
            if (!l.isEmpty()) {
                if (!out.isEmpty()) {
                    out.append('\n');
                }
                out.append(l);
            }
        }
        return out.toString();
    }
}
