package io.alexandria.chunking;

import io.alexandria.extraction.ExtractedDocument;
import io.alexandria.extraction.Section;
import java.text.BreakIterator;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * Splits an {@link ExtractedDocument} into chunks within {@link ChunkingOptions}: at most
 * {@code maxTokens} model tokens (counted with the model's own tokenizer; the count is that of the
 * exact text embedded, {@link Chunk#embeddingInput()}) and at most {@code maxChars} characters of
 * it, whatever the input.
 * Deterministic: the same document always gives the same chunks, so point ids stay stable.
 *
 * <h2>How</h2>
 * <ol>
 *   <li><b>Context line.</b> Each section's heading path (or chapter title) is the chunk's context
 *       line. One over {@link ChunkingOptions#maxContextTokens()} (half the tokens) or
 *       {@link ChunkingOptions#maxContextChars()} (a quarter of the characters) has its headings
 *       cut (ending in "…"); the full text of the section's own heading then opens the section's
 *       text, so nothing is lost.</li>
 *   <li><b>Units.</b> Each paragraph is one unit when it fits the section's budget (bounds minus the
 *       context line). A longer paragraph is split into sentences ({@link BreakIterator}); a
 *       sentence still too long is cut into windows: the longest run of text that fits, ending at a
 *       blank where there is one in its second half, else anywhere (never inside a surrogate pair),
 *       found by counting a window sized from the characters per token seen so far and shrinking it
 *       in proportion when it is over. Every character is tokenized a bounded number of times, so
 *       the work is linear in the document's length (Japanese without blanks, a 5 MB "word", a
 *       single-line 5 MB note alike).</li>
 *   <li><b>Packing.</b> Units are packed greedily into chunks; consecutive chunks of one section
 *       share up to {@code overlapTokens} tokens of trailing units.</li>
 *   <li><b>Tiny sections.</b> A section that makes a single chunk of fewer than {@code minTokens}
 *       tokens (a heading and one line) is merged with a neighbouring chunk of the same chapter and
 *       page when both fit in one chunk: with the next one when that is a subsection of it, else with
 *       the previous one, else with the next one. The merged chunk's context is the heading path
 *       both share; the headings below it open their part of the text.</li>
 * </ol>
 * Every character is tokenized about once (a paragraph too long for a chunk about twice); merging
 * adds only the counts of heading lines.
 */
public final class Chunker {
    private static final String ELLIPSIS = "\u2026";
    private final TokenCounter counter;
    private final ChunkingOptions options;

    /**
     * @param counter the model's token counter (must not truncate)
     * @param options the bounds
     */
    public Chunker(TokenCounter counter, ChunkingOptions options) {
        this.counter = Objects.requireNonNull(counter, "counter");
        this.options = Objects.requireNonNull(options, "options");
    }

    /** The options in use. */
    public ChunkingOptions options() {
        return options;
    }

    /**
     * Chunks the whole document; ordinals run from 0 across all sections.
     *
     * @return chunks in reading order, each within {@code maxTokens} tokens and {@code maxChars}
     *         characters of embedded text; empty when the document has no text
     */
    public List<Chunk> chunk(ExtractedDocument document) {
        List<Draft> drafts = new ArrayList<>();
        for (Section section : document.sections()) {
            chunkSection(section, drafts);
        }
        List<Draft> merged = options.minTokens() > 0 ? mergeTiny(drafts, new HashMap<>()) : drafts;
        List<Chunk> out = new ArrayList<>(merged.size());
        for (Draft d : merged) {
            out.add(new Chunk(out.size(), d.text, d.headingPath, d.chapter, d.page, d.tokens));
        }
        return out;
    }

    // ---------------------------------------------------------------- one section

    private void chunkSection(Section section, List<Draft> out) {
        List<String> paragraphs = new ArrayList<>(section.paragraphs().size() + 1);
        List<String> path = contextPath(section.headingPath(), paragraphs);
        paragraphs.addAll(section.paragraphs());
        String context = String.join(" > ", path);
        int contextTokens = context.isEmpty() ? 0 : counter.count(context);
        int contextChars = context.isEmpty() ? 0 : context.length() + 1;
        Budget budget = new Budget(options.maxTokens() - contextTokens, options.maxChars() - contextChars);
        List<Unit> units = new ArrayList<>();
        for (String paragraph : paragraphs) {
            if (!paragraph.isBlank()) {
                split(paragraph.strip(), budget, units);
            }
        }
        List<Unit> current = new ArrayList<>();
        int currentTokens = 0;
        int currentChars = 0;
        int first = out.size();
        for (Unit unit : units) {
            if (!current.isEmpty() && (currentTokens + unit.tokens > budget.tokens
                    || currentChars + 2 + unit.text.length() > budget.chars)) {
                emit(current, section, path, contextTokens, out);
                List<Unit> overlap = overlapOf(current, budget.tokens - unit.tokens,
                        budget.chars - unit.text.length() - 2);
                current = new ArrayList<>(overlap);
                currentTokens = 0;
                currentChars = 0;
                for (Unit u : overlap) {
                    currentTokens += u.tokens;
                    currentChars += u.text.length() + 2;
                }
            }
            current.add(unit);
            currentTokens += unit.tokens;
            currentChars += (currentChars == 0 ? 0 : 2) + unit.text.length();
        }
        if (!current.isEmpty()) {
            emit(current, section, path, contextTokens, out);
        }
        if (out.size() == first + 1) {
            out.get(first).wholeSection = true;
        }
    }

    /**
     * The heading path to use as context: the section's own, or with its headings cut to fit the
     * context bounds. When the section's own (last) heading is cut, its full text is added to
     * {@code openingParagraphs}.
     */
    private List<String> contextPath(List<String> headingPath, List<String> openingParagraphs) {
        if (headingPath.isEmpty()) {
            return headingPath;
        }
        String context = String.join(" > ", headingPath);
        if (context.length() <= options.maxContextChars() && counter.count(context) <= options.maxContextTokens()) {
            return headingPath;
        }
        int perHeading = Math.max(8, (options.maxContextChars() - 3 * headingPath.size()) / headingPath.size());
        List<String> cut;
        while (true) {
            cut = new ArrayList<>(headingPath.size());
            for (String h : headingPath) {
                cut.add(cutText(h, perHeading));
            }
            String joined = String.join(" > ", cut);
            if (perHeading <= 1 || (joined.length() <= options.maxContextChars()
                    && counter.count(joined) <= options.maxContextTokens())) {
                break;
            }
            perHeading /= 2;
        }
        if (perHeading <= 1) {
            cut = List.of(cutText(headingPath.getLast(), 1)); // only an ellipsis: nothing else fits
        }
        String own = headingPath.getLast();
        if (!cut.getLast().equals(own)) {
            openingParagraphs.add(own);
        }
        return List.copyOf(cut);
    }

    private static String cutText(String s, int max) {
        if (s.length() <= max) {
            return s;
        }
        int end = Math.max(0, max - 1);
        if (end > 0 && Character.isHighSurrogate(s.charAt(end - 1))) {
            end--;
        }
        return s.substring(0, end).stripTrailing() + ELLIPSIS;
    }

    /**
     * Trailing units of a finished chunk to repeat: at most {@code overlapTokens}, fitting
     * {@code roomTokens} and {@code roomChars}; never the whole chunk.
     */
    private List<Unit> overlapOf(List<Unit> chunk, int roomTokens, int roomChars) {
        int limit = Math.min(options.overlapTokens(), roomTokens);
        List<Unit> tail = new ArrayList<>();
        int tokens = 0;
        int chars = 0;
        for (int i = chunk.size() - 1; i > 0; i--) {
            Unit u = chunk.get(i);
            if (tokens + u.tokens > limit || chars + u.text.length() + 2 > roomChars) {
                break;
            }
            tail.addFirst(u);
            tokens += u.tokens;
            chars += u.text.length() + 2;
        }
        if (!tail.isEmpty()) {
            Unit first = tail.getFirst();
            tail.set(0, new Unit(first.text, first.tokens, false));
        }
        return tail;
    }

    /**
     * Adds the chunk of {@code units} to {@code out}. Its token count is the context line's count
     * plus its units' counts: the tokenizers the app uses split at blanks before anything else
     * (WordPiece after BERT pre-tokenization, SentencePiece after Metaspace), and units are always
     * joined with a blank, so the sum is the count of the embedded text itself (the hostile-input
     * suite checks this on every chunk).
     */
    private void emit(List<Unit> units, Section section, List<String> path, int contextTokens, List<Draft> out) {
        StringBuilder text = new StringBuilder();
        int tokens = contextTokens;
        for (Unit u : units) {
            if (!text.isEmpty()) {
                text.append(u.continuesParagraph ? " " : "\n\n");
            }
            text.append(u.text);
            tokens += u.tokens;
        }
        out.add(new Draft(text.toString(), path, section.chapter(), section.page(), tokens, tokens - contextTokens));
    }

    // ---------------------------------------------------------------- splitting into units

    /** Appends {@code paragraph} as one unit, or as sentence / window pieces if it does not fit. */
    private void split(String paragraph, Budget budget, List<Unit> units) {
        if (paragraph.length() <= budget.chars) {
            int tokens = counter.count(paragraph);
            if (tokens <= budget.tokens) {
                units.add(new Unit(paragraph, tokens, false));
                return;
            }
        }
        BreakIterator it = BreakIterator.getSentenceInstance(Locale.ROOT);
        it.setText(paragraph);
        boolean continues = false;
        int start = it.first();
        for (int end = it.next(); end != BreakIterator.DONE; start = end, end = it.next()) {
            String sentence = paragraph.substring(start, end).strip();
            if (sentence.isEmpty()) {
                continue;
            }
            if (sentence.length() <= budget.chars) {
                int tokens = counter.count(sentence);
                if (tokens <= budget.tokens) {
                    units.add(new Unit(sentence, tokens, continues));
                    continues = true;
                    continue;
                }
            }
            window(sentence, budget, units, continues);
            continues = true;
        }
    }

    /**
     * Cuts {@code text} into pieces within {@code budget}, each the longest that fits (ending at a
     * blank in its second half when there is one), in linear time: a window is sized from the
     * characters per token seen so far, counted, and shrunk in proportion while it is over.
     */
    private void window(String text, Budget budget, List<Unit> units, boolean continues) {
        int n = text.length();
        int start = skipBlanks(text, 0);
        boolean cont = continues;
        double charsPerToken = 4.0;
        while (start < n) {
            int guess = (int) Math.min(budget.chars, Math.max(16, charsPerToken * budget.tokens * 0.95));
            int end = Math.min(n, start + guess);
            if (end < n) {
                end = breakBefore(text, start, end);
            }
            String piece;
            int tokens;
            while (true) {
                piece = text.substring(start, end).stripTrailing();
                tokens = counter.count(piece);
                if ((tokens <= budget.tokens && piece.length() <= budget.chars) || end - start <= 2) {
                    break;
                }
                long shrunk = (long) (end - start) * budget.tokens / Math.max(1, tokens) * 9 / 10;
                int target = start + (int) Math.max(1, shrunk);
                target = Math.min(target, Math.min(end - 1, start + budget.chars));
                end = breakBefore(text, start, Math.max(start + 1, target));
            }
            if (!piece.isEmpty()) {
                units.add(new Unit(piece, tokens, cont));
                cont = true;
                if (tokens > 0) {
                    charsPerToken = Math.max(1.0, (double) piece.length() / tokens);
                }
            }
            start = skipBlanks(text, end);
        }
    }

    /**
     * The end for a piece that starts at {@code start} and may not pass {@code end}: just before the
     * last blank in the second half of the range, else {@code end} itself (moved back one when it
     * would split a surrogate pair).
     */
    private static int breakBefore(String text, int start, int end) {
        int floor = start + (end - start) / 2;
        for (int k = end; k > floor; k--) {
            if (Character.isWhitespace(text.charAt(k))) {
                return k;
            }
        }
        if (end < text.length() && end - 1 > start && Character.isHighSurrogate(text.charAt(end - 1))
                && Character.isLowSurrogate(text.charAt(end))) {
            return end - 1;
        }
        return end;
    }

    private static int skipBlanks(String text, int from) {
        int i = from;
        while (i < text.length() && Character.isWhitespace(text.charAt(i))) {
            i++;
        }
        return i;
    }

    // ---------------------------------------------------------------- merging tiny sections

    /**
     * Merges tiny whole-section chunks with a neighbour, see the class comment. {@code counts}
     * caches the token counts of heading lines, so a merge costs no tokenizing of the chunk text.
     */
    private List<Draft> mergeTiny(List<Draft> drafts, Map<String, Integer> counts) {
        List<Draft> out = new ArrayList<>(drafts.size());
        Draft cur = null;
        for (int i = 0; i < drafts.size(); i++) {
            Draft next = drafts.get(i);
            if (cur == null) {
                cur = next;
                continue;
            }
            Draft merged = null;
            if ((tiny(cur) || tiny(next)) && compatible(cur, next)) {
                boolean preferForward = tiny(next) && !tiny(cur) && i + 1 < drafts.size()
                        && isSubsection(drafts.get(i + 1), next) && compatible(next, drafts.get(i + 1))
                        && merge(next, drafts.get(i + 1), counts) != null;
                if (!preferForward) {
                    merged = merge(cur, next, counts);
                }
            }
            if (merged != null) {
                cur = merged;
            } else {
                out.add(cur);
                cur = next;
            }
        }
        if (cur != null) {
            out.add(cur);
        }
        return out;
    }

    private boolean tiny(Draft d) {
        return d.wholeSection && d.tokens < options.minTokens();
    }

    private static boolean compatible(Draft a, Draft b) {
        return Objects.equals(a.chapter, b.chapter) && Objects.equals(a.page, b.page);
    }

    /** {@code true} when {@code child}'s heading path extends {@code parent}'s. */
    private static boolean isSubsection(Draft child, Draft parent) {
        return child.headingPath.size() > parent.headingPath.size()
                && child.headingPath.subList(0, parent.headingPath.size()).equals(parent.headingPath);
    }

    /**
     * {@code a} and {@code b} as one chunk under their shared headings, or {@code null} when over the
     * bounds. The count is additive like the chunks' own: the shared context line's count, plus for
     * each part the count of its heading line (headings below the shared ones) and of its text.
     */
    private Draft merge(Draft a, Draft b, Map<String, Integer> counts) {
        int common = 0;
        while (common < a.headingPath.size() && common < b.headingPath.size()
                && a.headingPath.get(common).equals(b.headingPath.get(common))) {
            common++;
        }
        List<String> path = a.headingPath.subList(0, common);
        String context = String.join(" > ", path);
        String headA = subHeadings(a, common);
        String headB = subHeadings(b, common);
        int chars = (context.isEmpty() ? 0 : context.length() + 1) + partLength(headA, a) + 2 + partLength(headB, b);
        if (chars > options.maxChars()) {
            return null;
        }
        int textTokens = count(headA, counts) + a.textTokens + count(headB, counts) + b.textTokens;
        int tokens = count(context, counts) + textTokens;
        if (tokens > options.maxTokens()) {
            return null;
        }
        String body = part(headA, a) + "\n\n" + part(headB, b);
        Draft d = new Draft(body, List.copyOf(path), a.chapter, a.page, tokens, textTokens);
        d.wholeSection = a.wholeSection && b.wholeSection;
        return d;
    }

    private int count(String text, Map<String, Integer> counts) {
        return text.isEmpty() ? 0 : counts.computeIfAbsent(text, counter::count);
    }

    /** The headings of {@code d} below the first {@code common}, joined with " > ", or "". */
    private static String subHeadings(Draft d, int common) {
        return d.headingPath.size() <= common ? "" : String.join(" > ", d.headingPath.subList(common,
                d.headingPath.size()));
    }

    /** A draft's text headed by its heading line, if any. */
    private static String part(String heading, Draft d) {
        return heading.isEmpty() ? d.text : heading + "\n" + d.text;
    }

    private static int partLength(String heading, Draft d) {
        return heading.isEmpty() ? d.text.length() : heading.length() + 1 + d.text.length();
    }

    // ---------------------------------------------------------------- small types

    /** Room for the text of a chunk of one section: its bounds minus the context line. */
    private record Budget(int tokens, int chars) {
    }

    /** A packable piece of text; {@code continuesParagraph} joins it to the previous with a space. */
    private record Unit(String text, int tokens, boolean continuesParagraph) {
    }

    /**
     * A chunk before ordinals are given: {@code tokens} of its embedded text, {@code textTokens} of
     * its text alone; {@code wholeSection} when it holds a whole section (or several).
     */
    private static final class Draft {
        final String text;
        final List<String> headingPath;
        final String chapter;
        final Integer page;
        final int tokens;
        final int textTokens;
        boolean wholeSection;

        Draft(String text, List<String> headingPath, String chapter, Integer page, int tokens, int textTokens) {
            this.text = text;
            this.headingPath = headingPath;
            this.chapter = chapter;
            this.page = page;
            this.tokens = tokens;
            this.textTokens = textTokens;
        }
    }
}
