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

    /**
     * Renders the block {@code root} and everything inside it, in reading order. The walk is
     * iterative (parent links, no recursion), so no nesting depth can overflow the stack.
     */
    private void block(Node root) {
        Node n = root;
        while (n != null) {
            boolean descend = false;
            switch (n) {
                case Paragraph p -> paragraph(p);
                case Heading h -> add(clean(inline(h))); // inside a quote or list: not a section heading
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
                default -> descend = true; // block quotes, lists, list items, custom containers
            }
            n = next(n, root, descend);
        }
    }

    /**
     * The node after {@code n} in a pre-order walk of {@code root}'s subtree: its first child when
     * {@code descend}, else its next sibling or the next sibling of its nearest ancestor below
     * {@code root}; {@code null} at the end.
     */
    static Node next(Node n, Node root, boolean descend) {
        if (descend && n.getFirstChild() != null) {
            return n.getFirstChild();
        }
        Node c = n;
        while (c != root) {
            if (c.getNext() != null) {
                return c.getNext();
            }
            c = c.getParent();
            if (c == null) {
                return null;
            }
        }
        return null;
    }

    /**
     * A paragraph; the first paragraph of a list item loses its task checkbox, the first of a block
     * quote its Obsidian callout marker {@code [!type]} (the callout's title becomes a paragraph of
     * its own).
     */
    private void paragraph(Paragraph p) {
        String text = clean(inline(p));
        Node parent = p.getParent();
        if (parent instanceof ListItem && parent.getFirstChild() == p) {
            add(TASK.matcher(text).replaceFirst(""));
        } else if (parent instanceof BlockQuote && parent.getFirstChild() == p) {
            Matcher m = CALLOUT.matcher(text);
            if (m.lookingAt()) {
                String rest = text.substring(m.end());
                int nl = rest.indexOf('\n');
                add(nl < 0 ? rest : rest.substring(0, nl)); // the title, if any
                add(nl < 0 ? "" : rest.substring(nl + 1));
            } else {
                add(text);
            }
        } else {
            add(text);
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
     * text but hidden from tag and link detection. Obsidian block ids ({@code ^id} ending a line
     * outside code) are dropped ({@link BlockIds}). Iterative: any nesting of emphasis or links is
     * safe.
     */
    private String inline(Node container) {
        StringBuilder display = new StringBuilder();
        StringBuilder scan = new StringBuilder();
        Node n = container.getFirstChild();
        while (n != null) {
            boolean descend = false;
            switch (n) {
                case Text text -> {
                    display.append(placeholders.resolve(text.getLiteral(), links::add));
                    scan.append(text.getLiteral());
                }
                case Code code -> {
                    display.append(placeholders.restore(code.getLiteral()));
                    scan.append(Tags.CODE);
                }
                case HtmlInline html -> {
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
                case SoftLineBreak br -> {
                    display.append('\n');
                    scan.append('\n');
                }
                case HardLineBreak br -> {
                    display.append('\n');
                    scan.append('\n');
                }
                default -> descend = true; // emphasis, links, images: their text
            }
            n = next(n, container, descend);
        }
        tags.addInline(scan.toString());
        return BlockIds.strip(display.toString(), scan.toString());
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
