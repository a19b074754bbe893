package io.alexandria.extraction.book;

import io.alexandria.extraction.ExtractionException;
import java.util.ArrayList;
import java.util.List;
import org.jsoup.nodes.Element;
import org.jsoup.nodes.Node;
import org.jsoup.nodes.TextNode;
import org.jsoup.select.NodeFilter;
import org.jsoup.select.NodeTraversor;

/**
 * The one place where markup becomes paragraphs: walks a parsed (X)HTML or XML tree and emits a
 * {@link Block} for every run of text between block-element boundaries, as {@link BlockRules}
 * define them. A heading element ({@link BlockRules#headingLevel()}) gives one heading block,
 * even when it holds block elements itself (FB2 {@code <title><p>…</p><p>…</p></title>}). Element
 * ids seen since the last block are attached to the next block as anchors. Text is normalised by
 * {@link TextNormalizer}; blank blocks are dropped. The walk is
 * iterative (jsoup's {@link NodeTraversor}), so deep nesting cannot overflow the stack. Every kept
 * character is counted against the guard's text budget, and the deadline is checked every 1,024
 * nodes.
 */
final class BlockText {
    private static final int DEADLINE_CHECK_NODES = 1024;

    private BlockText() {
    }

    /**
     * The blocks of {@code root}'s subtree in document order.
     *
     * @throws ExtractionException {@code TextTooLarge} past the text budget, {@code ExtractionTimeout}
     *                             past the deadline
     */
    static List<Block> of(Element root, BlockRules rules, ExtractionGuard guard) throws ExtractionException {
        Walker walker = new Walker(rules, guard);
        NodeTraversor.filter(walker, root);
        if (walker.failure != null) {
            throw walker.failure;
        }
        walker.flush();
        if (walker.failure != null) {
            throw walker.failure;
        }
        return walker.blocks;
    }

    /** The texts of {@code blocks}. */
    static List<String> texts(List<Block> blocks) {
        List<String> out = new ArrayList<>(blocks.size());
        for (Block b : blocks) {
            out.add(b.text());
        }
        return out;
    }

    private static final class Walker implements NodeFilter {
        private final BlockRules rules;
        private final ExtractionGuard guard;
        private final List<Block> blocks = new ArrayList<>();
        private final StringBuilder text = new StringBuilder();
        private final List<String> anchors = new ArrayList<>();
        private int headingLevel;
        private int headingDepth = -1;
        private int nodes;
        private ExtractionException failure;

        Walker(BlockRules rules, ExtractionGuard guard) {
            this.rules = rules;
            this.guard = guard;
        }

        @Override
        public FilterResult head(Node node, int depth) {
            if (++nodes % DEADLINE_CHECK_NODES == 0 && !check()) {
                return FilterResult.STOP;
            }
            if (node instanceof TextNode t) {
                if (rules.textParents().isEmpty()
                        || (t.parent() instanceof Element p && rules.textParents().contains(BlockRules.localName(p)))) {
                    text.append(t.getWholeText());
                    if (text.length() > guard.limits().maxTextChars() && !budget(text.length())) {
                        return FilterResult.STOP;
                    }
                }
                return FilterResult.CONTINUE;
            }
            if (!(node instanceof Element e)) {
                return FilterResult.SKIP_ENTIRELY; // comments, data, declarations
            }
            String name = BlockRules.localName(e);
            if (rules.skipped().contains(name)) {
                return FilterResult.SKIP_ENTIRELY;
            }
            if (rules.blocks().contains(name) && headingDepth >= 0) {
                text.append(' '); // a block inside a heading (FB2 title/p) stays part of the heading
            } else if (rules.blocks().contains(name)) {
                if (!flush()) {
                    return FilterResult.STOP;
                }
                int level = rules.headingLevel().applyAsInt(e);
                if (level > 0 && headingDepth < 0) {
                    headingLevel = level;
                    headingDepth = depth;
                }
            } else if (rules.separators().contains(name)) {
                text.append(' ');
            }
            String id = e.attributes().getIgnoreCase("id");
            if (id.isEmpty()) {
                id = e.attributes().getIgnoreCase("xml:id");
            }
            if (!id.isEmpty()) {
                anchors.add(id);
            }
            return FilterResult.CONTINUE;
        }

        @Override
        public FilterResult tail(Node node, int depth) {
            if (node instanceof Element e) {
                String name = BlockRules.localName(e);
                if (rules.blocks().contains(name) && headingDepth >= 0 && depth > headingDepth) {
                    text.append(' ');
                } else if (rules.blocks().contains(name)) {
                    if (!flush()) {
                        return FilterResult.STOP;
                    }
                    if (depth == headingDepth) {
                        headingDepth = -1;
                        headingLevel = 0;
                    }
                } else if (rules.separators().contains(name)) {
                    text.append(' ');
                }
            }
            return FilterResult.CONTINUE;
        }

        /** Emits the pending text as a block; false when the budget is spent. */
        boolean flush() {
            if (text.isEmpty()) {
                return true;
            }
            String clean = TextNormalizer.normalize(text);
            text.setLength(0);
            if (clean.isEmpty()) {
                return true;
            }
            blocks.add(new Block(clean, headingLevel, anchors));
            anchors.clear();
            try {
                guard.addChars(clean.length());
                return true;
            } catch (ExtractionException ex) {
                failure = ex;
                return false;
            }
        }

        private boolean budget(long pending) {
            try {
                guard.checkChars(guard.chars() + pending);
                return true;
            } catch (ExtractionException ex) {
                failure = ex;
                return false;
            }
        }

        private boolean check() {
            try {
                guard.checkDeadline();
                return true;
            } catch (ExtractionException ex) {
                failure = ex;
                return false;
            }
        }
    }
}
